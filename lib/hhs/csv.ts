/**
 * A small RFC 4180 CSV parser: comma-separated fields, fields quoted with `"`, a quote inside a quoted
 * field written `""`, records ended by CRLF, LF or a lone CR, and line breaks allowed inside quoted
 * fields. Each record carries the 1-based line number where it starts, so a bad row can be reported.
 *
 * It is lenient where the portal's exports are sloppy and strict where data would be lost:
 * - a `"` inside an unquoted field is kept as a literal character;
 * - text after a closing quote (`"abc"def`) is kept, and the record is flagged;
 * - a quoted field still open at the end of the input flags the record it started in.
 * Blank lines are skipped.
 */

export interface CsvRecord {
  /** the record's fields, unquoted */
  fields: string[];
  /** 1-based line number of the record's first character */
  line: number;
  /** why the record is malformed, when it is */
  error?: string;
}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let error: string | undefined;
  let i = 0;
  const n = text.length;

  const endRecord = (): void => {
    fields.push(field);
    const blank = fields.length === 1 && fields[0] === '';
    if (!blank) records.push(error === undefined ? { fields, line: recordLine } : { fields, line: recordLine, error });
    fields = [];
    field = '';
    error = undefined;
  };

  while (i < n) {
    if (field === '' && text[i] === '"') {
      // A quoted field (a quote only opens a field at its very start).
      const quoteLine = line;
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (c === '\r') {
          line++;
          if (text[i + 1] === '\n') {
            field += '\r\n';
            i += 2;
            continue;
          }
        } else if (c === '\n') {
          line++;
        }
        field += c;
        i++;
      }
      if (!closed) {
        error ??= `quoted field opened on line ${quoteLine} is never closed`;
        break;
      }
      // After the closing quote: a delimiter, a line break, or the end. Anything else is kept but flagged.
      while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        error ??= 'text after a closing quote';
        field += text[i];
        i++;
      }
      if (i >= n) break;
    }
    const c = text[i];
    if (c === ',') {
      fields.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || fields.length > 0 || error !== undefined) endRecord();
  return records;
}
