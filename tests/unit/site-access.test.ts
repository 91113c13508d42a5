import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { WxtBrowser } from 'wxt/browser';
import { ALL_SITES, createSiteAccess, SCANNER_FILE } from '../../lib/background/site-access';
import type { ScanMode } from '../../lib/settings/schema';
import { installSiteAccessFake } from './fake-site-access';

const browser = fakeBrowser as unknown as WxtBrowser;

describe('site access', () => {
  let mode: ScanMode;
  const access = () => createSiteAccess(browser, async () => mode);
  beforeEach(() => {
    fakeBrowser.reset();
    mode = 'automatic';
  });

  it('registers the content script on every site in automatic mode once access is granted', async () => {
    const fake = installSiteAccessFake(fakeBrowser, { granted: true });
    expect(await access().sync()).toBe('all-sites');
    expect(fake.registered()).toEqual([expect.objectContaining({ js: [SCANNER_FILE], matches: ALL_SITES })]);
    // A second start finds it registered and leaves it.
    expect(await access().sync()).toBe('all-sites');
    expect(fake.registered()).toHaveLength(1);
  });

  it('scans the pages already open when it registers the content script', async () => {
    installSiteAccessFake(fakeBrowser, { granted: true });
    const tab = await fakeBrowser.tabs.create({ url: 'https://portal.example/' });
    const executeScript = vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValue([]);
    await access().sync();
    expect(executeScript).toHaveBeenCalledWith({ target: { tabId: tab.id }, files: [SCANNER_FILE] });
    executeScript.mockClear();
    await access().sync(); // already registered: open pages have it
    expect(executeScript).not.toHaveBeenCalled();
  });

  it('registers nothing and says so while automatic mode waits for the permission', async () => {
    const fake = installSiteAccessFake(fakeBrowser, { granted: false });
    expect(await access().sync()).toBe('needs-permission');
    expect(fake.registered()).toEqual([]);
  });

  it('in on-click mode gives back the host permission and drops the content script', async () => {
    const fake = installSiteAccessFake(fakeBrowser, { granted: true });
    const siteAccess = access();
    await siteAccess.sync();
    mode = 'on-click';
    expect(await siteAccess.sync()).toBe('on-click');
    expect(fake.origins()).toEqual([]);
    expect(fake.registered()).toEqual([]);
  });

  it('drops the content script when the user takes the permission back', async () => {
    const fake = installSiteAccessFake(fakeBrowser, { granted: true });
    const siteAccess = access();
    await siteAccess.sync();
    fake.revoke();
    expect(await siteAccess.sync()).toBe('needs-permission');
    expect(fake.registered()).toEqual([]);
  });

  it('runs a burst of syncs one after another, so the script is registered once', async () => {
    const fake = installSiteAccessFake(fakeBrowser, { granted: true });
    const siteAccess = access();
    expect(await Promise.all([siteAccess.sync(), siteAccess.sync(), siteAccess.sync()])).toEqual(['all-sites', 'all-sites', 'all-sites']);
    expect(fake.registered()).toHaveLength(1);
  });
});
