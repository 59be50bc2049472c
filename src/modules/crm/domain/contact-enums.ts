export const CONTACT_KINDS = ['person', 'firma'] as const;
export const SALUTATIONS = ['herr', 'frau', 'divers'] as const;
export const CONTACT_ROLES = [
  'interessent',
  'kaeufer',
  'verkaeufer',
  'mieter',
  'vermieter',
  'eigentuemer',
] as const;
export const LEAD_STATUSES = [
  'neu',
  'kontaktiert',
  'qualifiziert',
  'besichtigung',
  'angebot',
  'gewonnen',
  'verloren',
] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export const LEAD_SOURCES = [
  'website',
  'immoscout24',
  'immowelt',
  'kleinanzeigen',
  'empfehlung',
  'telefon',
  'email',
  'social_media',
  'laufkundschaft',
  /** Routed from a broker network's inquiry form to this office. */
  'netzwerk',
  'sonstige',
] as const;
export const ACTIVITY_KINDS = [
  'notiz',
  'anruf',
  'email',
  'status',
  'besichtigung',
  'anfrage',
  'system',
] as const;
export const VIEWING_STATUSES = ['geplant', 'durchgefuehrt', 'abgesagt'] as const;
