import type { DatasetBundle } from './schema';
import { affectedCount, incidentDate } from '../risk/severity';

/** What the dataset covers, as the README states it. */
export interface Coverage {
  version: string;
  curatedVendors: number;
  importedOrganisations: number;
  textDetected: number;
  incidents: number;
  hhsReports: number;
  businessAssociateReports: number;
  unverified: number;
  peopleAffected: number;
  firstDate: string | null;
  lastDate: string | null;
}

export function measureCoverage(bundle: DatasetBundle): Coverage {
  const dates = bundle.incidents.map(incidentDate).sort();
  return {
    version: bundle.version,
    curatedVendors: bundle.vendors.filter((v) => v.origin === 'curated').length,
    importedOrganisations: bundle.vendors.filter((v) => v.origin === 'hhs-ocr').length,
    textDetected: bundle.vendors.filter((v) => v.match.textDetection).length,
    incidents: bundle.incidents.length,
    hhsReports: bundle.incidents.filter((i) => i.report).length,
    businessAssociateReports: bundle.incidents.filter((i) => i.report?.entityType === 'business-associate').length,
    unverified: bundle.incidents.filter((i) => !i.verified).length,
    peopleAffected: bundle.incidents.reduce((sum, i) => sum + (affectedCount(i.affected) ?? 0), 0),
    firstDate: dates[0] ?? null,
    lastDate: dates.at(-1) ?? null,
  };
}
