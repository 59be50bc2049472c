import {
  FEDERAL_STATES as CODES,
  FEDERAL_STATE_NAMES,
  type FederalState,
} from '../../crm/domain/property-enums.js';

/** The sixteen federal states by their ISO 3166-2 code, as the CRM stores them. */
export const FEDERAL_STATES = FEDERAL_STATE_NAMES;
export type StateCode = FederalState;
export const STATE_CODES: StateCode[] = [...CODES];

export interface TransferTaxRate {
  state: StateCode;
  ratePercent: number;
  validFrom: string;
}

/**
 * Grunderwerbsteuer per state with the day each rate applies from (§ 11 GrEStG; the states set
 * their own rate since 1 September 2006, Art. 105 Abs. 2a GG). Earlier rows stay, so a contract
 * signed before a change is taxed at the rate of its day. Kept as data: a change is a new row.
 */
export const TRANSFER_TAX_RATES: TransferTaxRate[] = [
  { state: 'BW', ratePercent: 5.0, validFrom: '2011-11-05' },
  { state: 'BY', ratePercent: 3.5, validFrom: '1997-01-01' },
  { state: 'BE', ratePercent: 6.0, validFrom: '2014-01-01' },
  { state: 'BB', ratePercent: 6.5, validFrom: '2015-07-01' },
  { state: 'HB', ratePercent: 5.0, validFrom: '2014-01-01' },
  { state: 'HB', ratePercent: 5.5, validFrom: '2025-07-01' },
  { state: 'HH', ratePercent: 5.5, validFrom: '2023-01-01' },
  { state: 'HE', ratePercent: 6.0, validFrom: '2014-08-01' },
  { state: 'MV', ratePercent: 6.0, validFrom: '2019-07-01' },
  { state: 'NI', ratePercent: 5.0, validFrom: '2014-01-01' },
  { state: 'NW', ratePercent: 6.5, validFrom: '2015-01-01' },
  { state: 'RP', ratePercent: 5.0, validFrom: '2012-03-01' },
  { state: 'SL', ratePercent: 6.5, validFrom: '2015-01-01' },
  { state: 'SN', ratePercent: 5.5, validFrom: '2023-01-01' },
  { state: 'ST', ratePercent: 5.0, validFrom: '2012-03-01' },
  { state: 'SH', ratePercent: 6.5, validFrom: '2014-01-01' },
  { state: 'TH', ratePercent: 6.5, validFrom: '2017-01-01' },
  { state: 'TH', ratePercent: 5.0, validFrom: '2024-01-01' },
];

/** The rate that applies to a contract signed on `day` (YYYY-MM-DD). */
export function transferTaxRate(state: StateCode, day: string): TransferTaxRate | null {
  return (
    TRANSFER_TAX_RATES.filter((r) => r.state === state && r.validFrom <= day).sort((a, b) =>
      a.validFrom < b.validFrom ? 1 : -1,
    )[0] ?? null
  );
}

/** Every state's rate on `day`, for the rate table in the UI. */
export const ratesOn = (day: string) =>
  STATE_CODES.map((state) => transferTaxRate(state, day)).filter((r): r is TransferTaxRate => r !== null);
