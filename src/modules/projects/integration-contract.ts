import { z } from 'zod';
import { isoDate } from '../../platform/validation/iso-date.js';
import { PROJECT_STATUSES, PROJECT_TYPES, STATE_GROUPS, TASK_PRIORITIES } from './contract.js';

/**
 * The contract of the external project-tool integration ("OptimAizeFlow" in the plan), documented
 * for integrators in docs/integrations/project-sync.md: outbound webhooks, the inbound sync API,
 * and the Plane connection.
 */

/** Events an office can subscribe a webhook to, with their German labels. */
export const WEBHOOK_EVENTS = {
  'project.created': 'Projekt angelegt',
  'project.updated': 'Projekt geändert',
  'project.deleted': 'Projekt gelöscht',
  'task.created': 'Aufgabe angelegt',
  'task.updated': 'Aufgabe geändert',
  'task.assigned': 'Aufgabe zugewiesen',
  'task.state_changed': 'Aufgabe: Status gewechselt',
  'task.completed': 'Aufgabe erledigt',
  'task.deleted': 'Aufgabe gelöscht',
  'task.due': 'Aufgabe fällig',
  'tasks.rescheduled': 'Termine nachfolgender Aufgaben verschoben',
} as const;
export type WebhookEvent = keyof typeof WEBHOOK_EVENTS;
export const WEBHOOK_EVENT_IDS = Object.keys(WEBHOOK_EVENTS) as [WebhookEvent, ...WebhookEvent[]];

const name = z.string().trim().min(1, 'Bitte einen Namen angeben.').max(100);

export const webhookInput = z.object({
  name,
  url: z.string().trim().url('Bitte eine vollständige Adresse mit https:// angeben.').max(2000),
  events: z.array(z.enum(WEBHOOK_EVENT_IDS)).min(1, 'Bitte mindestens ein Ereignis wählen.').max(20),
  enabled: z.boolean().default(true),
});
export type WebhookInput = z.infer<typeof webhookInput>;
export const webhookPatch = webhookInput.partial();

export const webhookSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  /** Until when the secret before the last rotation is still signed with. */
  previousSecretUntil: z.string().nullable(),
  lastDelivery: z
    .object({ status: z.string(), responseStatus: z.number().nullable(), createdAt: z.string() })
    .nullable(),
  failedDeliveries: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WebhookView = z.infer<typeof webhookSchema>;

/** Answer to creation and rotation: the only time the secret is shown. */
export const webhookWithSecret = webhookSchema.extend({ secret: z.string() });

export const deliverySchema = z.object({
  id: z.string().uuid(),
  webhookId: z.string().uuid(),
  eventId: z.string().uuid(),
  event: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.number(),
  responseStatus: z.number().nullable(),
  responseExcerpt: z.string().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().nullable(),
  replayOf: z.string().uuid().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  body: z.record(z.string(), z.unknown()),
});
export type DeliveryView = z.infer<typeof deliverySchema>;

export const syncClientInput = z.object({ name });
export const syncClientSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  tokenHint: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type SyncClientView = z.infer<typeof syncClientSchema>;

/** An outside system's time of its change; conflicts are decided by it (see the docs). */
const sourceUpdatedAt = z.string().datetime({
  offset: true,
  message: 'updatedAt: Zeitpunkt nach ISO 8601 mit Zeitzone, z. B. 2026-12-03T10:15:00Z.',
});
export const externalIdParam = z.object({
  externalId: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\w.:@-]+$/, 'Externe ID: Buchstaben, Ziffern und . : @ _ - (höchstens 200 Zeichen).'),
});

export const syncProjectBody = z
  .object({
    name: z.string().trim().min(1, 'Bitte einen Namen angeben.').max(200),
    description: z.string().max(5000).optional(),
    type: z.enum(PROJECT_TYPES).optional(),
    status: z.enum(PROJECT_STATUSES).optional(),
    startDate: isoDate.nullable().optional(),
    endDate: isoDate.nullable().optional(),
    /** An ImmoXX listing the project belongs to. */
    propertyId: z.string().uuid().nullable().optional(),
    updatedAt: sourceUpdatedAt,
  })
  .strict()
  .refine((v) => !v.startDate || !v.endDate || v.endDate >= v.startDate, {
    message: 'Das Projektende liegt vor dem Start.',
    path: ['endDate'],
  });
export type SyncProjectBody = z.infer<typeof syncProjectBody>;

export const syncTaskBody = z
  .object({
    title: z.string().trim().min(1, 'Bitte einen Titel angeben.').max(200),
    description: z.string().max(5000).optional(),
    /** The project by its external id (a project synced before) — or none for a loose follow-up. */
    projectExternalId: z.string().min(1).max(200).nullable().optional(),
    priority: z.enum(TASK_PRIORITIES).optional(),
    /** The task's state by group; ImmoXX puts it into the office's first state of that group. */
    stateGroup: z.enum(STATE_GROUPS).optional(),
    /** A member of the office by e-mail address; null removes the assignee. */
    assigneeEmail: z.string().email().nullable().optional(),
    startDate: isoDate.nullable().optional(),
    dueDate: isoDate.nullable().optional(),
    estimateHours: z.number().min(0).max(10_000).nullable().optional(),
    updatedAt: sourceUpdatedAt,
  })
  .strict()
  .refine((v) => !v.startDate || !v.dueDate || v.dueDate >= v.startDate, {
    message: 'Das Fälligkeitsdatum liegt vor dem Start.',
    path: ['dueDate'],
  });
export type SyncTaskBody = z.infer<typeof syncTaskBody>;

export const syncResultSchema = z.object({
  /** created | updated | unchanged (the same change sent again) */
  result: z.enum(['created', 'updated', 'unchanged']),
  id: z.string().uuid(),
  externalId: z.string(),
  updatedAt: z.string(),
  externalUpdatedAt: z.string().nullable(),
});
export type SyncResult = z.infer<typeof syncResultSchema>;

export const connectorInput = z.object({
  baseUrl: z.string().trim().url('Bitte die Adresse des Plane-Servers angeben, z. B. https://api.plane.so.'),
  workspaceSlug: z
    .string()
    .trim()
    .regex(/^[a-z0-9-_]{1,48}$/i, 'Workspace-Kürzel wie in der Plane-Adresse, z. B. makler-team.'),
  remoteProjectId: z.string().trim().uuid('Projekt-ID aus Plane (UUID).'),
  /** Write-only; kept sealed. Left out on a change, the stored key stays. */
  apiKey: z.string().trim().min(8, 'Bitte den API-Schlüssel aus Plane einfügen.').max(500).optional(),
  enabled: z.boolean().default(true),
});
export type ConnectorInput = z.infer<typeof connectorInput>;

export const connectorSchema = z.object({
  id: z.string().uuid(),
  kind: z.literal('plane'),
  baseUrl: z.string(),
  workspaceSlug: z.string(),
  remoteProjectId: z.string(),
  enabled: z.boolean(),
  linkedTasks: z.number(),
  lastPullAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type ConnectorView = z.infer<typeof connectorSchema>;

export const pullResultSchema = z.object({
  pages: z.number(),
  seen: z.number(),
  created: z.number(),
  updated: z.number(),
  conflicts: z.number(),
  unchanged: z.number(),
});
export type PullResult = z.infer<typeof pullResultSchema>;
