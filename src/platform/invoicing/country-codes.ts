/** ISO 3166 alpha-3 (how CRM addresses store the country) to alpha-2 (what e-invoices need). */
const ALPHA2: Record<string, string> = {
  DEU: 'DE',
  AUT: 'AT',
  CHE: 'CH',
  LIE: 'LI',
  FRA: 'FR',
  ITA: 'IT',
  NLD: 'NL',
  BEL: 'BE',
  LUX: 'LU',
  DNK: 'DK',
  POL: 'PL',
  CZE: 'CZ',
  ESP: 'ES',
  PRT: 'PT',
  SWE: 'SE',
  FIN: 'FI',
  IRL: 'IE',
  GBR: 'GB',
  HUN: 'HU',
  SVK: 'SK',
  SVN: 'SI',
  HRV: 'HR',
  ROU: 'RO',
  BGR: 'BG',
  GRC: 'GR',
  EST: 'EE',
  LVA: 'LV',
  LTU: 'LT',
  MLT: 'MT',
  CYP: 'CY',
  NOR: 'NO',
  USA: 'US',
};

/** Null for a country we do not know, so the caller asks instead of printing a wrong code. */
export const alpha2 = (code: string | null | undefined): string | null =>
  !code ? null : code.length === 2 ? code.toUpperCase() : (ALPHA2[code.toUpperCase()] ?? null);
