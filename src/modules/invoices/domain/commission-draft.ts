import { formatCents, formatDate, formatPercent } from '../../../platform/format/format-de.js';
import { alpha2 } from '../../../platform/invoicing/country-codes.js';
import type { InvoiceDocument } from '../../../platform/invoicing/invoice-document.js';

export interface CommissionSeller {
  legalName: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  vatId: string | null;
  taxNumber: string | null;
  email: string;
  phone: string;
  contactName: string;
  iban: string;
  bic: string | null;
  accountHolder: string;
  paymentDays: number;
  /** Register entry and representative, for the footer (§ 35a GmbHG, § 80 AktG). */
  footer: string[];
}

export interface CommissionProperty {
  title: string;
  street: string | null;
  houseNumber: string | null;
  postalCode: string;
  city: string;
  marketingType: string;
  purchasePriceCents: number | null;
}

export interface CommissionContact {
  id: string;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string;
  email: string | null;
}

export interface CommissionTerms {
  percent: number | null;
  amountCents: number | null;
  serviceDate: string;
  side: 'kaeufer' | 'verkaeufer' | 'mieter' | 'vermieter';
}

const SIDE: Record<CommissionTerms['side'], string> = {
  kaeufer: 'Käuferprovision',
  verkaeufer: 'Verkäuferprovision',
  mieter: 'Mieterprovision',
  vermieter: 'Vermieterprovision',
};

export type DraftResult =
  | { ok: true; draft: Omit<InvoiceDocument, 'number'> }
  | { ok: false; code: string; message: string; missing?: string[] };

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The commission invoice for a won deal. Brokering a German property is a service connected with
 * land, taxed where the land lies (§ 3a Abs. 3 Nr. 1 UStG), so it carries 19 % German USt for
 * every customer, a foreign business included: no reverse charge here.
 */
export function commissionDraft(
  seller: CommissionSeller,
  property: CommissionProperty,
  contact: CommissionContact,
  terms: CommissionTerms,
  today: string,
): DraftResult {
  const missing = [
    contact.street ? null : 'Straße',
    contact.postalCode ? null : 'PLZ',
    contact.city ? null : 'Ort',
  ].filter((m): m is string => m !== null);
  const country = alpha2(contact.country);
  if (!country) missing.push('Land');
  if (missing.length > 0)
    return {
      ok: false,
      code: 'contact_address_missing',
      message: `Für die Rechnung fehlt beim Kontakt: ${missing.join(', ')}.`,
      missing,
    };
  let netCents: number;
  let basis: string;
  if (terms.percent !== null) {
    if (!property.purchasePriceCents)
      return {
        ok: false,
        code: 'price_missing',
        message: 'Das Objekt hat keinen Kaufpreis; geben Sie die Provision als festen Betrag an.',
      };
    netCents = Math.round((property.purchasePriceCents * terms.percent) / 100);
    basis = `${formatPercent(terms.percent)} zzgl. USt aus Kaufpreis ${formatCents(property.purchasePriceCents, 'de', { whole: false })}`;
  } else {
    netCents = terms.amountCents!;
    basis = 'pauschal zzgl. USt';
  }
  const name =
    contact.companyName || [contact.firstName, contact.lastName].filter(Boolean).join(' ') || 'Kunde';
  const place = [
    [property.street, property.houseNumber].filter(Boolean).join(' '),
    `${property.postalCode} ${property.city}`,
  ]
    .filter(Boolean)
    .join(', ');
  const contract = property.marketingType === 'kauf' ? 'Kaufvertrag' : 'Mietvertrag';
  return {
    ok: true,
    draft: {
      kind: 'invoice',
      issueDate: today,
      dueDate: addDays(today, seller.paymentDays),
      servicePeriod: { start: terms.serviceDate, end: terms.serviceDate },
      seller: {
        name: seller.legalName,
        street: seller.street,
        postalCode: seller.postalCode,
        city: seller.city,
        country: seller.country,
        vatId: seller.vatId,
        taxNumber: seller.taxNumber,
        email: seller.email,
        phone: seller.phone,
        contactName: seller.contactName,
      },
      buyer: {
        name,
        street: contact.street!,
        postalCode: contact.postalCode!,
        city: contact.city!,
        country: country!,
        vatId: null,
        taxNumber: null,
        email: contact.email,
        phone: null,
        contactName: contact.companyName
          ? [contact.firstName, contact.lastName].filter(Boolean).join(' ') || null
          : null,
      },
      // The customer number stands in for the buyer's reference (BT-10), which XRechnung requires.
      buyerReference: `K-${contact.id.slice(0, 8).toUpperCase()}`,
      lines: [
        {
          description: `${SIDE[terms.side]} ${basis} – ${property.title}, ${contract} vom ${formatDate(terms.serviceDate)}`,
          quantity: 1,
          unitCode: 'C62',
          unitPriceCents: netCents,
        },
      ],
      taxMode: 'standard',
      bank: { iban: seller.iban, bic: seller.bic, accountHolder: seller.accountHolder },
      note: `Objekt: ${property.title}${place ? `, ${place}` : ''}`,
      corrects: null,
      footer: seller.footer,
    },
  };
}
