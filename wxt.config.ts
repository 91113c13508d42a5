import preact from '@preact/preset-vite';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { compileIndex, SHIPPED_INDEX_FILE } from './lib/background/compiled-index';
import { ALL_SITES, SCANNER_FILE } from './lib/background/site-access';
import { DatasetBundle } from './lib/dataset/schema';
import { indexAsText } from './lib/detection/detection-index';
import { indexCompilerId } from './scripts/index-compiler-id';
import { writeManagedSchema } from './scripts/managed-schema';

/**
 * V8's explicit compile hint: every function of the file is compiled as the script is, instead of parsed
 * twice (a quick pass at start, then again at its first call, in the middle of the page's first scan). On the
 * bench article that took 1.5 ms off the content script's time (paired loads, README's Performance section).
 */
function compileEagerly(fileName: string): Plugin {
  return {
    name: 'vendor-risk:compile-eagerly',
    generateBundle(_options, bundle) {
      const chunk = bundle[fileName];
      if (chunk?.type === 'chunk') chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
    },
  };
}

// One code base for Chrome/Edge (MV3) and Firefox (MV3).
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  vite: () => ({
    plugins: [preact(), compileEagerly(SCANNER_FILE.slice(1))],
    // Which build of the index compiler this is (scripts/index-compiler-id.ts).
    define: { 'import.meta.env.VBR_INDEX_COMPILER': JSON.stringify(indexCompilerId()) },
  }),
  hooks: {
    // public/managed_schema.json (the enterprise policy schema) is generated from the zod Settings schema.
    'build:before': () => {
      writeManagedSchema();
    },
    // The content script is registered at run time (lib/background/site-access.ts) for every site. Chrome
    // and Edge would grant the host permissions at install: there they become optional,
    // asked for when automatic mode is chosen, so on-click mode holds no host permission. Firefox grants
    // MV3 host permissions only as the user allows them and lets the extension give them back.
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.browser === 'firefox' || !manifest.host_permissions) return;
      manifest.optional_host_permissions = manifest.host_permissions;
      delete manifest.host_permissions;
    },
    // The dataset ships as a file the background reads only when it needs it, not as 7 MB of script
    // that every service-worker start would have to parse.
    // Gzipped: 0.6 MB instead of 7.6, and stores' linters do not try to parse it. gzipSync writes no
    // timestamp, so the file is the same on every build.
    // With it, the detection index compiled from the same file: the first start after install reads it
    // instead of compiling it on a cold worker (lib/background/compiled-index.ts).
    'build:publicAssets': (wxt, files) => {
      const text = readFileSync(resolve('data/bundle.json'));
      const packed = resolve(wxt.config.wxtDir, 'dataset.json.gz');
      writeFileSync(packed, gzipSync(text, { level: 9 }));
      files.push({ absoluteSrc: packed, relativeDest: 'dataset.json.gz' });
      const index = resolve(wxt.config.wxtDir, SHIPPED_INDEX_FILE);
      writeFileSync(index, JSON.stringify(indexAsText(compileIndex(DatasetBundle.parse(JSON.parse(text.toString('utf8')))))));
      files.push({ absoluteSrc: index, relativeDest: SHIPPED_INDEX_FILE });
    },
  },
  manifest: ({ browser }) => ({
    name: 'Vendor Breach Radar',
    default_locale: 'en',
    description:
      'Shows the breach history of healthcare vendors on the pages you visit. Nothing read on a page leaves your browser.',
    // scripting + activeTab: in on-click mode, a click on the toolbar button scans the tab.
    permissions: ['storage', 'alarms', 'scripting', 'activeTab'],
    host_permissions: ALL_SITES,
    action: { default_title: 'Vendor Breach Radar' },
    // The toolbar button from the keyboard; in on-click mode the shortcut scans the tab like a click.
    commands: { _execute_action: { suggested_key: { default: 'Alt+Shift+V' }, description: 'Show the vendors on this page' } },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'; base-uri 'none'; frame-ancestors 'none'",
    },
    ...(browser !== 'firefox'
      ? {
          // Enterprise policy (storage.managed), checked by Chrome and Edge against this schema; Firefox reads the
          // same keys from policies.json and checks no schema (zod validates them in both).
          storage: { managed_schema: 'managed_schema.json' },
          // Messages by structured clone, as Firefox always passes them: the detection index's typed arrays reach
          // each page as they are, not as base64 in a JSON text for the page to parse and decode (Chrome 148+).
          message_serialization: 'structured_clone',
          minimum_chrome_version: '148',
        }
      : {}),
    // A pinned extension id for unpacked test builds (docs/deploy.md): VBR_TEST_KEY is a public key, base64.
    ...(browser !== 'firefox' && process.env.VBR_TEST_KEY ? { key: process.env.VBR_TEST_KEY } : {}),
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
