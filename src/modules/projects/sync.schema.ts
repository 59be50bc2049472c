import { boolean, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { authUser, tenant } from '../../platform/auth/auth.schema.js';
import { tenantIsolationPolicy } from '../../platform/db/tenant-table.js';
import { projectTask } from './schema.js';

/* Tables of the external project-tool integration (docs/integrations/project-sync.md). */

const tenantId = () =>
  text()
    .notNull()
    .references(() => tenant.id, { onDelete: 'cascade' });
const userRef = () => text().references(() => authUser.id, { onDelete: 'set null' });
const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

/** An office's outbound webhook: which events go to which URL, signed with its secret. */
export const projectWebhook = pgTable(
  'project_webhook',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    name: text().notNull(),
    url: text().notNull(),
    events: text().array().notNull(),
    /** Sealed (SecretBox); shown once at creation and rotation, never returned again. */
    secretSealed: text().notNull(),
    /** The secret before the last rotation, still signed with until `previousSecretUntil`. */
    previousSecretSealed: text(),
    previousSecretUntil: timestamp({ withTimezone: true }),
    enabled: boolean().notNull().default(true),
    createdBy: userRef(),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_webhook_tenant').on(t.tenantId), tenantIsolationPolicy()],
);

/** One event sent (or to be sent) to one webhook, with the outcome of its last try: the delivery log. */
export const projectWebhookDelivery = pgTable(
  'project_webhook_delivery',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    webhookId: uuid()
      .notNull()
      .references(() => projectWebhook.id, { onDelete: 'cascade' }),
    /** The event's id: the same for a replay, so receivers can drop what they already applied. */
    eventId: uuid().notNull(),
    event: text().notNull(),
    body: jsonb().$type<Record<string, unknown>>().notNull(),
    /** pending → succeeded | failed (after the last retry). */
    status: text().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    responseStatus: integer(),
    responseExcerpt: text(),
    error: text(),
    durationMs: integer(),
    replayOf: uuid(),
    createdAt: createdAt(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('project_webhook_delivery_log').on(t.tenantId, t.webhookId, t.createdAt.desc().nullsFirst()),
    tenantIsolationPolicy(),
  ],
);

/** A system allowed to write tasks and projects through the inbound sync API, by bearer token. */
export const projectSyncClient = pgTable(
  'project_sync_client',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    name: text().notNull(),
    /** SHA-256 of the token; the token itself is shown once. */
    tokenHash: text().notNull(),
    /** Its last four characters, so an admin can tell tokens apart. */
    tokenHint: text().notNull(),
    createdBy: userRef(),
    createdAt: createdAt(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [unique('project_sync_client_token').on(t.tokenHash), tenantIsolationPolicy()],
);

/** A connection to an outside project tool (Plane) that mirrors the office's tasks both ways. */
export const projectConnector = pgTable(
  'project_connector',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    kind: text().notNull().default('plane'),
    baseUrl: text().notNull(),
    workspaceSlug: text().notNull(),
    remoteProjectId: text().notNull(),
    apiKeySealed: text().notNull(),
    enabled: boolean().notNull().default(true),
    lastPullAt: timestamp({ withTimezone: true }),
    lastError: text(),
    createdBy: userRef(),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('project_connector_kind').on(t.tenantId, t.kind), tenantIsolationPolicy()],
);

/** Which outside record mirrors which task, and how fresh each side was at the last exchange. */
export const projectConnectorLink = pgTable(
  'project_connector_link',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    connectorId: uuid()
      .notNull()
      .references(() => projectConnector.id, { onDelete: 'cascade' }),
    taskId: uuid()
      .notNull()
      .references(() => projectTask.id, { onDelete: 'cascade' }),
    remoteId: text().notNull(),
    /** The outside record's `updated_at` when we last wrote or read it. */
    remoteUpdatedAt: timestamp({ withTimezone: true }),
    /** The task's `updatedAt` when we last wrote or read it. */
    localUpdatedAt: timestamp({ withTimezone: true }),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    unique('project_connector_link_task').on(t.connectorId, t.taskId),
    unique('project_connector_link_remote').on(t.connectorId, t.remoteId),
    tenantIsolationPolicy(),
  ],
);
