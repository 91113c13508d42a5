import type { VendorCategory } from '../lib/dataset/schema';
import type { EvidenceKind } from '../lib/detection/signals';
import type { DatasetSource } from '../lib/store/dataset-store';

/**
 * Words for the enum values the popup and options page show. Severity, incident type and status labels
 * live in lib/risk/describe.ts (shared with the marker and CLI); these are the UI-only ones.
 */

export const CATEGORY_LABEL: Record<VendorCategory, string> = {
  ehr: 'EHR',
  'practice-management': 'Practice management',
  clearinghouse: 'Clearinghouse',
  'billing-rcm': 'Billing / revenue cycle',
  payments: 'Payments',
  'patient-engagement': 'Patient engagement',
  analytics: 'Analytics',
  'hosting-it': 'Hosting / IT services',
  'file-transfer': 'File transfer',
  'oncology-it': 'Oncology IT',
  collections: 'Collections',
  'pharmacy-benefit': 'Pharmacy benefits',
  'dental-vision': 'Dental / vision',
  'benefits-admin': 'Benefits administration',
  laboratory: 'Laboratory',
  'health-system': 'Health system',
  'health-plan': 'Health plan',
  provider: 'Healthcare provider',
  other: 'Other',
};

export function categoryLabel(category: VendorCategory): string {
  return CATEGORY_LABEL[category];
}

export const EVIDENCE_LABEL: Record<EvidenceKind, string> = {
  host: 'page address',
  portal: 'portal address',
  title: 'page title',
  text: 'page text',
  footer: "'Powered by' credit",
  link: 'link',
  script: 'script',
  iframe: 'frame',
  image: 'image text',
};

export const DATASET_SOURCE_LABEL: Record<DatasetSource, string> = {
  bundled: 'bundled',
  updated: 'updated',
  imported: 'imported',
};

/** The one-word form of a severity, shown on the chip (the full label goes to screen readers). */
export const SEVERITY_WORD = { high: 'High', medium: 'Medium', low: 'Low', none: 'No incidents' } as const;
