/**
 * What the benchmarks read: the full dataset's vendors (curated + imported organisations) and generated
 * pages of a given size, the same for the Node bench (`npm run bench`) and the browser bench
 * (`npm run bench:browser`). Everything comes from files in the repository, so both run on a fresh clone.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Vendor, type VendorInput } from '../lib/dataset/schema';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// Deterministic pages from a seed, with the unit tests' seeded PRNG.
import { prng } from '../tests/unit/helpers';

export interface BenchDataset {
  vendors: Vendor[];
  /** Where the imported organisations came from. */
  importedFrom: string;
}

/**
 * The curated bundle plus the HHS organisations: data/imported/hhs.json when the importer has written it,
 * else tests/bench/organisations.json (names filed with HHS OCR, saved for the bench).
 */
export function loadBenchDataset(): BenchDataset {
  const bundle = JSON.parse(readFileSync(join(ROOT, 'data/bundle.json'), 'utf8')) as { vendors: unknown[] };
  const vendors = bundle.vendors.map((v) => Vendor.parse(v));
  const seen = new Set(vendors.map((v) => v.id));
  const imported = join(ROOT, 'data/imported/hhs.json');
  let importedFrom: string;
  let organisations: Vendor[];
  if (existsSync(imported)) {
    importedFrom = 'data/imported/hhs.json';
    const json = JSON.parse(readFileSync(imported, 'utf8')) as { organisations?: unknown[] };
    organisations = (json.organisations ?? []).map((v) => Vendor.parse(v));
  } else {
    importedFrom = 'tests/bench/organisations.json';
    const json = JSON.parse(readFileSync(join(ROOT, 'tests/bench/organisations.json'), 'utf8')) as {
      organisations: [string, string[], number][];
    };
    organisations = json.organisations.map(([name, aliases, text], i) => {
      const input: VendorInput = {
        id: `hhs-${i}`,
        name,
        aliases,
        domains: [],
        noDomainReason: 'imported from HHS OCR reports; no domain on file',
        category: 'other',
        origin: 'hhs-ocr',
        match: { textDetection: text === 1 },
      } as VendorInput;
      return Vendor.parse(input);
    });
  }
  for (const o of organisations) if (!seen.has(o.id)) vendors.push(o);
  return { vendors, importedFrom };
}

const COMMON = `the of and to in a is that for it as was with be by on not he this are or his from at which but have an
they you were her she there been one all we their has would when if so no will more other its who said out about up into
them than some could time these two may then first any like now my over such our even most made after also did many
before must through back years where much your way well down should because each just those people how too little state
good very make world still own see men work long get here between both life being under never day same another know while
last might us great old year off come since against go came right used take three report reports reported according
system data security breach attack patients hospital health care medical records information notice letter customers
network server email office affected individuals investigation company vendor services billing claims insurance payment
software platform clinic doctors staff update week month morning statement spokesperson officials federal department
privacy protection social numbers addresses dates birth access unauthorized third party forensic experts law enforcement`
  .split(/\s+/)
  .filter(Boolean);

const BLOCKS = ['p', 'li', 'td', 'div', 'h3', 'blockquote'];

function sentence(rand: () => number, names: readonly string[], nameRate: number): string {
  const words: string[] = [];
  const n = 8 + Math.floor(rand() * 18);
  for (let i = 0; i < n; i++) {
    if (names.length && rand() < nameRate) words.push(names[Math.floor(rand() * names.length)]!);
    else words.push(COMMON[Math.floor(rand() * COMMON.length)]!);
  }
  const s = words.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Body HTML of about `bytes` characters of text: paragraphs, lists and table cells, names sprinkled in. */
export function generateBody(seed: number, bytes: number, names: readonly string[], nameRate = 0.01): string {
  const rand = prng(seed);
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const tag = BLOCKS[Math.floor(rand() * BLOCKS.length)]!;
    let text = '';
    const sentences = 1 + Math.floor(rand() * 4);
    for (let i = 0; i < sentences; i++) text += (i ? ' ' : '') + sentence(rand, names, nameRate);
    // Some inline markup inside blocks, as real pages have.
    const html = escapeHtml(text).replace(/ (\w+) (\w+) /, (_m, a: string, b: string) => ` <b>${a}</b> <a href="#x">${b}</a> `);
    if (tag === 'li') parts.push(`<ul><li>${html}</li></ul>`);
    else if (tag === 'td') parts.push(`<table><tr><td>${html}</td><td>${Math.floor(rand() * 100000)}</td></tr></table>`);
    else parts.push(`<${tag}>${html}</${tag}>`);
    size += text.length;
  }
  return parts.join('\n');
}

export function page(title: string, body: string, extraHead = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${extraHead}</head><body>${body}</body></html>`;
}

/** Saved pages under tests/ that the detection tests read. */
export function savedPages(): { name: string; html: string }[] {
  const dirs = ['tests/fixtures/pages', 'tests/browser/fixtures'];
  const out: { name: string; html: string }[] = [];
  for (const dir of dirs) {
    const abs = join(ROOT, dir);
    if (!existsSync(abs)) continue;
    for (const file of readdirSync(abs).sort()) if (file.endsWith('.html')) out.push({ name: `${dir}/${file}`, html: readFileSync(join(abs, file), 'utf8') });
  }
  return out;
}
