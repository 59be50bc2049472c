import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { authUser, tenant } from '../auth/auth.schema.js';
import { tenantIsolationPolicy } from '../db/tenant-table.js';
import type { InvoiceDocument } from './invoice-document.js';

/**
 * The last number given per series and year: invoice numbers are consecutive without gaps
 * (§ 14 Abs. 4 Nr. 4 UStG, GoBD). Taking a number and writing the invoice happen in one
 * transaction, so a failed invoice gives its number back. The platform's own series has no
 * office (tenant_id null), which the office role never sees.
 */
export const invoiceCounter = pgTable(
  'invoice_counter',
  {
    /** `platform:2026` or `office:<tenant id>:2026`. */
    key: text().primaryKey(),
    tenantId: text().references(() => tenant.id, { onDelete: 'cascade' }),
    last: integer().notNull(),
  },
  () => [tenantIsolationPolicy()],
);

/**
 * An invoice or credit note as issued, never changed afterwards: the document it was made from,
 * its PDF (Factur-X) and XRechnung files, and where it came from. `tenant_id` is the office it
 * concerns: the buyer of the platform's subscription invoices, the seller of its own commission
 * invoices.
 */
export const issuedInvoice = pgTable(
  'issued_invoice',
  {
    id: uuid().primaryKey().defaultRandom(),
    /**
     * Null once the office is deleted: the platform's own invoices to it are kept for the
     * retention period (§ 147 AO, § 14b UStG: ten and eight years); the office's are deleted with it.
     */
    tenantId: text().references(() => tenant.id, { onDelete: 'set null' }),
    /** platform: ImmoXX invoices the office; office: the office invoices its customer. */
    issuer: text().notNull(),
    kind: text().notNull(),
    series: text().notNull(),
    number: text().notNull(),
    issueDate: date({ mode: 'string' }).notNull(),
    buyerName: text().notNull(),
    netCents: bigint({ mode: 'number' }).notNull(),
    vatCents: bigint({ mode: 'number' }).notNull(),
    grossCents: bigint({ mode: 'number' }).notNull(),
    document: jsonb().$type<InvoiceDocument>().notNull(),
    pdfKey: text().notNull(),
    xmlKey: text().notNull(),
    /** A credit note's invoice. */
    correctsId: uuid().references((): AnyPgColumn => issuedInvoice.id),
    /** The Stripe invoice a subscription invoice answers; one ours per Stripe invoice. */
    stripeInvoiceId: text().unique(),
    propertyId: uuid(),
    contactId: uuid(),
    createdBy: text().references(() => authUser.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('issued_invoice_number').on(t.series, t.number),
    // One credit note per invoice: a second one would refund twice.
    unique('issued_invoice_corrects').on(t.correctsId),
    index('issued_invoice_tenant_issuer_date').on(t.tenantId, t.issuer, t.issueDate),
    check('issued_invoice_issuer', sql`${t.issuer} in ('platform', 'office')`),
    check('issued_invoice_kind', sql`${t.kind} in ('invoice', 'credit_note')`),
    tenantIsolationPolicy(),
  ],
);
