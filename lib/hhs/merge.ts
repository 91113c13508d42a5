import { normaliseOrgName } from './normalise';
import type { HhsReport } from './rows';

/**
 * Merging reports repeated across exports.
 *
 * KEY: normalised entity name + state + submission date. The affected count is deliberately NOT part of
 * the key: OCR revises it while a case is open (Change Healthcare: 500 → 100,000,000 → 192,700,000 in
 * successive exports; 42 such revisions across the five snapshots), so a count-based key would list one
 * breach several times.
 *
 * ONE EXPORT CAN LIST A KEY SEVERAL TIMES: a business associate files one row per client on the same day
 * (Alvaria: 13 rows on 2023-05-26, different counts; some rows are even identical). Those are separate
 * reports, so a key stands for as many reports as the export listing it most often. The rows of other
 * exports are paired with them: same count first, then any report not yet paired with that export.
 *
 * WHICH ROW WINS: the one with more facts filled in (state, count, breach type, location), then one whose
 * name is not mangled (the derived merged file carries its own mojibake), then the one from the more
 * recent export, then the later file. An export's recency is its latest submission date
 * (the files carry no export date). Descriptions of every copy are kept, for vendor links only.
 */

export interface SourcedReport extends HhsReport {
  /** latest submission date in the report's file: how recent the export is */
  asOf: string;
  /** position of the report's file in the import */
  fileIndex: number;
}

export interface MergedReport {
  report: SourcedReport;
  /** descriptions of every copy (never stored; searched for vendor names) */
  descriptions: string[];
  copies: number;
}

export function mergeKey(r: HhsReport): string {
  return `${normaliseOrgName(r.entity)}|${r.state ?? ''}|${r.submitted}`;
}

function completeness(r: HhsReport): number {
  return (
    (r.state ? 1 : 0) + (r.affected !== null ? 1 : 0) + (r.breachTypes.length > 0 ? 1 : 0) + (r.locations.length > 0 ? 1 : 0)
  );
}

/** Text still mangled after decoding (C1 controls, replacement characters, "â€", "??"). */
export function looksMangled(text: string): boolean {
  return /[\u0080-\u009f\ufffd]|\u00e2\u20ac|\?\?/.test(text);
}

/** Negative when `a` is the better copy. */
export function compareCopies(a: SourcedReport, b: SourcedReport): number {
  return (
    completeness(b) - completeness(a) ||
    Number(looksMangled(a.entity)) - Number(looksMangled(b.entity)) ||
    (a.asOf < b.asOf ? 1 : a.asOf > b.asOf ? -1 : 0) ||
    b.fileIndex - a.fileIndex ||
    a.line - b.line
  );
}

export function mergeReports(reports: readonly SourcedReport[]): MergedReport[] {
  const groups = new Map<string, SourcedReport[]>();
  for (const r of reports) {
    const key = mergeKey(r);
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }

  const merged: MergedReport[] = [];
  for (const group of groups.values()) {
    const byFile = new Map<number, SourcedReport[]>();
    for (const r of group) {
      const list = byFile.get(r.fileIndex);
      if (list) list.push(r);
      else byFile.set(r.fileIndex, [r]);
    }
    // Files with the most rows for this key first, then the most recent.
    const files = [...byFile.values()].sort(
      (a, b) => b.length - a.length || compareCopies(a[0] as SourcedReport, b[0] as SourcedReport),
    );
    const slots: SourcedReport[][] = [];
    for (const rows of files) {
      const taken = new Set<number>();
      for (const row of rows) {
        let index = slots.findIndex((s, i) => !taken.has(i) && s.some((c) => c.affected === row.affected));
        if (index < 0) index = slots.findIndex((_s, i) => !taken.has(i));
        if (index < 0) {
          slots.push([row]);
          index = slots.length - 1;
        } else {
          (slots[index] as SourcedReport[]).push(row);
        }
        taken.add(index);
      }
    }
    for (const copies of slots) {
      const best = [...copies].sort(compareCopies)[0] as SourcedReport;
      const descriptions = copies.map((c) => c.description).filter((d): d is string => Boolean(d));
      merged.push({ report: best, descriptions, copies: copies.length });
    }
  }
  return merged;
}
