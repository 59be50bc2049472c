import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { authUser, tenant } from '../../platform/auth/auth.schema.js';
import { tenantIsolationPolicy } from '../../platform/db/tenant-table.js';
import { contact, property } from '../crm/schema.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const tenantId = () =>
  text()
    .notNull()
    .references(() => tenant.id, { onDelete: 'cascade' });

/** A document in a property's or contact's folder; its file is the newest version. */
export const document = pgTable(
  'document',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    propertyId: uuid().references(() => property.id, { onDelete: 'cascade' }),
    contactId: uuid().references(() => contact.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    category: text().notNull().default('sonstiges'),
    tags: jsonb().$type<string[]>().notNull().default([]),
    confidential: boolean().notNull().default(false),
    validUntil: date({ mode: 'string' }),
    currentVersion: integer().notNull().default(1),
    extractedText: text(),
    /** ausstehend → laeuft → fertig | fehler | nicht_moeglich (a scanned PDF, an Office file). */
    textStatus: text().notNull().default('ausstehend'),
    textNote: text(),
    textJobRunId: text(),
    /** manuell when the broker chose the category; automatisch when the text did. */
    categorySource: text().notNull().default('manuell'),
    /** What the text suggests, kept even when the broker's own choice stands. */
    suggestedCategory: text(),
    categoryConfidence: real(),
    categoryReason: jsonb().$type<string[]>(),
    energyFacts: jsonb().$type<{
      certificateType: 'bedarf' | 'verbrauch' | null;
      energyValue: number | null;
      efficiencyClass: string | null;
      validUntil: string | null;
      /** Absent in readings made before the carrier and building year were read. */
      energyCarrier?: string | null;
      yearBuilt?: number | null;
    }>(),
    searchVector: tsvector().generatedAlwaysAs(
      sql`setweight(to_tsvector('german', coalesce(title, '')), 'A') || setweight(to_tsvector('german', coalesce(extracted_text, '')), 'B')`,
    ),
    createdBy: text().references(() => authUser.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('document_property').on(t.tenantId, t.propertyId),
    // The list's order (issue 19): a page walks the index and stops, instead of sorting every row.
    index('document_tenant_updated').on(
      t.tenantId,
      t.updatedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('document_contact').on(t.tenantId, t.contactId),
    index('document_valid_until').on(t.tenantId, t.validUntil),
    index('document_search').using('gin', t.searchVector),
    tenantIsolationPolicy(),
  ],
);

/** Every upload of a document, kept: who, when, which bytes (SHA-256) and where they are stored. */
export const documentVersion = pgTable(
  'document_version',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    documentId: uuid()
      .notNull()
      .references(() => document.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    fileKey: text().notNull(),
    fileName: text().notNull(),
    contentType: text().notNull(),
    sizeBytes: integer().notNull(),
    sha256: text().notNull(),
    uploadedBy: text().references(() => authUser.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('document_version_number').on(t.documentId, t.version), tenantIsolationPolicy()],
);

/**
 * A data-room link: chosen documents shared with one buyer. Only the token's hash is kept;
 * the link is shown once and mailed. An optional password is stored as a scrypt hash.
 */
export const documentShare = pgTable(
  'document_share',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    propertyId: uuid().references(() => property.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    recipientName: text().notNull(),
    recipientEmail: text(),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    passwordHash: text(),
    watermark: boolean().notNull().default(true),
    revokedAt: timestamp({ withTimezone: true }),
    revokedBy: text().references(() => authUser.id, { onDelete: 'set null' }),
    createdBy: text().references(() => authUser.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('document_share_token').on(t.tokenHash),
    index('document_share_property').on(t.tenantId, t.propertyId),
    tenantIsolationPolicy(),
  ],
);

export const documentShareItem = pgTable(
  'document_share_item',
  {
    tenantId: tenantId(),
    shareId: uuid()
      .notNull()
      .references(() => documentShare.id, { onDelete: 'cascade' }),
    documentId: uuid()
      .notNull()
      .references(() => document.id, { onDelete: 'cascade' }),
    position: integer().notNull().default(0),
  },
  (t) => [unique('document_share_item_unique').on(t.shareId, t.documentId), tenantIsolationPolicy()],
);

/** Every use of a data-room link, refused ones included: when, from where, what. */
export const documentShareAccess = pgTable(
  'document_share_access',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    shareId: uuid()
      .notNull()
      .references(() => documentShare.id, { onDelete: 'cascade' }),
    documentId: uuid().references(() => document.id, { onDelete: 'set null' }),
    /** geoeffnet, heruntergeladen, passwort_falsch, abgelaufen, widerrufen */
    outcome: text().notNull(),
    ip: text(),
    userAgent: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('document_share_access_share').on(t.shareId, t.at), tenantIsolationPolicy()],
);

export interface SignatureField {
  kind: 'signatur' | 'datum';
  /** 1-based page number of the source PDF. */
  page: number;
  /** Position and size as shares of the page (0–1, origin top left), independent of zoom. */
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A PDF sent for simple electronic signatures (eIDAS Art. 3 No. 10). The hashes before and
 * after make tampering detectable; the provider leaves room for qualified signatures later.
 */
export const signatureRequest = pgTable(
  'signature_request',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    documentId: uuid()
      .notNull()
      .references(() => document.id, { onDelete: 'cascade' }),
    sourceVersion: integer().notNull(),
    title: text().notNull(),
    message: text(),
    provider: text().notNull().default('einfach'),
    /** offen → abgeschlossen | abgelehnt | zurueckgezogen */
    status: text().notNull().default('offen'),
    sha256Before: text().notNull(),
    /** The signed pages without the audit page, as the audit page quotes it. */
    sha256Signed: text(),
    /** The delivered file, audit page included; a copy whose hash differs was altered. */
    sha256After: text(),
    signedVersion: integer(),
    createdBy: text().references(() => authUser.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('signature_request_document').on(t.tenantId, t.documentId),
    index('signature_request_after').on(t.sha256After),
    tenantIsolationPolicy(),
  ],
);

export const signatureSigner = pgTable(
  'signature_signer',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    requestId: uuid()
      .notNull()
      .references(() => signatureRequest.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    name: text().notNull(),
    email: text().notNull(),
    tokenHash: text().notNull(),
    fields: jsonb().$type<SignatureField[]>().notNull().default([]),
    /** offen → unterschrieben | abgelehnt */
    status: text().notNull().default('offen'),
    viewedAt: timestamp({ withTimezone: true }),
    signedAt: timestamp({ withTimezone: true }),
    method: text(),
    typedName: text(),
    /** The drawn or typed signature as a PNG, stamped into the PDF. */
    signatureFileKey: text(),
    ip: text(),
    userAgent: text(),
    declineReason: text(),
    mailDelivery: text(),
  },
  (t) => [
    unique('signature_signer_token').on(t.tokenHash),
    index('signature_signer_request').on(t.requestId),
    tenantIsolationPolicy(),
  ],
);

/**
 * A reminder that a document expires (60, 30, 7 days before, and on expiry: threshold 0).
 * Unique per document, date and threshold, so each one is raised and mailed once.
 */
export const documentReminder = pgTable(
  'document_reminder',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    documentId: uuid()
      .notNull()
      .references(() => document.id, { onDelete: 'cascade' }),
    validUntil: date({ mode: 'string' }).notNull(),
    thresholdDays: integer().notNull(),
    mailedTo: jsonb().$type<string[]>().notNull().default([]),
    dismissedAt: timestamp({ withTimezone: true }),
    dismissedBy: text().references(() => authUser.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('document_reminder_once').on(t.documentId, t.validUntil, t.thresholdDays),
    index('document_reminder_open').on(t.tenantId, t.dismissedAt),
    tenantIsolationPolicy(),
  ],
);

/**
 * Stored files whose rows are gone — a deleted document, or a whole folder removed with its
 * property or erased contact (GDPR Art. 17). Filled by a database trigger, so cascades are
 * caught too; a sweep deletes the files and then these rows.
 */
export const documentFileGarbage = pgTable(
  'document_file_garbage',
  {
    id: uuid().primaryKey().defaultRandom(),
    // No foreign key: the rows must outlive a deleted office, whose files still need removing.
    tenantId: text().notNull(),
    fileKey: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  () => [tenantIsolationPolicy()],
);
