/**
 * German labels of the listing vocabulary, shared by the web UI (i18n "de"), the public
 * listing page and the exposé PDF, so a broker sees the same words everywhere.
 */
export const OBJECT_TYPE_LABELS_DE: Record<string, string> = {
  wohnung: 'Wohnung',
  haus: 'Haus',
  grundstueck: 'Grundstück',
  buero_praxen: 'Büro/Praxis',
  einzelhandel: 'Einzelhandel',
  gastgewerbe: 'Gastgewerbe',
  hallen_lager_prod: 'Halle/Lager/Produktion',
  zinshaus_renditeobjekt: 'Zinshaus/Renditeobjekt',
  parken: 'Stellplatz/Garage',
  sonstige: 'Sonstiges',
};

export const ENERGY_CARRIER_LABELS_DE: Record<string, string> = {
  gas: 'Gas',
  oel: 'Öl',
  fernwaerme: 'Fernwärme',
  strom: 'Strom',
  holz: 'Holz',
  pellets: 'Pellets',
  waermepumpe: 'Wärmepumpe',
  erdwaerme: 'Erdwärme',
  solar: 'Solar',
  fluessiggas: 'Flüssiggas',
  kohle: 'Kohle',
  blockheizkraftwerk: 'Blockheizkraftwerk',
};

export const FEATURE_LABELS_DE: Record<string, string> = {
  balkon: 'Balkon',
  terrasse: 'Terrasse',
  garten: 'Garten',
  aufzug: 'Aufzug',
  garage: 'Garage',
  stellplatz: 'Stellplatz',
  keller: 'Keller',
  einbaukueche: 'Einbauküche',
  barrierefrei: 'Barrierefrei',
  gaeste_wc: 'Gäste-WC',
  kamin: 'Kamin',
  klimaanlage: 'Klimaanlage',
  fussbodenheizung: 'Fußbodenheizung',
  seeblick: 'Seeblick',
  bergblick: 'Bergblick',
  denkmalschutz: 'Denkmalschutz',
  haustiere_erlaubt: 'Haustiere erlaubt',
  moebliert: 'Möbliert',
};
