/**
 * Turns an export's bytes into text. The portal's files are UTF-8, except an archive export that was
 * saved in a legacy code page: invalid UTF-8 is detected (TextDecoder with `fatal: true`) and the file is
 * then read as windows-1252. A leading byte-order mark is dropped.
 */

export type HhsEncoding = 'utf-8' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: HhsEncoding;
  /** how many mangled curly quotes and dashes were repaired */
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
  }
  ({ text, count: repaired } = repairPortalMojibake(text));
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  else if (text.startsWith('\u00ef\u00bb\u00bf')) text = text.slice(3); // a UTF-8 BOM read as windows-1252
  return { text, encoding, repaired };
}

/**
 * windows-1252 as the WHATWG Encoding standard defines it. Written out rather than using
 * `new TextDecoder('windows-1252')` because Node 20 decodes that label as ISO-8859-1, turning
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
 * Curly quotes and dashes mangled on their way into the exports, restored:
 * - the Oct-2024 archive stores each one (UTF-8 E2 80 xx) as the byte 0x83, a literal `?`, then `?` or the
 *   third byte; read as windows-1252 that is `ƒ??`, `ƒ?\u009d` (a closing double quote) or `ƒ?\u009b` (a
 *   list bullet);
 * - the Oct-2024 "under investigation" export (valid UTF-8) has `â€™???` for each, and `â€™???Â` for a
 *   closing double quote.
 * The ambiguous forms are read from their neighbours: after a letter or digit an apostrophe
 * ("Children’s"), between spaces a dash ("Valley Baptist Medical Center – Harlingen"), otherwise an
 * opening double quote ("(“CVS”)").
 */
export function repairPortalMojibake(text: string): { text: string; count: number } {
  let count = 0;
  const contextual = (offset: number, length: number, whole: string): string => {
    const before = offset > 0 ? (whole[offset - 1] ?? '') : '';
    const after = whole[offset + length] ?? '';
    if (/[\p{L}\p{N}]/u.test(before)) return '\u2019';
    if (before === ' ' && after === ' ') return '\u2013';
    return '\u201c';
  };
  const out = text
    .replace(/\u0192\?([?\u009d\u009b])/g, (m: string, third: string, offset: number, whole: string) => {
      count++;
      if (third === '\u009d') return '\u201d';
      if (third === '\u009b') return '\u2022';
      return contextual(offset, m.length, whole);
    })
    .replace(/\u00e2\u20ac\u2122\?\?\?(\u00c2)?/g, (m: string, closing: string | undefined, offset: number, whole: string) => {
      count++;
      return closing ? '\u201d' : contextual(offset, m.length, whole);
    });
  return { text: out, count };
}
