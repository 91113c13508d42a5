/**
 * Turns an export's bytes into text. The portal's files are UTF-8, except an archive export that was
 * saved in a legacy code page: invalid UTF-8 is detected (TextDecoder with `fatal: true`) and the file is
 * then read as windows-1252. A leading byte-order mark is dropped.
 */

export type HhsEncoding = 'utf-8' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: HhsEncoding;
  /** how many mangled curly quotes were repaired (windows-1252 files only) */
  repaired: number;
}

export function decodeBytes(bytes: Uint8Array): DecodedText {
  let text: string;
  let encoding: HhsEncoding = 'utf-8';
  let repaired = 0;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    encoding = 'windows-1252';
    text = decodeWindows1252(bytes);
    ({ text, count: repaired } = repairPortalMojibake(text));
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding, repaired };
}

/**
 * windows-1252 as the WHATWG Encoding standard defines it. Written out rather than using
 * `new TextDecoder('windows-1252')` because Node (20, 22) decodes that label as ISO-8859-1, turning
 * 0x80-0x9F into control characters, while browsers do not: the importer must give the same text in both.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const chunk: number[] = [];
  for (const b of bytes) {
    chunk.push(b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b);
    if (chunk.length === 8192) {
      out += String.fromCharCode(...chunk);
      chunk.length = 0;
    }
  }
  return out + String.fromCharCode(...chunk);
}

/**
 * The Oct-2024 archive export stores each curly quote (UTF-8 E2 80 xx) as the byte 0x83, a literal `?`,
 * then `?` or the third byte; read as windows-1252 that is `ƒ??` or `ƒ?\u009d`. Restore the quotes:
 * `ƒ?\u009d` is a closing double quote, `ƒ?\u009b` a list bullet, and `ƒ??` an apostrophe after a letter or
 * digit ("Children’s") and an opening double quote otherwise ("(“CVS”)").
 */
export function repairPortalMojibake(text: string): { text: string; count: number } {
  let count = 0;
  const out = text.replace(/\u0192\?([?\u009d\u009b])/g, (_m, third: string, offset: number, whole: string) => {
    count++;
    if (third === '\u009d') return '\u201d';
    if (third === '\u009b') return '\u2022';
    const before = offset > 0 ? whole[offset - 1] ?? '' : '';
    return /[\p{L}\p{N}]/u.test(before) ? '\u2019' : '\u201c';
  });
  return { text: out, count };
}
