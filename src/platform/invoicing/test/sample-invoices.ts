import type { InvoiceDocument } from '../invoice-document.js';

/** A broker's commission invoice to a private buyer, as an office on Lake Constance issues it. */
export const commissionInvoice: InvoiceDocument = {
  kind: 'invoice',
  number: 'RE-2026-0001',
  issueDate: '2026-12-07',
  dueDate: '2026-12-21',
  servicePeriod: { start: '2026-11-30', end: '2026-11-30' },
  seller: {
    name: 'Bodensee Immobilien GmbH',
    street: 'Seestraße 12',
    postalCode: '88709',
    city: 'Meersburg',
    country: 'DE',
    vatId: 'DE123456789',
    taxNumber: null,
    email: 'rechnung@bodensee-immobilien.de',
    phone: '+49 7532 1234',
    contactName: 'Anna Berger',
  },
  buyer: {
    name: 'Jürgen Weiß',
    street: 'Hafenstraße 3',
    postalCode: '78462',
    city: 'Konstanz',
    country: 'DE',
    vatId: null,
    taxNumber: null,
    email: 'j.weiss@example.de',
    phone: null,
    contactName: null,
  },
  buyerReference: 'K-1042',
  lines: [
    {
      description:
        'Käuferprovision 3,00 % (zzgl. USt) aus Kaufpreis 685.000,00 € – Seevilla Hagnau, Kaufvertrag vom 30.11.2026',
      quantity: 1,
      unitCode: 'C62',
      unitPriceCents: 2_055_000,
    },
  ],
  taxMode: 'standard',
  bank: { iban: 'DE02600501010002034304', bic: 'SOLADEST600', accountHolder: 'Bodensee Immobilien GmbH' },
  note: 'Objekt: Seevilla Hagnau, Uferweg 5, 88709 Hagnau am Bodensee',
  corrects: null,
  footer: ['Amtsgericht Freiburg HRB 701234', 'Geschäftsführerin Anna Berger'],
};

/** The platform's monthly subscription invoice to an Austrian broker with a VAT id: reverse charge. */
export const reverseChargeInvoice: InvoiceDocument = {
  ...commissionInvoice,
  number: 'IMX-2026-000001',
  seller: { ...commissionInvoice.seller, name: 'ImmoXX GmbH', email: 'billing@immoxx.example' },
  buyer: {
    name: 'Vorarlberg Wohnen GmbH',
    street: 'Seestraße 2',
    postalCode: '6900',
    city: 'Bregenz',
    country: 'AT',
    vatId: 'ATU12345678',
    taxNumber: null,
    email: 'office@vorarlberg-wohnen.example',
    phone: null,
    contactName: null,
  },
  buyerReference: 'cus_NffrFeUfNV2Hib',
  servicePeriod: { start: '2026-12-01', end: '2026-12-31' },
  lines: [
    {
      description: 'ImmoXX Professional, Dezember 2026',
      quantity: 1,
      unitCode: 'MON',
      unitPriceCents: 14_900,
    },
  ],
  taxMode: 'reverse_charge',
  bank: null,
  note: null,
  footer: [],
};

export const creditNote: InvoiceDocument = {
  ...commissionInvoice,
  kind: 'credit_note',
  number: 'RE-2026-0002',
  corrects: { number: 'RE-2026-0001', issueDate: '2026-12-07' },
};
