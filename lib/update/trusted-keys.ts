import type { TrustedKey } from './keys';

/**
 * The public keys built into the extension. Datasets signed with their private halves are accepted;
 * the `trustedKeys` setting (or an organisation policy) can add more. Private keys never enter the
 * repository: the maintainer key's private half is kept by the maintainer (see README, "Publishing a
 * dataset update").
 */
export const BUILT_IN_KEYS: readonly TrustedKey[] = [
  {
    keyId: 'CL-PtvtLftaOM4pkw6XVkwiU-gKzCxVFmybX8_b1jWU',
    algorithm: 'ECDSA-P256-SHA256',
    publicKey: {
      kty: 'EC',
      crv: 'P-256',
      x: 'F_jY71DHcT1fQbiPVO4NTAjncShm7Pywme2NrB4Mlyw',
      y: 'jAGXU800dkBGseddTOGI7R2p_m85O2WiOBhQaL6xC48',
    },
    label: 'Vendor Breach Radar maintainers',
  },
];
