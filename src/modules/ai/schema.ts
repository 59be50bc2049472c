import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenant } from '../../platform/auth/auth.schema.js';
import { tenantIsolationPolicy } from '../../platform/db/tenant-table.js';
import { contact, property } from '../crm/schema.js';
import type { GenerationFile, GenerationInput } from './contract.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const tenantId = () =>
  text()
    .notNull()
    .references(() => tenant.id, { onDelete: 'cascade' });
const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
/** Millionths of a US dollar: providers bill in USD, and one call often costs a fraction of a cent. */
const micros = () => bigint({ mode: 'number' });

/** One provider as an office configured it. The API key is sealed with the SecretBox. */
export const aiProviderSetting = pgTable(
  'ai_provider_setting',
  {
    tenantId: tenantId(),
    provider: text().notNull(),
    enabled: boolean().notNull().default(false),
    apiKeySealed: text(),
    apiKeyLast4: text(),
    baseUrl: text(),
    defaultModel: text(),
    monthlyBudgetMicros: micros(),
    /** Lower runs first when the office's preferred provider fails and fallback is on. */
    priority: integer().notNull().default(100),
    lastTestAt: timestamp({ withTimezone: true }),
    lastTestOk: boolean(),
    lastTestMessage: text(),
    updatedBy: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.provider] }), tenantIsolationPolicy()],
);

/** The office-wide AI settings: monthly budget over all providers, fallback, preferred providers. */
export const aiTenantSetting = pgTable(
  'ai_tenant_setting',
  {
    tenantId: tenantId().primaryKey(),
    monthlyBudgetMicros: micros(),
    fallbackEnabled: boolean().notNull().default(true),
    textProvider: text(),
    imageProvider: text(),
    videoProvider: text(),
    updatedBy: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  () => [tenantIsolationPolicy()],
);

/** Every generation: what was asked, what came back, who asked, what it cost. */
export const aiGeneration = pgTable(
  'ai_generation',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    userId: text(),
    kind: text().notNull(),
    type: text().notNull(),
    provider: text().notNull(),
    model: text().notNull(),
    /** The provider that failed before this one answered, when fallback stepped in. */
    fallbackFrom: text(),
    fallbackReason: text(),
    status: text().notNull(),
    input: jsonb().$type<GenerationInput>().notNull(),
    prompt: text().notNull().default(''),
    outputText: text(),
    outputFiles: jsonb().$type<GenerationFile[]>().notNull().default([]),
    propertyId: uuid().references(() => property.id, { onDelete: 'set null' }),
    contactId: uuid().references(() => contact.id, { onDelete: 'set null' }),
    socialPostId: uuid(),
    tokensIn: integer(),
    tokensOut: integer(),
    images: integer(),
    videoSeconds: integer(),
    costMicros: micros().notNull().default(0),
    /** Which dated price-table entry priced the call. */
    priceRef: text(),
    cacheHit: boolean().notNull().default(false),
    durationMs: integer(),
    error: text(),
    jobRunId: text(),
    /** The provider's own task id (Runway), kept so a retried job polls the same task instead of paying twice. */
    externalTaskId: text(),
    createdAt: createdAt(),
    finishedAt: timestamp({ withTimezone: true }),
    searchVector: tsvector().generatedAlwaysAs(
      sql`to_tsvector('german', coalesce(type, '') || ' ' || coalesce(prompt, '') || ' ' || coalesce(output_text, ''))`,
    ),
  },
  (t) => [
    index('ai_generation_search').using('gin', t.searchVector),
    index('ai_generation_tenant_created').on(t.tenantId, t.createdAt.desc()),
    index('ai_generation_tenant_property').on(t.tenantId, t.propertyId),
    tenantIsolationPolicy(),
  ],
);
