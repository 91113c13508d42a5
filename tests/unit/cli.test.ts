import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main';
import type { CliIo } from '../../lib/cli/io';

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), cwd: process.cwd() };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const NEWS = 'tests/fixtures/pages/breach-news.html';
const TRAP = 'tests/fixtures/pages/trap.html';

describe('vendor-risk scan', () => {
  it('prints each page and its vendors as JSON', async () => {
    const { code, out } = await run('scan', '--json', NEWS, TRAP);
    expect(code).toBe(0);
    const pages = JSON.parse(out);
    expect(pages.map((p: { file: string; url: string | null }) => [p.file, p.url])).toEqual([
      [NEWS, 'https://news.example.org/2024/change-healthcare'],
      [TRAP, null],
    ]);
    const vendors = pages[0].vendors;
    expect(vendors.map((v: { id: string }) => v.id).sort()).toEqual(['carecloud', 'change-healthcare', 'epic-systems', 'optum']);
    const change = vendors.find((v: { id: string }) => v.id === 'change-healthcare');
    expect(change).toMatchObject({ name: 'Change Healthcare', category: 'clearinghouse', severity: 'high' });
    expect(change.incidents).toBeGreaterThan(0);
    expect(change.lastIncident).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(change.evidence[0]).toMatchObject({ kind: 'text', text: expect.stringContaining('Change Healthcare') });
    expect(vendors.find((v: { id: string }) => v.id === 'epic-systems').evidence[0].kind).toBe('footer');
    expect(pages[1].vendors).toEqual([]);
  });

  it('uses --url for the page address', async () => {
    const { out } = await run('scan', '--json', '--url', 'https://portal.carecloud.com/login', TRAP);
    const [page] = JSON.parse(out);
    expect(page.vendors.map((v: { id: string; evidence: { kind: string }[] }) => [v.id, v.evidence[0]!.kind])).toEqual([
      ['carecloud', 'host'],
    ]);
  });

  it('prints a readable report', async () => {
    const { out } = await run('scan', NEWS);
    expect(out).toMatch(/Change Healthcare \[clearinghouse\] severity high: \d+ reported incident/);
    expect(out).toContain('footer: powered by Epic');
  });

  it('fails clearly on a missing file and on a binary file, and keeps going', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vr-'));
    const binary = join(dir, 'image.html');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    const { code, err, out } = await run('scan', '--json', 'missing.html', binary, NEWS);
    expect(code).toBe(1);
    expect(err).toContain('missing.html: cannot read: ENOENT');
    expect(err).toContain('image.html: not an HTML page');
    expect(JSON.parse(out)).toHaveLength(1);
  });

  it('rejects bad usage with exit code 2', async () => {
    expect((await run('scan')).code).toBe(2);
    expect((await run('scan', '--bogus', NEWS)).err).toContain('unknown option --bogus');
    expect((await run('frobnicate')).code).toBe(2);
  });
});

describe('vendor-risk lookup', () => {
  it('prints a vendor profile and its incidents as JSON, by name, alias or domain', async () => {
    const { code, out } = await run('lookup', '--json', 'Change Healthcare', 'PJ&A', 'carecloud.com', 'Nobody Real Inc');
    expect(code).toBe(0);
    const [change, pja, carecloud, nobody] = JSON.parse(out);
    expect(change.vendor).toMatchObject({ id: 'change-healthcare', name: 'Change Healthcare', category: 'clearinghouse' });
    expect(change.incidents).toContainEqual(
      expect.objectContaining({ type: 'ransomware', affected: 192_700_000, status: 'confirmed', date: expect.any(String) }),
    );
    expect(pja.vendor.id).toBe('perry-johnson-associates');
    expect(carecloud.incidents[0]).toMatchObject({ status: 'access-confirmed-exfiltration-unconfirmed', affected: null });
    expect(nobody).toEqual({ query: 'Nobody Real Inc', vendor: null, incidents: [] });
  });

  it('tolerates a small typo and reads a procurement list from a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vr-'));
    const list = join(dir, 'vendors.txt');
    writeFileSync(list, '# shortlist\nWelltok\nAthenahealht\n\n');
    const { out } = await run('lookup', '--json', '--file', list);
    expect(JSON.parse(out).map((r: { vendor: { id: string } }) => r.vendor.id)).toEqual(['welltok', 'athenahealth']);
  });

  it('says so in words when a name is unknown, with exit code 0', async () => {
    const { code, out } = await run('lookup', 'Nobody Real Inc');
    expect(code).toBe(0);
    expect(out).toContain('Nobody Real Inc: no vendor or organisation');
  });
});
