import { type Invoice, InvoiceService } from '@e-invoice-eu/core';
import type { InvoiceDocument, InvoiceParty } from './invoice-document.js';
import { documentTotals } from './invoice-totals.js';

/**
 * XRechnung 3.0 (the German CIUS of EN 16931, mandatory for public buyers and the reference for
 * B2B since 2025) and Factur-X/ZUGFeRD EN 16931 (a PDF/A-3 with the CII XML inside), both written
 * by @e-invoice-eu/core from one internal (UBL-shaped) model.
 * XRechnung 3.0.x is the version in force (KoSIT, xeinkauf.de: 3.0.2 since 01.02.2025); the
 * identifier below changes only with a major/minor version of the standard.
 */
export const XRECHNUNG_CUSTOMIZATION_ID =
  'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0';
/** Factur-X EN 16931 ("Comfort") names the plain standard as its guideline. */
const EN16931_CUSTOMIZATION_ID = 'urn:cen.eu:en16931:2017';
const PEPPOL_BILLING_PROFILE = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

const amount = (cents: number) => (cents / 100).toFixed(2);

const logger = {
  // The library reports through this; warnings about optional fields are not ours to print.
  log: () => undefined,
  warn: () => undefined,
  error: (message: string) => console.error(`[e-invoice] ${message}`),
};

function party(p: InvoiceParty, role: 'seller' | 'buyer') {
  const taxSchemes: { 'cbc:CompanyID': string; 'cac:TaxScheme': { 'cbc:ID': string } }[] = [
    ...(p.vatId ? [{ 'cbc:CompanyID': p.vatId, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } }] : []),
    // A seller without a VAT id states its tax number (BT-32, scheme "FC" in UBL).
    ...(role === 'seller' && p.taxNumber
      ? [{ 'cbc:CompanyID': p.taxNumber, 'cac:TaxScheme': { 'cbc:ID': 'FC' } }]
      : []),
  ];
  return {
    'cac:Party': {
      // The electronic address (BT-34/BT-49) is mandatory in XRechnung 3.0; e-mail is scheme EM.
      ...(p.email ? { 'cbc:EndpointID': p.email, 'cbc:EndpointID@schemeID': 'EM' } : {}),
      'cac:PartyName': { 'cbc:Name': p.name },
      'cac:PostalAddress': {
        'cbc:StreetName': p.street,
        'cbc:CityName': p.city,
        'cbc:PostalZone': p.postalCode,
        'cac:Country': { 'cbc:IdentificationCode': p.country },
      },
      // The seller may state VAT id and tax number (a list); the buyer only its VAT id (one).
      ...(taxSchemes.length > 0
        ? { 'cac:PartyTaxScheme': role === 'seller' ? taxSchemes : taxSchemes[0] }
        : {}),
      'cac:PartyLegalEntity': { 'cbc:RegistrationName': p.name },
      ...(p.contactName || p.phone || p.email
        ? {
            'cac:Contact': {
              ...(p.contactName ? { 'cbc:Name': p.contactName } : {}),
              ...(p.phone ? { 'cbc:Telephone': p.phone } : {}),
              ...(p.email ? { 'cbc:ElectronicMail': p.email } : {}),
            },
          }
        : {}),
    },
  };
}

