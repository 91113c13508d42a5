import { normaliseOrgName } from './normalise';

/**
 * Which imported organisations join text detection (the content script looking for names in page text).
 *
 * THE RULE. An organisation name is distinctive, and gets `match.textDetection = true`, only when its
 * legal name (normalised, the part before any d/b/a) meets all of:
 *   1. at least 2 words, not counting small words (of, the, and, ...): a single word is too often an
 *      ordinary word ("Anthem", "Trinity", "Ascension") or a fragment of other names;
 *   2. at least MIN_LETTERS (10) letters in all;
 *   3. at least one word that is not generic: not a healthcare word ("health", "medical", "center",
 *      "dental", "clinic", ...), a place or direction word ("county", "valley", "north", a US state),
 *      an organisation word ("associates", "group", "services", ...) or a professional title ("md", "dds")
 *      — so "Family Dental Care" and "Community Health Systems" are out, "Mass General Brigham" is in;
 *   4. at least one word that makes it read as an organisation (a healthcare or organisation word:
 *      "Cano Health", "Perry Johnson & Associates"), so phrases ("Brand New Day", "Paper Airplane") and
 *      people's names ("Jeff Spiegel", "Tomas, Arturo", anything with a title such as "Dr" or "DDS") stay out;
 *   5. not a public body ("Harris County", "City of Joplin", a state department): such names fill the news;
 *   6. no collision: the normalised name is not also a name or alias of another catalog entry or
 *      imported organisation (then text alone cannot say which one is meant).
 * Everything else is still found by lookup; it just never fires on page text.
 */

export const MIN_LETTERS = 10;

const SMALL_WORDS = new Set(['of', 'the', 'and', 'for', 'at', 'in', 'on', 'a', 'an', 'by', 'to', 'de', 'la', 'del', 'y']);

const US_STATES = [
  'alabama', 'alaska', 'arizona', 'arkansas', 'california', 'colorado', 'connecticut', 'delaware', 'florida',
  'georgia', 'hawaii', 'idaho', 'illinois', 'indiana', 'iowa', 'kansas', 'kentucky', 'louisiana', 'maine',
  'maryland', 'massachusetts', 'michigan', 'minnesota', 'mississippi', 'missouri', 'montana', 'nebraska',
  'nevada', 'new', 'hampshire', 'jersey', 'mexico', 'york', 'carolina', 'dakota', 'ohio', 'oklahoma', 'oregon',
  'pennsylvania', 'rhode', 'island', 'tennessee', 'texas', 'utah', 'vermont', 'virginia', 'washington',
  'wisconsin', 'wyoming', 'puerto', 'rico', 'columbia', 'district',
];

const HEALTHCARE_WORDS = [
  'health', 'healthcare', 'medical', 'medicine', 'hospital', 'hospitals', 'clinic', 'clinics',
  'center', 'centers', 'centre', 'care', 'dental', 'dentistry', 'family', 'practice', 'physicians', 'physician',
  'doctors', 'surgery', 'surgical', 'surgeons', 'pediatrics', 'pediatric', 'orthopedic', 'orthopaedic',
  'orthopedics', 'eye', 'vision', 'optometry', 'pharmacy', 'pharmacies', 'laboratory', 'laboratories', 'lab',
  'labs', 'imaging', 'radiology', 'behavioral', 'mental', 'wellness', 'home', 'hospice', 'nursing',
  'rehabilitation', 'rehab', 'therapy', 'urgent', 'primary', 'specialty', 'specialists', 'women', 'womens',
  'children', 'childrens', 'plan', 'plans', 'benefit', 'benefits', 'insurance', 'dermatology', 'cardiology',
  'oncology', 'cancer', 'heart', 'kidney', 'spine', 'pain', 'sleep', 'ambulatory', 'emergency', 'ambulance',
  'senior', 'living', 'life', 'assisted', 'facility', 'hearing', 'podiatry', 'foot', 'ankle', 'skin', 'smile',
  'counseling', 'recovery', 'treatment', 'diagnostic', 'diagnostics', 'pathology', 'hmo', 'ppo', 'welfare',
  'fund', 'trust', 'employee', 'employees', 'retirement', 'patient', 'patients', 'clearinghouse',
  'psychology', 'psychiatry', 'psychiatric', 'anesthesia', 'anesthesiology', 'neurology', 'urology', 'ent',
  'gastroenterology', 'obstetrics', 'gynecology', 'ob', 'gyn', 'obgyn', 'podiatric', 'chiropractic', 'physical',
  'occupational', 'audiology', 'allergy', 'asthma', 'endocrinology', 'rheumatology', 'nephrology', 'pulmonary',
  'hematology', 'infusion', 'dialysis', 'fertility', 'reproductive', 'sports', 'critical', 'internal',
  'internists', 'research', 'government', 'support', 'specialist', 'healthy', 'kids', 'smiles', 'ivf',
  'vein', 'vascular', 'endoscopy', 'optical', 'eyecare', 'ophthalmology', 'retina', 'hearing',
];

