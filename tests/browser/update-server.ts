/**
 * The local dataset update server both browsers' update tests use: it serves a signed valid newer bundle, a
 * tampered one, an older version, a 500, a hanging response or an oversized file, as the test says.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { DatasetBundle } from '../../lib/dataset/schema';
import { generateKeyPair, publicPart } from '../../lib/update/crypto';
import type { PrivateKeyFile, TrustedKey } from '../../lib/update/keys';
import { createManifest } from '../../lib/update/manifest';
import { vendorWithoutIncidents } from './expectations';
import { ROOT } from './harness';

export const NEW_VERSION = '2099.1.1';
// A vendor with no incident in the shipped dataset: the update gives it its first one.
export const QUIET_VENDOR = vendorWithoutIncidents();
export const NEW_INCIDENT = `${QUIET_VENDOR.id}-test-update`;

export type Scenario = 'valid' | 'tampered' | 'older' | 'error-500' | 'hang' | 'oversize';

/** Each bad update the server can serve, the reason the extension must give, and words its message holds. */
export const BAD_UPDATES: [Scenario, string, RegExp][] = [
  ['tampered', 'hash-mismatch', /altered or damaged/],
  ['older', 'not-newer', /older than the active 2099\.1\.1/],
  ['error-500', 'http-error', /500/],
  ['hang', 'timeout', /did not answer within 15 seconds/],
  ['oversize', 'oversize', /larger than/],
];

interface Published {
  manifest: string;
  bundle: Buffer;
  bundleName: string;
}

async function publish(bundle: DatasetBundle, key: PrivateKeyFile): Promise<Published> {
  const bytes = Buffer.from(JSON.stringify(bundle));
  const bundleName = `bundle-${bundle.version}.json`;
  const manifest = await createManifest(new Uint8Array(bytes), { version: bundle.version, generatedAt: bundle.generatedAt, bundle: bundleName }, key);
  return { manifest: JSON.stringify(manifest), bundle: bytes, bundleName };
}

/** The update server: what it serves depends on the current scenario. */
export async function startUpdateServer(files: Record<'valid' | 'tampered' | 'older' | 'oversize', Published>) {
  let scenario: Scenario = 'valid';
  const log: { path: string; status: number }[] = [];
  const hanging = new Set<ServerResponse>();

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const answer = (status: number, body?: string | Buffer, headers: Record<string, string> = {}) => {
      log.push({ path, status });
      res.writeHead(status, { 'Cache-Control': 'no-cache', ...headers }).end(body);
    };
    if (scenario === 'error-500') return answer(500, 'internal error');
    if (scenario === 'hang') {
      log.push({ path, status: 0 });
      hanging.add(res);
      return;
    }
    const published = files[scenario];
    if (path === '/vbr/manifest.json') {
      const etag = `"${createHash('sha256').update(published.manifest).digest('hex').slice(0, 16)}"`;
      if (req.headers['if-none-match'] === etag) return answer(304);
      return answer(200, published.manifest, { 'Content-Type': 'application/json', ETag: etag });
    }
    if (path === `/vbr/${published.bundleName}`) {
      if (scenario !== 'oversize') return answer(200, published.bundle, { 'Content-Type': 'application/json' });
      // Far more than the signed size, streamed without a length: the extension must stop reading.
      log.push({ path, status: 200 });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 17 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => undefined);
      return pump();
    }
    answer(404, 'not found');
  }

  const server: Server = createServer(handle);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    manifestUrl: `${origin}/vbr/manifest.json`,
    log,
    set: (next: Scenario) => {
      scenario = next;
      log.length = 0;
    },
    close: () =>
      new Promise<void>((ok) => {
        hanging.forEach((res) => res.destroy());
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

export type UpdateServer = Awaited<ReturnType<typeof startUpdateServer>>;

/** A throwaway signing key and a server publishing the shipped dataset plus one new incident, signed by it. */
export async function startSignedUpdateServer(): Promise<{ trusted: TrustedKey; updates: UpdateServer }> {
  const key = await generateKeyPair('browser test (throwaway)');
  const shipped = DatasetBundle.parse(JSON.parse(readFileSync(join(ROOT, 'data/bundle.json'), 'utf8')));
  const incident = DatasetBundle.shape.incidents.element.parse({
    id: NEW_INCIDENT,
    vendorIds: [QUIET_VENDOR.id],
    title: 'Test incident delivered by a dataset update',
    dates: { disclosed: '2099-01-01' },
    type: 'hacking',
    affected: { kind: 'exact', count: 12_345 },
    status: 'confirmed',
    sources: [{ title: 'Browser test' }],
  });
  const at = (version: string): DatasetBundle => ({ ...shipped, version, incidents: [...shipped.incidents, incident] });
  const tampered = await publish(at('2099.2'), key);
  tampered.bundle = Buffer.from(tampered.bundle.toString('utf8').replace('12345', '99999'));
  const updates = await startUpdateServer({
    valid: await publish(at(NEW_VERSION), key),
    tampered,
    older: await publish(at('2099.1'), key),
    oversize: await publish(at('2099.3'), key),
  });
  return { trusted: publicPart(key), updates };
}
