/**
 * The score's factors: what a broker would ask of a lead ("can they pay, do they fit, are they
 * interested right now"), each worth up to `max` points. The default maxima add up to 100, so
 * with equal weights a score is the plain sum; an office's weights rescale them (see score.ts).
 */
export const QUALIFICATION_FACTORS = [
  'kontakt',
  'finanzierung',
  'eigenkapital',
  'kaufkraft',
  'suchprofil',
] as const;

export const ENGAGEMENT_FACTORS = [
  'besuche',
  'expose',
  'interaktionen',
  'besichtigung',
  'feedback',
  'antworten',
  'email',
] as const;

export type QualificationFactor = (typeof QUALIFICATION_FACTORS)[number];
export type EngagementFactor = (typeof ENGAGEMENT_FACTORS)[number];
export type FactorId = QualificationFactor | EngagementFactor;
export const FACTOR_IDS: readonly FactorId[] = [...QUALIFICATION_FACTORS, ...ENGAGEMENT_FACTORS];

export const FACTOR_MAX: Record<FactorId, number> = {
  kontakt: 5,
  finanzierung: 15,
  eigenkapital: 8,
  kaufkraft: 10,
  suchprofil: 12,
  besuche: 10,
  expose: 8,
  interaktionen: 4,
  besichtigung: 12,
  feedback: 8,
  antworten: 5,
  email: 3,
};

/** Names in the office's weight settings and the score card. */
export const FACTOR_LABELS: Record<FactorId, { de: string; en: string }> = {
  kontakt: { de: 'Kontaktdaten vollständig', en: 'Complete contact details' },
  finanzierung: { de: 'Finanzierungsbestätigung', en: 'Financing confirmation' },
  eigenkapital: { de: 'Eigenkapital und Einkommen angegeben', en: 'Equity and income stated' },
  kaufkraft: { de: 'Kaufkraft deckt das Suchprofil', en: 'Buying power covers the search profile' },
  suchprofil: { de: 'Suchprofil passt zu aktiven Objekten', en: 'Search profile fits active listings' },
  besuche: { de: 'Besuche der Objektseiten', en: 'Visits to listing pages' },
  expose: { de: 'Exposé geöffnet oder geladen', en: 'Exposé opened or downloaded' },
  interaktionen: { de: 'Galerie, 3D-Rundgang, Grundriss', en: 'Gallery, 3D tour, floor plan' },
  besichtigung: { de: 'Besichtigungen', en: 'Viewings' },
  feedback: { de: 'Interesse im Besichtigungs-Feedback', en: 'Interest in viewing feedback' },
  antworten: { de: 'Anfragen und Antworten', en: 'Inquiries and replies' },
  email: { de: 'E-Mails geöffnet und Links geklickt', en: 'E-mails opened and links clicked' },
};

export type FactorWeights = Record<FactorId, number>;

export const DEFAULT_WEIGHTS: FactorWeights = Object.fromEntries(
  FACTOR_IDS.map((id) => [id, 1]),
) as FactorWeights;

/** Weights run from 0 (ignored) to 3 (three times as important as by default). */
export const MAX_WEIGHT = 3;
