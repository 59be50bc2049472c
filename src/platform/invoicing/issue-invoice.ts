import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import type { FileStorage } from '../files/file-storage.js';
import { renderFacturX, renderXRechnung } from './e-invoice.js';
import type { InvoiceDocument } from './invoice-document.js';
import { renderInvoicePdf } from './invoice-pdf.js';
import { documentTotals } from './invoice-totals.js';
import { invoiceCounter, issuedInvoice } from './invoicing.schema.js';

export type Issuer = 'platform' | 'office';

export interface IssueRequest {
  tenantId: string;
  issuer: Issuer;
  /** The document without its number, which the series gives. */
  draft: Omit<InvoiceDocument, 'number'>;
  colour?: string;
  correctsId?: string | null;
  stripeInvoiceId?: string | null;
  propertyId?: string | null;
  contactId?: string | null;
  createdBy?: string | null;
}

export type IssuedInvoiceRow = typeof issuedInvoice.$inferSelect;

/** Platform invoices: IMX-2026-000123; an office's: RE-2026-0042 (its prefix). */
export function formatInvoiceNumber(issuer: Issuer, prefix: string, year: number, n: number): string {
  return issuer === 'platform'
    ? `${prefix}-${year}-${String(n).padStart(6, '0')}`
    : `${prefix}-${year}-${String(n).padStart(4, '0')}`;
}

/**
 * The next number of a series. The upsert locks the counter row until the transaction ends, so
 * two invoices issued at once get consecutive numbers, and a rolled-back one leaves no gap.
 */
async function nextNumber(tx: Tx, key: string, tenantId: string | null): Promise<number> {
  const [row] = await tx
    .insert(invoiceCounter)
    .values({ key, tenantId, last: 1 })
    .onConflictDoUpdate({ target: invoiceCounter.key, set: { last: sql`${invoiceCounter.last} + 1` } })
    .returning({ last: invoiceCounter.last });
  return row!.last;
}

/**
 * Issues one invoice or credit note: takes the next number, renders the PDF with the Factur-X XML
 * inside and the XRechnung, stores both and records the invoice. Run inside the caller's
 * transaction: the office's (row-level security) for its own invoices, the owner's for the
 * platform's.
 */
export async function issueInvoice(
  tx: Tx,
  files: FileStorage,
  request: IssueRequest,
  numbering: { prefix: string },
): Promise<IssuedInvoiceRow> {
  const year = Number(request.draft.issueDate.slice(0, 4));
  const series = request.issuer === 'platform' ? 'platform' : `office:${request.tenantId}`;
  const n = await nextNumber(
    tx,
    `${series}:${year}`,
    request.issuer === 'platform' ? null : request.tenantId,
  );
  const document: InvoiceDocument = {
    ...request.draft,
    number: formatInvoiceNumber(request.issuer, numbering.prefix, year, n),
  };
  const printed = await renderInvoicePdf(document, { colour: request.colour });
  const [pdf, xml] = await Promise.all([renderFacturX(document, printed), renderXRechnung(document)]);
  const id = randomUUID();
  const base = `tenants/${request.tenantId}/invoices/${request.issuer}/${id}`;
  await Promise.all([files.put(`${base}.pdf`, pdf), files.put(`${base}.xml`, Buffer.from(xml, 'utf8'))]);
  const totals = documentTotals(document);
  const [row] = await tx
    .insert(issuedInvoice)
    .values({
      id,
      tenantId: request.tenantId,
      issuer: request.issuer,
      kind: document.kind,
      series,
      number: document.number,
      issueDate: document.issueDate,
      buyerName: document.buyer.name,
      netCents: totals.netCents,
      vatCents: totals.vatCents,
      grossCents: totals.grossCents,
      document,
      pdfKey: `${base}.pdf`,
      xmlKey: `${base}.xml`,
      correctsId: request.correctsId ?? null,
      stripeInvoiceId: request.stripeInvoiceId ?? null,
      propertyId: request.propertyId ?? null,
      contactId: request.contactId ?? null,
      createdBy: request.createdBy ?? null,
    })
    .returning();
  return row!;
}

/** The credit note that cancels an invoice in full: same lines, the invoice named (BT-25). */
export function creditNoteDraft(
  invoice: InvoiceDocument,
  issueDate: string,
): Omit<InvoiceDocument, 'number'> {
  const { number: _number, ...rest } = invoice;
  return {
    ...rest,
    kind: 'credit_note',
    issueDate,
    dueDate: issueDate,
    corrects: { number: invoice.number, issueDate: invoice.issueDate },
  };
}