const ORGANISATION_WORDS = [
  'associates', 'associated', 'association', 'group', 'groups', 'services', 'service', 'systems', 'system',
  'solutions', 'partners', 'network', 'networks', 'management', 'consultants', 'consulting', 'holdings',
  'enterprises', 'international', 'foundation', 'institute', 'university', 'college', 'school', 'department',
  'authority', 'office', 'offices', 'agency', 'corporation', 'company', 'affiliated', 'covered', 'entity',
  'professional', 'professionals', 'specialists', 'technologies', 'technology', 'administrators', 'billing',
];

const PLACE_WORDS = [
  'county', 'city', 'state', 'regional', 'region', 'community', 'communities', 'valley', 'north', 'south', 'east',
  'west', 'northern', 'southern', 'eastern', 'western', 'central', 'northeast', 'northwest', 'southeast',
  'southwest', 'midwest', 'coastal', 'coast', 'mountain', 'river', 'lake', 'lakes', 'bay', 'park', 'united',
  'american', 'america', 'national', 'general', 'memorial', 'first', 'premier', 'advanced',
  'total', 'complete', 'comprehensive', 'integrated', 'quality', 'sun', 'all', 'st', 'saint', 'mount',
];

/** Professional titles: a name holding one is a person's practice ("Dr. Axel Velez"), not a brand. */
const TITLE_WORDS = [
  'dr', 'md', 'dds', 'dmd', 'do', 'od', 'dpm', 'phd', 'np', 'pa', 'rn', 'lcsw', 'dc', 'mph', 'facs',
];

export const GENERIC_WORDS = new Set([...US_STATES, ...HEALTHCARE_WORDS, ...ORGANISATION_WORDS, ...PLACE_WORDS, ...TITLE_WORDS]);

/** A word that makes a phrase read as an organisation's name ("Cano Health", not "Brand New Day"). */
const ORGANISATION_SIGNALS = new Set([...HEALTHCARE_WORDS, ...ORGANISATION_WORDS].filter((w) => !['department', 'government', 'office', 'offices', 'authority', 'agency'].includes(w)));
const TITLES = new Set(TITLE_WORDS);

/** Public bodies: "Harris County", "City of Joplin", "State of Ohio Department of ...": in the news every day. */
const GOVERNMENT = /\b(?:county|city|state|department|commonwealth|township|parish|borough|municipality|government|authority|agency)\b/;

function legalName(name: string): string {
  const normal = normaliseOrgName(name);
  return normal.split(' dba ')[0] ?? normal;
}

/**
 * True when `name` is distinctive enough for text detection (rule above). `collides(normalised)` says
 * whether another catalog entry or organisation also goes by that normalised name.
 */
export function isDistinctiveName(name: string, collides: (normalised: string) => boolean = () => false): boolean {
  const normal = legalName(name);
  const words = normal.split(' ').filter((w) => w && !SMALL_WORDS.has(w));
  if (words.length < 2) return false;
  const letters = words.join('').replace(/[^\p{L}]/gu, '').length;
  if (letters < MIN_LETTERS) return false;
  if (words.every((w) => GENERIC_WORDS.has(w) || /^\d+$/.test(w) || w.length === 1)) return false;
  if (!words.some((w) => ORGANISATION_SIGNALS.has(w))) return false;
  if (GOVERNMENT.test(normal) || words.some((w) => TITLES.has(w))) return false;
  // "Tomas, Arturo": a person filed under surname, first name.
  if (/^\p{Lu}[\p{L}'-]+, \p{Lu}[\p{L}'-]+(?: \p{Lu}\.?)?$/u.test(name.trim())) return false;
  return !collides(normal);
}