/** The invoice in e-invoice-eu's internal format (UBL element names as JSON keys). */
export function toInternalInvoice(
  doc: InvoiceDocument,
  customizationId = XRECHNUNG_CUSTOMIZATION_ID,
): Invoice {
  const totals = documentTotals(doc);
  const category =
    doc.taxMode === 'standard'
      ? { 'cbc:ID': 'S', 'cbc:Percent': String(totals.vatPercent), 'cac:TaxScheme': { 'cbc:ID': 'VAT' } }
      : { 'cbc:ID': 'AE', 'cbc:Percent': '0', 'cac:TaxScheme': { 'cbc:ID': 'VAT' } };
  const notes = [
    ...(doc.note ? [doc.note] : []),
    ...(doc.taxMode === 'reverse_charge'
      ? ['Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge)']
      : []),
  ];
  const invoice = {
    'ubl:Invoice': {
      'cbc:CustomizationID': customizationId,
      'cbc:ProfileID': PEPPOL_BILLING_PROFILE,
      'cbc:ID': doc.number,
      'cbc:IssueDate': doc.issueDate,
      'cbc:DueDate': doc.dueDate,
      // 380 commercial invoice, 381 credit note (UNTDID 1001).
      'cbc:InvoiceTypeCode': doc.kind === 'invoice' ? '380' : '381',
      ...(notes.length > 0 ? { 'cbc:Note': notes } : {}),
      'cbc:DocumentCurrencyCode': 'EUR',
      'cbc:BuyerReference': doc.buyerReference,
      'cac:InvoicePeriod': { 'cbc:StartDate': doc.servicePeriod.start, 'cbc:EndDate': doc.servicePeriod.end },
      ...(doc.corrects
        ? {
            'cac:BillingReference': [
              {
                'cac:InvoiceDocumentReference': {
                  'cbc:ID': doc.corrects.number,
                  'cbc:IssueDate': doc.corrects.issueDate,
                },
              },
            ],
          }
        : {}),
      'cac:AccountingSupplierParty': party(doc.seller, 'seller'),
      'cac:AccountingCustomerParty': party(doc.buyer, 'buyer'),
      'cac:PaymentMeans': [
        doc.bank
          ? {
              // 58: SEPA credit transfer.
              'cbc:PaymentMeansCode': '58',
              'cbc:PaymentID': doc.number,
              'cac:PayeeFinancialAccount': {
                'cbc:ID': doc.bank.iban,
                'cbc:Name': doc.bank.accountHolder,
                ...(doc.bank.bic ? { 'cac:FinancialInstitutionBranch': { 'cbc:ID': doc.bank.bic } } : {}),
              },
            }
          : // Paid through the payment provider already: "mutually defined".
            { 'cbc:PaymentMeansCode': 'ZZZ', 'cbc:PaymentID': doc.number },
      ],
      'cac:PaymentTerms': {
        'cbc:Note': doc.bank
          ? `Zahlbar ohne Abzug bis ${doc.dueDate.split('-').reverse().join('.')}.`
          : 'Bereits bezahlt.',
      },
      'cac:TaxTotal': [
        {
          'cbc:TaxAmount': amount(totals.vatCents),
          'cbc:TaxAmount@currencyID': 'EUR',
          'cac:TaxSubtotal': [
            {
              'cbc:TaxableAmount': amount(totals.netCents),
              'cbc:TaxableAmount@currencyID': 'EUR',
              'cbc:TaxAmount': amount(totals.vatCents),
              'cbc:TaxAmount@currencyID': 'EUR',
              'cac:TaxCategory':
                doc.taxMode === 'standard'
                  ? category
                  : {
                      ...category,
                      'cbc:TaxExemptionReasonCode': 'VATEX-EU-AE',
                      'cbc:TaxExemptionReason': 'Steuerschuldnerschaft des Leistungsempfängers',
                    },
            },
          ],
        },
      ],
      'cac:LegalMonetaryTotal': {
        'cbc:LineExtensionAmount': amount(totals.netCents),
        'cbc:LineExtensionAmount@currencyID': 'EUR',
        'cbc:TaxExclusiveAmount': amount(totals.netCents),
        'cbc:TaxExclusiveAmount@currencyID': 'EUR',
        'cbc:TaxInclusiveAmount': amount(totals.grossCents),
        'cbc:TaxInclusiveAmount@currencyID': 'EUR',
        'cbc:PayableAmount': amount(totals.grossCents),
        'cbc:PayableAmount@currencyID': 'EUR',
      },
      'cac:InvoiceLine': doc.lines.map((line, i) => ({
        'cbc:ID': String(i + 1),
        'cbc:InvoicedQuantity': String(line.quantity),
        'cbc:InvoicedQuantity@unitCode': line.unitCode,
        'cbc:LineExtensionAmount': amount(totals.lineNetCents[i]!),
        'cbc:LineExtensionAmount@currencyID': 'EUR',
        'cac:Item': { 'cbc:Name': line.description, 'cac:ClassifiedTaxCategory': category },
        'cac:Price': { 'cbc:PriceAmount': amount(line.unitPriceCents), 'cbc:PriceAmount@currencyID': 'EUR' },
      })),
    },
  };
  // The library's generated type is a deep union of optional UBL elements; the literal above follows it key by key.
  return invoice as unknown as Invoice;
}

const service = new InvoiceService(logger);

/** The XRechnung (UBL syntax) XML. */
export async function renderXRechnung(doc: InvoiceDocument): Promise<string> {
  const xml = await service.generate(toInternalInvoice(doc), { format: 'XRECHNUNG-UBL', lang: 'de-de' });
  return typeof xml === 'string' ? xml : new TextDecoder().decode(xml);
}

/**
 * The printed invoice made a Factur-X/ZUGFeRD EN 16931 invoice: PDF/A-3 with factur-x.xml inside,
 * so a person reads the PDF and the bookkeeping software reads the XML from the same file.
 */
export async function renderFacturX(doc: InvoiceDocument, pdf: Buffer): Promise<Buffer> {
  const out = await service.generate(toInternalInvoice(doc, EN16931_CUSTOMIZATION_ID), {
    format: 'Factur-X-EN16931',
    lang: 'de-de',
    pdf: { buffer: pdf, filename: `${doc.number}.pdf`, mimetype: 'application/pdf' },
  });
  return Buffer.from(out);
}
