/** The folders a broker files documents under; German names are the UI's labels. */
export const DOCUMENT_CATEGORIES = [
  'kaufvertrag',
  'mietvertrag',
  'energieausweis',
  'grundriss',
  'grundbuchauszug',
  'teilungserklaerung',
  'flurkarte',
  'baubeschreibung',
  'weg_protokoll',
  'nebenkostenabrechnung',
  'fotos',
  'sonstiges',
] as const;
export type DocumentCategory = (typeof DOCUMENT_CATEGORIES)[number];

export const CATEGORY_LABELS_DE: Record<DocumentCategory, string> = {
  kaufvertrag: 'Kaufvertrag',
  mietvertrag: 'Mietvertrag',
  energieausweis: 'Energieausweis',
  grundriss: 'Grundriss',
  grundbuchauszug: 'Grundbuchauszug',
  teilungserklaerung: 'Teilungserklärung',
  flurkarte: 'Flurkarte',
  baubeschreibung: 'Baubeschreibung',
  weg_protokoll: 'WEG-Protokoll',
  nebenkostenabrechnung: 'Nebenkostenabrechnung',
  fotos: 'Fotos',
  sonstiges: 'Sonstiges',
};
