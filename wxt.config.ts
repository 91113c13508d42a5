import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// One code base for Chrome/Edge (MV3) and Firefox (MV3).
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'Vendor Breach Radar',
    default_locale: 'en',
    description:
      'Shows the breach history of healthcare vendors on the pages you visit. Nothing read on a page leaves your browser.',
    permissions: ['storage', 'alarms'],
    host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: 'Vendor Breach Radar' },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'; base-uri 'none'; frame-ancestors 'none'",
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'vendor-breach-radar@example.org',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
