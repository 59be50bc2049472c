import type { InvoiceDocument, InvoiceLine, TaxMode } from './invoice-document.js';

export const STANDARD_VAT_PERCENT = 19;

export interface InvoiceTotals {
  lineNetCents: number[];
  netCents: number;
  vatPercent: number;
  vatCents: number;
  grossCents: number;
}

/** Quantities carry up to 4 decimals; a line's net is rounded to the cent once (EN 16931 BR-LIN-04 style). */
export const lineNetCents = (line: InvoiceLine) => Math.round(line.quantity * line.unitPriceCents);

/**
 * VAT is computed once on the sum of the lines of one rate (EN 16931 BR-CO-17: VAT category tax
 * amount = taxable amount × rate, rounded to two decimals), not per line.
 */
export function invoiceTotals(lines: InvoiceLine[], taxMode: TaxMode): InvoiceTotals {
  const nets = lines.map(lineNetCents);
  const netCents = nets.reduce((a, b) => a + b, 0);
  const vatPercent = taxMode === 'standard' ? STANDARD_VAT_PERCENT : 0;
  // Round half away from zero, so a credit note mirrors its invoice to the cent.
  const vatCents = Math.sign(netCents) * Math.round((Math.abs(netCents) * vatPercent) / 100);
  return { lineNetCents: nets, netCents, vatPercent, vatCents, grossCents: netCents + vatCents };
}

export const documentTotals = (doc: Pick<InvoiceDocument, 'lines' | 'taxMode'>) =>
  invoiceTotals(doc.lines, doc.taxMode);
