/**
 * "Powered by Epic", "Hosted by athenahealth", "Portal provided by NextGen": phrases that credit the vendor
 * named right after them. The phrase itself is the context, so names that are ordinary words elsewhere count
 * there. They are patterns of the automaton (see buildDetectionIndex), found in the same pass as the names.
 */
export const CREDIT_PHRASES = [
  ...['powered', 'hosted', 'provided', 'operated', 'developed', 'built', 'managed', 'supported', 'secured'].map((w) => `${w} by`),
  'in partnership with',
] as const;

/** How far after a credit its vendor's name may start, in characters (within the credit's own block). */
export const CREDIT_REACH = 60;
