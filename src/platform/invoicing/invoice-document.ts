/**
 * One invoice or credit note as issued: everything the PDF and the e-invoice print, fixed at
 * issue time, so a changed office address never rewrites an invoice already sent (GoBD).
 */
export interface InvoiceParty {
  name: string;
  street: string;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2, e.g. DE. */
  country: string;
  /** USt-IdNr., e.g. DE123456789. */
  vatId: string | null;
  /** Steuernummer, for a seller without a VAT id (§ 14 Abs. 4 Nr. 2 UStG). */
  taxNumber: string | null;
  email: string | null;
  phone: string | null;
  contactName: string | null;
}

export interface InvoiceLine {
  description: string;
  quantity: number;
  /** UN/ECE Rec. 20 unit code: C62 (piece), MON (month), HUR (hour). */
  unitCode: string;
  unitPriceCents: number;
}

export interface BankAccount {
  iban: string;
  bic: string | null;
  accountHolder: string;
}

/**
 * standard: 19 % German VAT (category S). reverse_charge: an EU business customer with a VAT id in
 * another member state owes the tax (§ 13b UStG, Art. 196 MwStSystRL; category AE, 0 %).
 */
export type TaxMode = 'standard' | 'reverse_charge';

export interface InvoiceDocument {
  kind: 'invoice' | 'credit_note';
  number: string;
  /** ISO dates (YYYY-MM-DD). */
  issueDate: string;
  dueDate: string;
  /** Date or period of the service (§ 14 Abs. 4 Nr. 6 UStG). */
  servicePeriod: { start: string; end: string };
  seller: InvoiceParty;
  buyer: InvoiceParty;
  /** XRechnung BT-10: the buyer's reference (Leitweg-ID for public buyers); the customer number otherwise. */
  buyerReference: string;
  lines: InvoiceLine[];
  taxMode: TaxMode;
  bank: BankAccount | null;
  /** Free text printed above the totals, e.g. the property a commission is for. */
  note: string | null;
  /** A credit note names the invoice it corrects (BT-25, BT-26). */
  corrects: { number: string; issueDate: string } | null;
  /** Who issued it, for the footer: register entry, representative. */
  footer: string[];
}
