import { randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../../platform/audit/record-audit.js';
import type { DomainEvent } from '../../../../platform/events/event-map.js';
import type { TenantRequestContext } from '../../../../platform/http/access-control.js';
import { notFound } from '../../../../platform/http/app-error.js';
import { assertOutboundUrl } from '../../../../platform/http/outbound-url.js';
import type { Platform } from '../../../../platform/kernel.js';
import {
  type DeliveryView,
  WEBHOOK_EVENT_IDS,
  type WebhookEvent,
  type WebhookInput,
  type WebhookView,
} from '../../integration-contract.js';
import { projectWebhook, projectWebhookDelivery } from '../../sync.schema.js';
import { eventBody } from './event-body.js';

export const WEBHOOK_JOB = 'projects.webhook-deliver';
type WebhookRow = typeof projectWebhook.$inferSelect;
type DeliveryRow = typeof projectWebhookDelivery.$inferSelect;

/** A rotated secret stays valid this long, so receivers can switch without losing deliveries. */
export const ROTATION_GRACE_HOURS = 24;
const CACHE_MS = 10_000;

const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;
export const secretAad = (webhookId: string) => `project_webhook:${webhookId}`;

export function deliveryView(row: DeliveryRow): DeliveryView {
  return {
    id: row.id,
    webhookId: row.webhookId,
    eventId: row.eventId,
    event: row.event,
    status: row.status as DeliveryView['status'],
    attempts: row.attempts,
    responseStatus: row.responseStatus,
    responseExcerpt: row.responseExcerpt,
    error: row.error,
    durationMs: row.durationMs,
    replayOf: row.replayOf,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    body: row.body,
  };
}

/**
 * The office's outbound webhooks: subscriptions, secrets (sealed, rotated with a grace period),
 * and the fan-out of module events into logged deliveries sent by the delivery job.
 */
export class WebhookService {
  readonly #subscribed = new Map<string, { at: number; hooks: WebhookRow[] }>();

  constructor(private readonly platform: Platform) {}

  private async assertUrl(url: string): Promise<void> {
    await assertOutboundUrl(url, {
      allowPrivate: this.platform.config.env.INTEGRATIONS_ALLOW_PRIVATE_ENDPOINTS,
      field: 'url',
      privateSetting: 'INTEGRATIONS_ALLOW_PRIVATE_ENDPOINTS',
    });
  }

  private seal(id: string, secret: string): string {
    return this.platform.secretBox.encrypt(secret, secretAad(id));
  }

  async list(ctx: TenantRequestContext): Promise<WebhookView[]> {
    const rows = await ctx.db((tx) =>
      tx
        .select({
          hook: projectWebhook,
          last: sql<{
            status: string;
            responseStatus: number | null;
            createdAt: string;
          } | null>`(select json_build_object('status', d.status, 'responseStatus', d.response_status, 'createdAt', d.created_at) from project_webhook_delivery d where d.webhook_id = project_webhook.id order by d.created_at desc limit 1)`,
          failed: sql<number>`(select count(*)::int from project_webhook_delivery d where d.webhook_id = project_webhook.id and d.status = 'failed')`,
        })
        .from(projectWebhook)
        .orderBy(projectWebhook.name)
        .limit(200),
    );
    return rows.map((r) => this.view(r.hook, r.last, r.failed));
  }

  async read(ctx: TenantRequestContext, id: string): Promise<WebhookView> {
    const found = (await this.list(ctx)).find((hook) => hook.id === id);
    if (!found) throw notFound('Webhook');
    return found;
  }

  private view(
    row: WebhookRow,
    last: { status: string; responseStatus: number | null; createdAt: string } | null,
    failed: number,
  ): WebhookView {
    const graceActive = row.previousSecretUntil && row.previousSecretUntil > new Date();
    return {
      id: row.id,
      name: row.name,
      url: row.url,
      events: row.events,
      enabled: row.enabled,
      previousSecretUntil: graceActive ? (row.previousSecretUntil?.toISOString() ?? null) : null,
      lastDelivery: last ? { ...last, createdAt: new Date(last.createdAt).toISOString() } : null,
      failedDeliveries: failed,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  async create(ctx: TenantRequestContext, input: WebhookInput): Promise<WebhookView & { secret: string }> {
    await this.assertUrl(input.url);
    const id = randomUUID();
    const secret = newSecret();
    await ctx.db(async (tx) => {
      await tx.insert(projectWebhook).values({
        id,
        tenantId: ctx.tenantId,
        ...input,
        secretSealed: this.seal(id, secret),
        createdBy: ctx.auth.user.id,
      });
      await recordAudit(tx, ctx.actor, {
        entity: 'project_webhook',
        entityId: id,
        action: 'created',
        after: { name: input.name, url: input.url, events: input.events },
      });
    });
    this.forget(ctx.tenantId);
    return { ...(await this.read(ctx, id)), secret };
  }

  async update(ctx: TenantRequestContext, id: string, patch: Partial<WebhookInput>): Promise<WebhookView> {
    if (patch.url) await this.assertUrl(patch.url);
    await ctx.db(async (tx) => {
      const [row] = await tx
        .update(projectWebhook)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(projectWebhook.id, id))
        .returning();
      if (!row) throw notFound('Webhook');
      await recordAudit(tx, ctx.actor, {
        entity: 'project_webhook',
        entityId: id,
        action: 'updated',
        after: { name: row.name, url: row.url, events: row.events, enabled: row.enabled },
      });
    });
    this.forget(ctx.tenantId);
    return this.read(ctx, id);
  }

  async remove(ctx: TenantRequestContext, id: string): Promise<void> {
    await ctx.db(async (tx) => {
      const [row] = await tx.delete(projectWebhook).where(eq(projectWebhook.id, id)).returning();
      if (!row) throw notFound('Webhook');
      await recordAudit(tx, ctx.actor, {
        entity: 'project_webhook',
        entityId: id,
        action: 'deleted',
        before: { name: row.name, url: row.url },
      });
    });
    this.forget(ctx.tenantId);
  }

  /** A new secret; the old one is still signed with for ROTATION_GRACE_HOURS. */
  async rotate(ctx: TenantRequestContext, id: string): Promise<WebhookView & { secret: string }> {
    const secret = newSecret();
    await ctx.db(async (tx) => {
      const [current] = await tx.select().from(projectWebhook).where(eq(projectWebhook.id, id)).for('update');
      if (!current) throw notFound('Webhook');
      await tx
        .update(projectWebhook)
        .set({
          secretSealed: this.seal(id, secret),
          previousSecretSealed: current.secretSealed,
          previousSecretUntil: new Date(Date.now() + ROTATION_GRACE_HOURS * 3_600_000),
          updatedAt: new Date(),
        })
        .where(eq(projectWebhook.id, id));
      await recordAudit(tx, ctx.actor, {
        entity: 'project_webhook',
        entityId: id,
        action: 'secret_rotated',
        after: { graceHours: ROTATION_GRACE_HOURS },
      });
    });
    this.forget(ctx.tenantId);
    return { ...(await this.read(ctx, id)), secret };
  }

  async deliveries(ctx: TenantRequestContext, webhookId: string, status?: string): Promise<DeliveryView[]> {
    await this.read(ctx, webhookId);
    const rows = await ctx.db((tx) =>
      tx
        .select()
        .from(projectWebhookDelivery)
        .where(
          and(
            eq(projectWebhookDelivery.webhookId, webhookId),
            status ? eq(projectWebhookDelivery.status, status) : undefined,
          ),
        )
        .orderBy(desc(projectWebhookDelivery.createdAt), desc(projectWebhookDelivery.id))
        .limit(100),
    );
    return rows.map(deliveryView);
  }

  /** Sends a delivery's event again as a new delivery with the same event id (receivers may dedupe). */
  async replay(ctx: TenantRequestContext, webhookId: string, deliveryId: string): Promise<DeliveryView> {
    const row = await ctx.db(async (tx) => {
      const [original] = await tx
        .select()
        .from(projectWebhookDelivery)
        .where(
          and(eq(projectWebhookDelivery.id, deliveryId), eq(projectWebhookDelivery.webhookId, webhookId)),
        );
      if (!original) throw notFound('Zustellung');
      const [created] = await tx
        .insert(projectWebhookDelivery)
        .values({
          tenantId: ctx.tenantId,
          webhookId,
          eventId: original.eventId,
          event: original.event,
          body: original.body,
          replayOf: original.id,
        })
        .returning();
      return created as DeliveryRow;
    });
    await this.enqueue(ctx.tenantId, [row.id]);
    return deliveryView(row);
  }

  /** A `ping` event to check the receiver and its signature check. */
  async ping(ctx: TenantRequestContext, webhookId: string): Promise<DeliveryView> {
    const hook = await this.read(ctx, webhookId);
    const eventId = randomUUID();
    const [row] = await ctx.db((tx) =>
      tx
        .insert(projectWebhookDelivery)
        .values({
          tenantId: ctx.tenantId,
          webhookId: hook.id,
          eventId,
          event: 'ping',
          body: {
            id: eventId,
            type: 'ping',
            createdAt: new Date().toISOString(),
            officeId: ctx.tenantId,
            origin: null,
            actorId: ctx.auth.user.id,
            data: { webhookId: hook.id, events: hook.events },
          },
        })
        .returning(),
    );
    const delivery = row as DeliveryRow;
    await this.enqueue(ctx.tenantId, [delivery.id]);
    return deliveryView(delivery);
  }

  forget(tenantId: string): void {
    this.#subscribed.delete(tenantId);
  }

  private async hooksOf(tenantId: string): Promise<WebhookRow[]> {
    const cached = this.#subscribed.get(tenantId);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.hooks;
    const hooks = await this.platform.database.withTenant(tenantId, (tx) =>
      tx.select().from(projectWebhook).where(eq(projectWebhook.enabled, true)),
    );
    this.#subscribed.set(tenantId, { at: Date.now(), hooks });
    return hooks;
  }

  subscribe(): void {
    for (const name of WEBHOOK_EVENT_IDS)
      this.platform.events.on(name, 'projects.webhooks', async (event) => {
        await this.onEvent(event as DomainEvent);
      });
  }

  /** One delivery per subscribed webhook, with the record as it is now; sent by the job. */
  async onEvent(event: DomainEvent): Promise<string[]> {
    const hooks = (await this.hooksOf(event.tenantId)).filter((hook) =>
      hook.events.includes(event.name as WebhookEvent),
    );
    if (hooks.length === 0) return [];
    const body = await eventBody(this.platform, event);
    const rows = await this.platform.database.withTenant(event.tenantId, (tx) =>
      tx
        .insert(projectWebhookDelivery)
        .values(
          hooks.map((hook) => ({
            tenantId: event.tenantId,
            webhookId: hook.id,
            eventId: body.id,
            event: event.name,
            body,
          })),
        )
        .returning({ id: projectWebhookDelivery.id }),
    );
    const ids = rows.map((r) => r.id);
    await this.enqueue(event.tenantId, ids);
    return ids;
  }

  private async enqueue(tenantId: string, deliveryIds: readonly string[]): Promise<void> {
    const env = this.platform.config.env;
    for (const deliveryId of deliveryIds)
      await this.platform.jobs.enqueue(
        WEBHOOK_JOB,
        { deliveryId },
        {
          tenantId,
          key: deliveryId,
          attempts: env.WEBHOOK_MAX_ATTEMPTS,
          backoffSeconds: env.WEBHOOK_RETRY_BASE_SECONDS,
        },
      );
  }
}
