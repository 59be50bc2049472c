/**
 * The German listing vocabulary. Values follow OpenImmo's element/attribute names where
 * OpenImmo has one, so export and import map 1:1.
 */
export const MARKETING_TYPES = ['kauf', 'miete'] as const;
export type MarketingType = (typeof MARKETING_TYPES)[number];

export const OBJECT_SUBTYPES = {
  wohnung: [
    'etage',
    'dachgeschoss',
    'maisonette',
    'penthouse',
    'erdgeschoss',
    'souterrain',
    'loft',
    'apartment',
    'terrassen',
    'rohdachboden',
  ],
  haus: [
    'einfamilienhaus',
    'doppelhaushaelfte',
    'reihenhaus',
    'reihenend',
    'reihenmittel',
    'mehrfamilienhaus',
    'villa',
    'bungalow',
    'bauernhaus',
    'stadthaus',
    'ferienhaus',
  ],
  grundstueck: ['wohnen', 'gewerbe', 'land_forstwirtschaft', 'freizeit', 'gemischt'],
  buero_praxen: ['bueroflaeche', 'praxisflaeche', 'buerohaus', 'atelier', 'coworking'],
  einzelhandel: ['ladenlokal', 'verkaufsflaeche', 'kiosk', 'ausstellungsflaeche'],
  gastgewerbe: ['gastronomie', 'hotel', 'pension', 'ferienwohnung'],
  hallen_lager_prod: ['halle', 'lager', 'produktion', 'werkstatt'],
  zinshaus_renditeobjekt: ['mehrfamilienhaus', 'wohn_und_geschaeftshaus', 'geschaeftshaus', 'pflegeheim'],
  parken: ['garage', 'tiefgarage', 'stellplatz', 'carport', 'duplex'],
  sonstige: ['sonstige'],
} as const;
export type ObjectType = keyof typeof OBJECT_SUBTYPES;
export const OBJECT_TYPES = Object.keys(OBJECT_SUBTYPES) as [ObjectType, ...ObjectType[]];

export const PROPERTY_STATUSES = [
  'entwurf',
  'aktiv',
  'reserviert',
  'verkauft',
  'vermietet',
  'archiviert',
] as const;
export type PropertyStatus = (typeof PROPERTY_STATUSES)[number];

export const CONDITIONS = [
  'erstbezug',
  'neuwertig',
  'teil_vollsaniert',
  'vollstaendig_renoviert',
  'modernisiert',
  'gepflegt',
  'renovierungsbeduerftig',
  'nach_vereinbarung',
  'projektiert',
  'rohbau',
  'abrissobjekt',
] as const;

export const FEATURES = [
  'balkon',
  'terrasse',
  'garten',
  'aufzug',
  'garage',
  'stellplatz',
  'keller',
  'einbaukueche',
  'barrierefrei',
  'gaeste_wc',
  'kamin',
  'klimaanlage',
  'fussbodenheizung',
  'seeblick',
  'bergblick',
  'denkmalschutz',
  'haustiere_erlaubt',
  'moebliert',
] as const;
export type Feature = (typeof FEATURES)[number];

/** GEG §87: what an advertisement must state about the energy certificate. */
export const ENERGY_CERTIFICATE_TYPES = ['bedarf', 'verbrauch'] as const;
export const ENERGY_CLASSES = ['A+', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;
export const ENERGY_CARRIERS = [
  'gas',
  'oel',
  'fernwaerme',
  'strom',
  'holz',
  'pellets',
  'waermepumpe',
  'erdwaerme',
  'solar',
  'fluessiggas',
  'kohle',
  'blockheizkraftwerk',
] as const;

export const FEDERAL_STATES = [
  'BW',
  'BY',
  'BE',
  'BB',
  'HB',
  'HH',
  'HE',
  'MV',
  'NI',
  'NW',
  'RP',
  'SL',
  'SN',
  'ST',
  'SH',
  'TH',
] as const;
export type FederalState = (typeof FEDERAL_STATES)[number];

export const FEDERAL_STATE_NAMES: Record<FederalState, string> = {
  BW: 'Baden-Württemberg',
  BY: 'Bayern',
  BE: 'Berlin',
  BB: 'Brandenburg',
  HB: 'Bremen',
  HH: 'Hamburg',
  HE: 'Hessen',
  MV: 'Mecklenburg-Vorpommern',
  NI: 'Niedersachsen',
  NW: 'Nordrhein-Westfalen',
  RP: 'Rheinland-Pfalz',
  SL: 'Saarland',
  SN: 'Sachsen',
  ST: 'Sachsen-Anhalt',
  SH: 'Schleswig-Holstein',
  TH: 'Thüringen',
};
