/**
 * The format of a VAT identification number per EU member state, as the European Commission's
 * VIES FAQ lists it ("Where can I find the structure of VAT numbers?",
 * https://ec.europa.eu/taxation_customs/vies/#/faq). A format check only: whether the number is
 * assigned, only VIES can say (qualified confirmation, § 18e UStG).
 */
const FORMATS: Record<string, RegExp> = {
  AT: /^ATU\d{8}$/,
  BE: /^BE[01]\d{9}$/,
  BG: /^BG\d{9,10}$/,
  CY: /^CY\d{8}[A-Z]$/,
  CZ: /^CZ\d{8,10}$/,
  DE: /^DE\d{9}$/,
  DK: /^DK\d{8}$/,
  EE: /^EE\d{9}$/,
  EL: /^EL\d{9}$/,
  ES: /^ES[0-9A-Z]\d{7}[0-9A-Z]$/,
  FI: /^FI\d{8}$/,
  FR: /^FR[0-9A-HJ-NP-Z]{2}\d{9}$/,
  HR: /^HR\d{11}$/,
  HU: /^HU\d{8}$/,
  IE: /^IE(\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^IT\d{11}$/,
  LT: /^LT(\d{9}|\d{12})$/,
  LU: /^LU\d{8}$/,
  LV: /^LV\d{11}$/,
  MT: /^MT\d{8}$/,
  NL: /^NL\d{9}B\d{2}$/,
  PL: /^PL\d{10}$/,
  PT: /^PT\d{9}$/,
  RO: /^RO\d{2,10}$/,
  SE: /^SE\d{12}$/,
  SI: /^SI\d{8}$/,
  SK: /^SK\d{10}$/,
  // Northern Ireland keeps EU VAT for goods (Windsor Framework).
  XI: /^XI(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
};

/** "de 123 456 789" → "DE123456789": spaces, dots and hyphens are how people write it, not part of it. */
export const normaliseVatId = (raw: string) => raw.toUpperCase().replace(/[\s.-]/g, '');

export type VatIdCheck = { ok: true; vatId: string; country: string } | { ok: false; reason: string };

export function checkVatId(raw: string): VatIdCheck {
  const vatId = normaliseVatId(raw);
  const prefix = vatId.slice(0, 2);
  const format = FORMATS[prefix];
  if (!format)
    return {
      ok: false,
      reason: `„${prefix}“ ist kein Länderkennzeichen einer USt-IdNr. in der EU (z. B. DE, AT, FR).`,
    };
  if (!format.test(vatId)) return { ok: false, reason: `Die USt-IdNr. hat nicht das Format für ${prefix}.` };
  // Greece writes EL in VAT ids but GR in addresses.
  return { ok: true, vatId, country: prefix === 'EL' ? 'GR' : prefix === 'XI' ? 'GB' : prefix };
}

/**
 * Reverse charge applies to a business customer in another member state with a valid VAT id
 * (§ 3a Abs. 2 and § 13b UStG): the seller invoices net and the customer owes the VAT.
 */
export function taxModeFor(buyerVatId: string | null, sellerCountry = 'DE'): 'standard' | 'reverse_charge' {
  if (!buyerVatId) return 'standard';
  const check = checkVatId(buyerVatId);
  return check.ok && check.country !== sellerCountry ? 'reverse_charge' : 'standard';
}
