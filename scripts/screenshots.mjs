#!/usr/bin/env node
// README screenshots from the real extension in headless Chromium: docs/images/popup.png (the popup for a
// tab showing a vendor news page), docs/images/inline-marker.png (the inline marker with its hover card
// open), docs/images/directory.png and docs/images/vendor-timeline.png (the vendor directory). Needs a Chrome build (`wxt build -b chrome`); run with tsx, which loads the TypeScript test
// harness: `npm run screenshots`.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium, pollUntil, ROOT, startFixtureServer } from '../tests/browser/harness.ts';

const OUT = join(ROOT, 'docs/images');

async function main() {
  await mkdir(OUT, { recursive: true });
  const server = await startFixtureServer();
  const browser = await launchChromium({ deviceScaleFactor: 2, loopbackHosts: ['news.example.org'] });
  try {
    // A readable host in the popup header; still the loopback fixture server (mapped by the browser).
    const { page, tabId } = await browser.open(server.url('vendor.html').replace('127.0.0.1', 'news.example.org'));
    await browser.waitForBadge(tabId, { text: '1' });

    // The inline marker, hovered: its card opens below it (:host(:hover) in the marker's shadow CSS).
    const marker = page.locator('vendor-risk-marker[data-vendor="change-healthcare"]');
    await marker.waitFor();
    await marker.hover();
    // Wait for the card's layout: the host's box grows to include it only visually, so wait two frames.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const lede = await page.locator('#lede').boundingBox();
    const pill = await marker.boundingBox();
    if (!lede || !pill) throw new Error('the marker or its paragraph is not laid out');
    const x = Math.max(0, lede.x - 16);
    const y = Math.max(0, lede.y - 16);
    const bottom = Math.max(lede.y + lede.height, pill.y + pill.height + 150) + 16;
    const right = Math.max(lede.x + lede.width, pill.x + 290) + 16;
    await page.screenshot({ path: join(OUT, 'inline-marker.png'), clip: { x, y, width: right - x, height: bottom - y } });

    // The popup for that tab, opened as a page of its own (popup.html?tabId=N).
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.goto(browser.popupUrl(tabId));
    await popup.locator('.vendor-card[data-vendor-id="change-healthcare"]').waitFor();
    await pollUntil('fonts', () => popup.evaluate(() => document.fonts.status), (s) => s === 'loaded');
    await popup.locator('.popup').screenshot({ path: join(OUT, 'popup.png') });

    // The vendor directory (docs/images/directory.png) and a vendor's profile with its timeline, one
    // incident focused from the keyboard (docs/images/vendor-timeline.png).
    const directory = await browser.context.newPage();
    await directory.setViewportSize({ width: 1000, height: 760 });
    await directory.goto(`chrome-extension://${browser.extensionId}/vendors.html#/`);
    await directory.locator('.result').first().waitFor();
    await pollUntil('fonts', () => directory.evaluate(() => document.fonts.status), (s) => s === 'loaded');
    await directory.screenshot({ path: join(OUT, 'directory.png') });
    await directory.setViewportSize({ width: 1000, height: 1000 });
    await directory.goto(`chrome-extension://${browser.extensionId}/vendors.html#/vendor/progress-software`);
    await directory.locator('.timeline-point').first().waitFor();
    await directory.locator('.timeline-point[tabindex="0"]').focus();
    await directory.keyboard.press('ArrowRight');
    await directory.locator('.timeline-tip').waitFor();
    await directory.screenshot({ path: join(OUT, 'vendor-timeline.png') });
    console.log(`wrote ${['inline-marker', 'popup', 'directory', 'vendor-timeline'].map((n) => join(OUT, `${n}.png`)).join(', ')}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
