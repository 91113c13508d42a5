import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../lib/hhs/csv';
import { decodeBytes, decodeWindows1252, repairPortalMojibake } from '../../lib/hhs/decode';

describe('parseCsv', () => {
  it('reads plain, quoted and escaped fields', () => {
    const recs = parseCsv('a,b,c\n"x, y","say ""hi""",\n');
    expect(recs.map((r) => r.fields)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', ''],
    ]);
  });

  it('accepts CRLF, LF and a missing final line break', () => {
    expect(parseCsv('a,b\r\n1,2\r\n3,4').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('keeps line breaks inside quoted fields and reports the line each record starts on', () => {
    const recs = parseCsv('h1,h2\r\n"multi\r\nline\nfield",x\r\nnext,y\r\n');
    expect(recs[1]).toEqual({ fields: ['multi\r\nline\nfield', 'x'], line: 2 });
    expect(recs[2]).toEqual({ fields: ['next', 'y'], line: 5 });
  });

  it('skips blank lines but counts them', () => {
    const recs = parseCsv('a\n\n\nb\n');
    expect(recs).toEqual([
      { fields: ['a'], line: 1 },
      { fields: ['b'], line: 4 },
    ]);
  });

  it('keeps empty quoted fields and a quote inside an unquoted field', () => {
    expect(parseCsv('"",5" disk,""\n')[0]?.fields).toEqual(['', '5" disk', '']);
  });

  it('flags text after a closing quote and an unclosed quote', () => {
    expect(parseCsv('"abc"def,x\n')[0]).toMatchObject({ fields: ['abcdef', 'x'], error: 'text after a closing quote' });
    const recs = parseCsv('a,b\n1,"never closed\n2,3\n');
    expect(recs[1]?.line).toBe(2);
    expect(recs[1]?.error).toMatch(/line 2 is never closed/);
  });
});

describe('decodeBytes', () => {
  it('reads UTF-8 and drops a byte-order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Clínica,“x”')]);
    expect(decodeBytes(bytes)).toEqual({ text: 'Clínica,“x”', encoding: 'utf-8', repaired: 0 });
  });

  it('falls back to windows-1252 for invalid UTF-8 (0x80-0x9F are not control characters)', () => {
    // "Caf\xe9 \x93quoted\x94 \x80" in windows-1252
    const bytes = new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x71, 0x94, 0x20, 0x80]);
    expect(decodeBytes(bytes)).toMatchObject({ text: 'Café “q” €', encoding: 'windows-1252' });
    expect(decodeWindows1252(new Uint8Array([0x83, 0x9d, 0x41]))).toBe('ƒ\u009dA');
  });

  it("repairs the archive's mangled curly quotes (0x83 ? ?)", () => {
    // Real archive names: "Rebekah Children’s Services", "Val Verde Regional Medical Center (“VVRMC”)"
    const enc = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
    const bytes = new Uint8Array([
      ...enc('Rebekah Children'), 0x83, 0x3f, 0x3f, ...enc('s Services,Val Verde ('), 0x83, 0x3f, 0x3f,
      ...enc('VVRMC'), 0x83, 0x3f, 0x9d, ...enc('),Valley Baptist Medical Center '), 0x83, 0x3f, 0x3f, ...enc(' Harlingen'),
    ]);
    const { text, encoding, repaired } = decodeBytes(bytes);
    expect(encoding).toBe('windows-1252');
    expect(repaired).toBe(4);
    expect(text).toBe('Rebekah Children’s Services,Val Verde (“VVRMC”),Valley Baptist Medical Center – Harlingen');
  });

  it('repairs the Oct-2024 export’s â€™??? sequences', () => {
    expect(repairPortalMojibake('WebTPA Employer Services, LLC (â€™???WebTPAâ€™???Â)').text).toBe(
      'WebTPA Employer Services, LLC (“WebTPA”)',
    );
    expect(repairPortalMojibake('The Childrenâ€™???s Home').text).toBe('The Children’s Home');
  });
});
