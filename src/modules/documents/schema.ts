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
