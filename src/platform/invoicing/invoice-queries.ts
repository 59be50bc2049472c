import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import type { IssuedInvoiceView } from './invoice-view.js';
import { issuedInvoice } from './invoicing.schema.js';
import type { Issuer } from './issue-invoice.js';

export type InvoiceListItem = IssuedInvoiceView;

/** The office's invoices of one issuer, newest first, each credit note linked to its invoice. Runs under RLS. */
export async function listInvoices(
  tx: Tx,
  issuer: Issuer,
  only?: { id: string },
): Promise<InvoiceListItem[]> {
  const rows = await tx
    .select()
    .from(issuedInvoice)
    .where(and(eq(issuedInvoice.issuer, issuer), only ? eq(issuedInvoice.id, only.id) : undefined))
    .orderBy(desc(issuedInvoice.createdAt))
    .limit(200);
  const credits = new Map(
    (
      await tx
        .select({ correctsId: issuedInvoice.correctsId, number: issuedInvoice.number })
        .from(issuedInvoice)
        .where(
          inArray(
            issuedInvoice.correctsId,
            rows.length ? rows.map((r) => r.id) : ['00000000-0000-0000-0000-000000000000'],
          ),
        )
    ).map((r) => [r.correctsId!, r.number]),
  );
  const missing = rows
    .filter((r) => r.correctsId && !rows.some((o) => o.id === r.correctsId))
    .map((r) => r.correctsId!);
  const older = missing.length
    ? await tx
        .select({ id: issuedInvoice.id, number: issuedInvoice.number })
        .from(issuedInvoice)
        .where(inArray(issuedInvoice.id, missing))
    : [];
  const numbers = new Map([...rows, ...older].map((r) => [r.id, r.number]));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as InvoiceListItem['kind'],
    number: r.number,
    issueDate: r.issueDate,
    buyerName: r.buyerName,
    netCents: r.netCents,
    vatCents: r.vatCents,
    grossCents: r.grossCents,
    subject: r.document.note ?? r.document.lines[0]?.description ?? '',
    correctsNumber: r.correctsId ? (numbers.get(r.correctsId) ?? null) : null,
    cancelledBy: credits.get(r.id) ?? null,
  }));
}

export async function findInvoice(tx: Tx, issuer: Issuer, id: string) {
  const [row] = await tx
    .select()
    .from(issuedInvoice)
    .where(and(eq(issuedInvoice.id, id), eq(issuedInvoice.issuer, issuer)));
  return row ?? null;
}
