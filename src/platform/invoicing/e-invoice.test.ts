import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderFacturX, renderXRechnung, XRECHNUNG_CUSTOMIZATION_ID } from './e-invoice.js';
import { renderInvoicePdf } from './invoice-pdf.js';
import { fatal, validateEInvoice } from './test/e-invoice-validator.js';
import { commissionInvoice, creditNote, reverseChargeInvoice } from './test/sample-invoices.js';

/*
 * Our e-invoices against the official rule sets, which we did not write: CEN/TC 434's EN 16931
 * Schematron (validation-1.3.16) and KoSIT's XRechnung Schematron (XRechnung 3.0.x), both
 * vendored unchanged in test/validation (see its README). The validator is shown to be alive
 * first: the published examples pass and a tampered total fails.
 */
const fixture = (name: string) =>
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'test', 'validation', name), 'utf8');

async function attachedXml(pdf: Buffer): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const attachments = (await doc.getAttachments()) as Record<
      string,
      { filename: string; content: Uint8Array }
    > | null;
    const facturX = Object.values(attachments ?? {}).find((a) => a.filename === 'factur-x.xml');
    if (!facturX) throw new Error(`no factur-x.xml in ${Object.keys(attachments ?? {}).join(', ')}`);
    return new TextDecoder().decode(facturX.content);
  } finally {
    await doc.destroy();
  }
}

describe('the validator itself', () => {
  it('passes the published EN 16931 examples (UBL and CII)', async () => {
    expect(fatal(await validateEInvoice(fixture('ubl-tc434-creditnote1.xml'), 'EN16931-UBL'))).toEqual([]);
    expect(fatal(await validateEInvoice(fixture('CII_example3.xml'), 'EN16931-CII'))).toEqual([]);
  }, 60_000);

  it('catches a total that does not add up and a missing buyer reference', async () => {
    const xml = await renderXRechnung(commissionInvoice);
    const tampered = xml.replace(
      /<cbc:PayableAmount currencyID="EUR">[^<]*</,
      '<cbc:PayableAmount currencyID="EUR">1.00<',
    );
    expect(fatal(await validateEInvoice(tampered, 'EN16931-UBL')).map((v) => v.id)).toContain('BR-CO-16');
    const noReference = xml.replace(/<cbc:BuyerReference>[^<]*<\/cbc:BuyerReference>/, '');
    expect(fatal(await validateEInvoice(noReference, 'XRechnung-UBL')).map((v) => v.id)).toContain(
      'BR-DE-15',
    );
  }, 60_000);
});

describe('XRechnung (UBL)', () => {
  it.each([
    ['a commission invoice with 19 % USt', commissionInvoice],
    ['a reverse-charge invoice to an Austrian business', reverseChargeInvoice],
    ['a credit note correcting an invoice', creditNote],
  ])(
    '%s passes EN 16931 and the XRechnung rules',
    async (_label, doc) => {
      const xml = await renderXRechnung(doc);
      expect(xml).toContain(XRECHNUNG_CUSTOMIZATION_ID);
      expect(fatal(await validateEInvoice(xml, 'EN16931-UBL'))).toEqual([]);
      expect(fatal(await validateEInvoice(xml, 'XRechnung-UBL'))).toEqual([]);
    },
    60_000,
  );

  it('states the amounts § 14 UStG asks for', async () => {
    const xml = await renderXRechnung(commissionInvoice);
    expect(xml).toContain('<cbc:TaxExclusiveAmount currencyID="EUR">20550.00</cbc:TaxExclusiveAmount>');
    expect(xml).toContain('<cbc:TaxAmount currencyID="EUR">3904.50</cbc:TaxAmount>');
    expect(xml).toContain('<cbc:PayableAmount currencyID="EUR">24454.50</cbc:PayableAmount>');
    const rc = await renderXRechnung(reverseChargeInvoice);
    expect(rc).toContain('<cbc:TaxExemptionReasonCode>VATEX-EU-AE</cbc:TaxExemptionReasonCode>');
    expect(rc).toContain('<cbc:PayableAmount currencyID="EUR">149.00</cbc:PayableAmount>');
    const credit = await renderXRechnung(creditNote);
    expect(credit).toContain('<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>');
    expect(credit).toMatch(/<cac:InvoiceDocumentReference>\s*<cbc:ID>RE-2026-0001<\/cbc:ID>/);
  }, 60_000);
});

describe('Factur-X / ZUGFeRD (EN 16931 profile)', () => {
  it('embeds CII XML into the printed PDF that passes the EN 16931 rules', async () => {
    const pdf = await renderInvoicePdf(commissionInvoice);
    const hybrid = await renderFacturX(commissionInvoice, pdf);
    expect(hybrid.subarray(0, 5).toString()).toBe('%PDF-');
    const xml = await attachedXml(hybrid);
    expect(xml).toContain('urn:cen.eu:en16931:2017');
    expect(xml).toContain('RE-2026-0001');
    expect(fatal(await validateEInvoice(xml, 'EN16931-CII'))).toEqual([]);
    // PDF/A-3 identification in the XMP metadata.
    expect(hybrid.toString('latin1')).toMatch(/pdfaid:part[>="]+3/);
  }, 60_000);
});
