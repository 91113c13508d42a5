/**
 * Character folding shared by pattern compilation and scanning, so both sides agree on what "the same
 * text" means: case-insensitive, every kind of white space is one space, typographic apostrophes and
 * dashes are their ASCII forms. Works on UTF-16 code units so scanning never allocates.
 */

const SPACE = 32;

/**
 * Separates text of different blocks in page text. It is neither white space nor a letter, so no name can
 * match across it ("Change" in one table cell, "Healthcare" in the next), and it bounds a mention's context.
 */
export const BLOCK_BREAK = '\u2029';
// Latin and Latin-1 cover nearly every vendor name; above that a code unit folds to itself.
const TABLE_SIZE = 0x250;
const foldTable = new Uint16Array(TABLE_SIZE);
const wordTable = new Uint8Array(TABLE_SIZE);

/**
 * The letters and digits (Unicode's L and N) below TABLE_SIZE, as ranges: a unit test checks them against
 * /[\p{L}\p{N}]/u, which cost every page 0.6 ms to compile and run as the content script started.
 */
const WORD_RANGES_BELOW_TABLE: readonly (readonly [number, number])[] = [
  [0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a], [0xaa, 0xaa], [0xb2, 0xb3], [0xb5, 0xb5], [0xb9, 0xba], [0xbc, 0xbe],
  [0xc0, 0xd6], [0xd8, 0xf6], [0xf8, 0x24f],
];

/** The one code unit below TABLE_SIZE whose lower case is longer (İ -> i̇): it folds to itself. */
const DOTTED_CAPITAL_I = 0x130;
// Lower-cased in one call: one per character cost every page 0.3–0.4 ms as the content script started.
const units = new Uint16Array(TABLE_SIZE);
for (let c = 0; c < TABLE_SIZE; c++) units[c] = c === DOTTED_CAPITAL_I ? 0x20 : c;
const lowered = String.fromCharCode(...units).toLowerCase();
for (let c = 0; c < TABLE_SIZE; c++) foldTable[c] = c === DOTTED_CAPITAL_I ? c : lowered.charCodeAt(c);
for (const [from, to] of WORD_RANGES_BELOW_TABLE) wordTable.fill(1, from, to + 1);
for (const ws of [9, 10, 11, 12, 13, 0xa0]) foldTable[ws] = SPACE;

/**
 * The tables behind foldCode and isWordCode for the code units below their size, read-only: for a loop over
 * all of them with no call per character (a page's start runs such loops interpreted).
 */
export const LATIN_TABLES: { readonly fold: Readonly<Uint16Array>; readonly word: Readonly<Uint8Array> } = {
  fold: foldTable,
  word: wordTable,
};

export function foldCode(c: number): number {
  if (c < TABLE_SIZE) return foldTable[c]!;
  if (c === 0x2019 || c === 0x2018) return 39; // ’ ‘ -> '
  if (c >= 0x2010 && c <= 0x2015) return 45; // hyphens and dashes -> -
  // U+2029 is left alone: readPage uses it as a hard break between blocks.
  if (c === 0x2028 || c === 0x202f || (c >= 0x2000 && c <= 0x200a) || c === 0x3000) return SPACE;
  return c;
}

export function isSpaceCode(c: number): boolean {
  return foldCode(c) === SPACE;
}

/** Letters and digits join words; everything else is a boundary. */
export function isWordCode(c: number): boolean {
  if (c < TABLE_SIZE) return wordTable[c] === 1;
  // General punctuation, CJK punctuation and private use are boundaries; other scripts are letters.
  if ((c >= 0x2000 && c <= 0x206f) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xe000 && c <= 0xf8ff)) return false;
  return c !== 0xfeff;
}

/** The folded form of a whole string, with runs of white space collapsed and the ends trimmed. */
export function foldText(s: string): string {
  let out = '';
  let lastSpace = true;
  for (let i = 0; i < s.length; i++) {
    const c = foldCode(s.charCodeAt(i));
    if (c === SPACE) {
      if (!lastSpace) out += ' ';
      lastSpace = true;
    } else {
      out += String.fromCharCode(c);
      lastSpace = false;
    }
  }
  return out.endsWith(' ') ? out.slice(0, -1) : out;
}

/** Collapses white space but keeps case: the form exact-case rules compare. */
export function collapseSpace(s: string): string {
  return s.replace(/[\s\u00a0\u2000-\u200a\u2028\u2029\u202f\u3000]+/g, ' ').trim();
}
