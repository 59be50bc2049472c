/**
 * Two-way vocabulary between ImmoXX and OpenImmo 1.2.7b. Our enum values were chosen after
 * OpenImmo's, so most maps are a case change; the exceptions are spelled out here.
 */
import type { ObjectType } from '../domain/property-enums.js';
import { FEDERAL_STATE_NAMES } from '../domain/property-enums.js';

/** The attribute that carries the subtype on each `objektart` child. */
export const SUBTYPE_ATTRIBUTE: Record<ObjectType, string> = {
  wohnung: 'wohnungtyp',
  haus: 'haustyp',
  grundstueck: 'grundst_typ',
  buero_praxen: 'buero_typ',
  einzelhandel: 'handel_typ',
  gastgewerbe: 'gastgew_typ',
  hallen_lager_prod: 'hallen_typ',
  zinshaus_renditeobjekt: 'zins_typ',
  parken: 'parken_typ',
  sonstige: 'sonstige_typ',
};

/** ImmoXX subtype → OpenImmo attribute value, per object type. */
export const SUBTYPE_TO_OPENIMMO: Record<ObjectType, Record<string, string>> = {
  wohnung: {
    etage: 'ETAGE',
    dachgeschoss: 'DACHGESCHOSS',
    maisonette: 'MAISONETTE',
    penthouse: 'PENTHOUSE',
    erdgeschoss: 'ERDGESCHOSS',
    souterrain: 'SOUTERRAIN',
    loft: 'LOFT-STUDIO-ATELIER',
    apartment: 'APARTMENT',
    terrassen: 'TERRASSEN',
    rohdachboden: 'ROHDACHBODEN',
  },
  haus: {
    einfamilienhaus: 'EINFAMILIENHAUS',
    doppelhaushaelfte: 'DOPPELHAUSHAELFTE',
    reihenhaus: 'REIHENHAUS',
    reihenend: 'REIHENEND',
    reihenmittel: 'REIHENMITTEL',
    mehrfamilienhaus: 'MEHRFAMILIENHAUS',
    villa: 'VILLA',
    bungalow: 'BUNGALOW',
    bauernhaus: 'BAUERNHAUS',
    stadthaus: 'STADTHAUS',
    ferienhaus: 'FERIENHAUS',
  },
  grundstueck: {
    wohnen: 'WOHNEN',
    gewerbe: 'GEWERBE',
    land_forstwirtschaft: 'LAND_FORSTWIRSCHAFT',
    freizeit: 'FREIZEIT',
    gemischt: 'GEMISCHT',
  },
  buero_praxen: {
    bueroflaeche: 'BUEROFLAECHE',
    praxisflaeche: 'PRAXISFLAECHE',
    buerohaus: 'BUEROHAUS',
    atelier: 'LOFT_ATELIER',
    coworking: 'COWORKING',
  },
  einzelhandel: {
    ladenlokal: 'LADENLOKAL',
    verkaufsflaeche: 'VERKAUFSFLAECHE',
    kiosk: 'KIOSK',
    ausstellungsflaeche: 'AUSSTELLUNGSFLAECHE',
  },
  gastgewerbe: {
    gastronomie: 'GASTRONOMIE',
    hotel: 'HOTELS',
    pension: 'PENSIONEN',
    ferienwohnung: 'WEITERE_BEHERBERGUNGSBETRIEBE',
  },
  hallen_lager_prod: { halle: 'HALLE', lager: 'LAGER', produktion: 'PRODUKTION', werkstatt: 'WERKSTATT' },
  zinshaus_renditeobjekt: {
    mehrfamilienhaus: 'MEHRFAMILIENHAUS',
    wohn_und_geschaeftshaus: 'WOHN_UND_GESCHAEFTSHAUS',
    geschaeftshaus: 'GESCHAEFTSHAUS',
    pflegeheim: 'PFLEGEHEIM',
  },
  parken: {
    garage: 'EINZELGARAGE',
    tiefgarage: 'TIEFGARAGENSTELLPLATZ',
    stellplatz: 'STELLPLATZ',
    carport: 'CARPORT',
    duplex: 'DUPLEX',
  },
  sonstige: { sonstige: 'SONSTIGE' },
};

export const SUBTYPE_FROM_OPENIMMO: Record<ObjectType, Record<string, string>> = Object.fromEntries(
  Object.entries(SUBTYPE_TO_OPENIMMO).map(([type, map]) => [
    type,
    Object.fromEntries(Object.entries(map).map(([ours, theirs]) => [theirs, ours])),
  ]),
) as Record<ObjectType, Record<string, string>>;

export const CONDITION_TO_OPENIMMO: Record<string, string> = {
  erstbezug: 'ERSTBEZUG',
  neuwertig: 'NEUWERTIG',
  teil_vollsaniert: 'TEIL_VOLLSANIERT',
  vollstaendig_renoviert: 'TEIL_VOLLRENOVIERT',
  modernisiert: 'MODERNISIERT',
  gepflegt: 'GEPFLEGT',
  renovierungsbeduerftig: 'TEIL_VOLLRENOVIERUNGSBED',
  nach_vereinbarung: 'NACH_VEREINBARUNG',
  projektiert: 'PROJEKTIERT',
  rohbau: 'ROHBAU',
  abrissobjekt: 'ABRISSOBJEKT',
};
export const CONDITION_FROM_OPENIMMO: Record<string, string> = {
  ...Object.fromEntries(Object.entries(CONDITION_TO_OPENIMMO).map(([a, b]) => [b, a])),
  TEIL_SANIERT: 'teil_vollsaniert',
  VOLL_SANIERT: 'teil_vollsaniert',
  SANIERUNGSBEDUERFTIG: 'renovierungsbeduerftig',
  BAUFAELLIG: 'abrissobjekt',
  ENTKERNT: 'rohbau',
};

export const CARRIER_TO_OPENIMMO: Record<string, string> = {
  gas: 'GAS',
  oel: 'OEL',
  fernwaerme: 'FERN',
  strom: 'ELEKTRO',
  holz: 'HOLZ',
  pellets: 'PELLET',
  waermepumpe: 'LUFTWP',
  erdwaerme: 'ERDWAERME',
  solar: 'SOLAR',
  fluessiggas: 'FLUESSIGGAS',
  kohle: 'KOHLE',
  blockheizkraftwerk: 'BLOCK',
};
export const CARRIER_FROM_OPENIMMO: Record<string, string> = {
  ...Object.fromEntries(Object.entries(CARRIER_TO_OPENIMMO).map(([a, b]) => [b, a])),
  'WASSER-ELEKTRO': 'waermepumpe',
  ALTERNATIV: 'solar',
};

export { FEDERAL_STATE_NAMES };
export const FEDERAL_STATE_CODES: Record<string, string> = Object.fromEntries(
  Object.entries(FEDERAL_STATE_NAMES).flatMap(([code, name]) => [
    [name.toLowerCase(), code],
    [code.toLowerCase(), code],
  ]),
);

/** Commercial object types are "GEWERBE" use; everything residential or mixed is "WOHNEN". */
export const COMMERCIAL_TYPES: readonly ObjectType[] = [
  'buero_praxen',
  'einzelhandel',
  'gastgewerbe',
  'hallen_lager_prod',
];
