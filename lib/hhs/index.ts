export { parseCsv, type CsvRecord } from './csv';
export { decodeBytes, repairPortalMojibake, type DecodedText, type HhsEncoding } from './decode';
export { HhsReport, mapHeader, parseRow, parsePortalDate, parseCount, splitList, type HeaderMap, type HhsField } from './rows';
export { normaliseOrgName, nameVariants, simplifyText, slugify } from './normalise';
export { curatedLinker, NAMED_IN_DESCRIPTION, type CuratedLinker } from './link';
export { isDistinctiveName, GENERIC_WORDS, MIN_LETTERS } from './textRule';
export { mergeReports, mergeKey, type MergedReport, type SourcedReport } from './merge';
export { buildOrganisations, NO_DOMAIN_REASON } from './organisations';
export {
  importHhs,
  incidentType,
  HHS_SOURCE_TITLE,
  HHS_SOURCE_URL,
  HHS_PUBLISHER,
  MAX_BAD_SHARE,
  type HhsFile,
  type HhsProblem,
  type HhsImportStats,
  type HhsImportResult,
  type HhsFileStats,
} from './import';
