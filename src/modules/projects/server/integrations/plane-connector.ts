import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../../platform/audit/record-audit.js';
import { withOrigin } from '../../../../platform/events/causation.js';
import type { DomainEvent } from '../../../../platform/events/event-map.js';
import type { TenantRequestContext } from '../../../../platform/http/access-control.js';
import { AppError, badRequest, notFound } from '../../../../platform/http/app-error.js';
import { assertOutboundUrl } from '../../../../platform/http/outbound-url.js';
import { defineJob, PermanentJobError } from '../../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../../platform/kernel.js';
import {
  PLANE_EXTERNAL_PREFIX,
  PLANE_SOURCE,
  type PlaneState,
  type PlaneWorkItem,
  syncBodyFromWorkItem,
  workItemBody,
} from '../../domain/plane-mapping.js';
import type { ConnectorInput, ConnectorView, PullResult } from '../../integration-contract.js';
import { projectTask } from '../../schema.js';
import { projectConnector, projectConnectorLink } from '../../sync.schema.js';
import { systemActor } from '../actor.js';
import type { TaskService } from '../task-service.js';
import { firstOfGroup, officeStates } from '../task-states.js';
import { readTasks } from '../task-view.js';
import { PlaneClient, PlaneError } from './plane-client.js';
import type { SyncService } from './sync-service.js';

export const PLANE_PUSH_JOB = 'projects.plane-push';
type ConnectorRow = typeof projectConnector.$inferSelect;
type LinkRow = typeof projectConnectorLink.$inferSelect;

const TASK_EVENTS = ['task.created', 'task.updated', 'task.deleted'] as const;
const STATES_CACHE_MS = 5 * 60_000;
const keyAad = (id: string) => `project_connector:${id}`;
const originOf = (connector: { id: string }) => `plane:${connector.id}`;

/**
 * The Plane connection: mirrors the office's tasks into one Plane project (push job per change,
 * idempotent by Plane's external id) and takes changes made in Plane back through the inbound
 * sync rules (pull, page by page). See docs/integrations/project-sync.md, "Plane connection".
 */
export class PlaneConnector {
  readonly #states = new Map<string, { at: number; states: PlaneState[] }>();

  constructor(
    private readonly platform: Platform,
    private readonly tasks: TaskService,
    private readonly sync: SyncService,
  ) {}

  private client(row: ConnectorRow): PlaneClient {
    return new PlaneClient({
      baseUrl: row.baseUrl,
      workspaceSlug: row.workspaceSlug,
      projectId: row.remoteProjectId,
      apiKey: this.platform.secretBox.decrypt(row.apiKeySealed, keyAad(row.id)),
    });
  }

  private async statesOf(row: ConnectorRow, client: PlaneClient): Promise<PlaneState[]> {
    const cached = this.#states.get(row.id);
    if (cached && Date.now() - cached.at < STATES_CACHE_MS) return cached.states;
    const states = await client.states();
    this.#states.set(row.id, { at: Date.now(), states });
    return states;
  }

  private async row(tenantId: string): Promise<ConnectorRow | null> {
    const [row] = await this.platform.database.withTenant(tenantId, (tx) =>
      tx.select().from(projectConnector).where(eq(projectConnector.kind, 'plane')),
    );
    return row ?? null;
  }

  // ---- settings --------------------------------------------------------------------------

  async view(ctx: TenantRequestContext): Promise<ConnectorView | null> {
    const row = await this.row(ctx.tenantId);
    if (!row) return null;
    const links = await ctx.db((tx) =>
      tx
        .select({ id: projectConnectorLink.id })
        .from(projectConnectorLink)
        .where(eq(projectConnectorLink.connectorId, row.id)),
    );
    return {
      id: row.id,
      kind: 'plane',
      baseUrl: row.baseUrl,
      workspaceSlug: row.workspaceSlug,
      remoteProjectId: row.remoteProjectId,
      enabled: row.enabled,
      linkedTasks: links.length,
      lastPullAt: row.lastPullAt?.toISOString() ?? null,
      lastError: row.lastError,
    };
  }

  /** Saves the connection after one real call (the project's states) proved URL, key and project. */
  async save(ctx: TenantRequestContext, input: ConnectorInput): Promise<ConnectorView> {
    await assertOutboundUrl(input.baseUrl, {
      allowPrivate: this.platform.config.env.INTEGRATIONS_ALLOW_PRIVATE_ENDPOINTS,
      field: 'baseUrl',
      privateSetting: 'INTEGRATIONS_ALLOW_PRIVATE_ENDPOINTS',
    });
    const current = await this.row(ctx.tenantId);
    const id = current?.id ?? crypto.randomUUID();
    const apiKey =
      input.apiKey ?? (current ? this.platform.secretBox.decrypt(current.apiKeySealed, keyAad(id)) : null);
    if (!apiKey)
      throw badRequest('api_key_required', 'Bitte den API-Schlüssel aus Plane angeben.', { field: 'apiKey' });
    const probe = new PlaneClient({
      baseUrl: input.baseUrl,
      workspaceSlug: input.workspaceSlug,
      projectId: input.remoteProjectId,
      apiKey,
    });
    try {
      await probe.states();
    } catch (error) {
      if (!(error instanceof PlaneError)) throw error;
      const why =
        error.status === 403 || error.status === 401
          ? 'Plane hat den API-Schlüssel abgelehnt.'
          : error.status === 404
            ? 'Workspace oder Projekt gibt es in Plane nicht.'
            : error.status === 0
              ? error.message
              : `Plane antwortete: ${error.message}`;
      throw new AppError(400, 'plane_check_failed', why, { status: error.status });
    }
    const values = {
      baseUrl: input.baseUrl.replace(/\/+$/, ''),
      workspaceSlug: input.workspaceSlug,
      remoteProjectId: input.remoteProjectId,
      apiKeySealed: this.platform.secretBox.encrypt(apiKey, keyAad(id)),
      enabled: input.enabled,
      lastError: null,
      updatedAt: new Date(),
    };
    await ctx.db(async (tx) => {
      if (current) await tx.update(projectConnector).set(values).where(eq(projectConnector.id, id));
      else
        await tx
          .insert(projectConnector)
          .values({ id, tenantId: ctx.tenantId, kind: 'plane', ...values, createdBy: ctx.auth.user.id });
      await recordAudit(tx, ctx.actor, {
        entity: 'project_connector',
        entityId: id,
        action: current ? 'updated' : 'created',
        after: {
          baseUrl: values.baseUrl,
          workspaceSlug: values.workspaceSlug,
          remoteProjectId: values.remoteProjectId,
        },
      });
    });
    this.#states.delete(id);
    return (await this.view(ctx)) as ConnectorView;
  }

  async remove(ctx: TenantRequestContext): Promise<void> {
    await ctx.db(async (tx) => {
      const [row] = await tx.delete(projectConnector).where(eq(projectConnector.kind, 'plane')).returning();
      if (!row) throw notFound('Plane-Anbindung');
      await recordAudit(tx, ctx.actor, {
        entity: 'project_connector',
        entityId: row.id,
        action: 'deleted',
        before: { baseUrl: row.baseUrl },
      });
    });
  }

  /** Queues every task of the office for the first mirror into Plane. */
  async pushAll(ctx: TenantRequestContext): Promise<{ queued: number }> {
    const row = await this.row(ctx.tenantId);
    if (!row?.enabled) throw notFound('Aktive Plane-Anbindung');
    const ids = await ctx.db((tx) => tx.select({ id: projectTask.id }).from(projectTask));
    for (const { id } of ids) await this.enqueue(ctx.tenantId, id);
    return { queued: ids.length };
  }

  // ---- push ------------------------------------------------------------------------------

  subscribe(): void {
    for (const name of TASK_EVENTS)
      this.platform.events.on(name, 'projects.plane', async (event) => {
        await this.onTaskEvent(event as DomainEvent<(typeof TASK_EVENTS)[number]>);
      });
    this.platform.events.on('tasks.rescheduled', 'projects.plane', async (event) => {
      const row = await this.row(event.tenantId);
      if (!row?.enabled || event.origin === originOf(row)) return;
      for (const task of event.payload.tasks) await this.enqueue(event.tenantId, task.taskId);
    });
  }

  private async onTaskEvent(event: DomainEvent<(typeof TASK_EVENTS)[number]>): Promise<void> {
    const row = await this.row(event.tenantId);
    // The echo of a change that came from Plane goes nowhere.
    if (!row?.enabled || event.origin === originOf(row)) return;
    await this.enqueue(event.tenantId, event.payload.taskId);
  }

  private async enqueue(tenantId: string, taskId: string): Promise<void> {
    await this.platform.jobs.enqueue(PLANE_PUSH_JOB, { taskId }, { tenantId });
  }

  job() {
    return defineJob({
      name: PLANE_PUSH_JOB,
      version: 1,
      payload: z.object({ taskId: z.string().uuid() }),
      attempts: this.platform.config.env.WEBHOOK_MAX_ATTEMPTS,
      // Same pace as webhook retries: 30 s doubling by default (seconds in tests).
      backoffSeconds: this.platform.config.env.WEBHOOK_RETRY_BASE_SECONDS,
      concurrency: 1,
      handler: async ({ tenantId, payload }) => {
        if (!tenantId) throw new PermanentJobError('Plane push without office');
        const row = await this.row(tenantId);
        if (!row?.enabled) return { skipped: 'no active Plane connection' };
        try {
          const outcome = await this.push(tenantId, row, payload.taskId);
          if (row.lastError) await this.noteError(tenantId, row.id, null);
          return outcome;
        } catch (error) {
          if (!(error instanceof PlaneError)) throw error;
          await this.noteError(tenantId, row.id, error.message);
          // Plane refused the content itself: another try would be refused the same way.
          if (error.status >= 400 && error.status < 500 && error.status !== 429 && error.status !== 409)
            throw new PermanentJobError(`Plane: ${error.message}`);
          throw error;
        }
      },
    });
  }

  private async noteError(tenantId: string, id: string, message: string | null): Promise<void> {
    await this.platform.database.withTenant(tenantId, (tx) =>
      tx.update(projectConnector).set({ lastError: message }).where(eq(projectConnector.id, id)),
    );
  }

  private async push(
    tenantId: string,
    row: ConnectorRow,
    taskId: string,
  ): Promise<{ action: string; remoteId: string | null }> {
    const client = this.client(row);
    const { task, link } = await this.platform.database.withTenant(tenantId, async (tx) => {
      const [found] = await readTasks(tx, eq(projectTask.id, taskId));
      const [linked] = await tx
        .select()
        .from(projectConnectorLink)
        .where(and(eq(projectConnectorLink.connectorId, row.id), eq(projectConnectorLink.taskId, taskId)));
      return { task: found ?? null, link: linked ?? null };
    });
    if (!task) {
      // Deleted here (its link went with it): find its work item by Plane's external-id lookup.
      const remoteId = await this.remoteIdOf(client, taskId);
      if (remoteId) await client.deleteWorkItem(remoteId);
      return { action: 'deleted', remoteId };
    }
    const body = workItemBody(task, await this.statesOf(row, client));
    const { external_id: _id, external_source: _source, ...changes } = body;
    let item: PlaneWorkItem | null = null;
    let remoteId = link?.remoteId ?? null;
    if (remoteId) {
      try {
        item = await client.updateWorkItem(remoteId, changes);
      } catch (error) {
        // Deleted in Plane meanwhile: made again below.
        if (!(error instanceof PlaneError && error.status === 404)) throw error;
        remoteId = null;
      }
    }
    if (!item) {
      const created = await client.createWorkItem(body);
      remoteId = created.id;
      // 409: the work item exists already (an earlier try's answer was lost): update it instead.
      item = created.item ?? (await client.updateWorkItem(created.id, changes));
    }
    await this.saveLink(tenantId, row.id, task.id, item, new Date(task.updatedAt), link);
    return { action: link ? 'updated' : 'created', remoteId };
  }

  private async remoteIdOf(client: PlaneClient, taskId: string): Promise<string | null> {
    for await (const page of client.workItems())
      for (const item of page)
        if (item.external_source === PLANE_SOURCE && item.external_id === taskId) return item.id;
    return null;
  }

  private async saveLink(
    tenantId: string,
    connectorId: string,
    taskId: string,
    item: PlaneWorkItem,
    localUpdatedAt: Date,
    existing: LinkRow | null,
  ): Promise<void> {
    const values = { remoteId: item.id, remoteUpdatedAt: new Date(item.updated_at), localUpdatedAt };
    await this.platform.database.withTenant(tenantId, async (tx) => {
      if (existing)
        await tx.update(projectConnectorLink).set(values).where(eq(projectConnectorLink.id, existing.id));
      else
        await tx
          .insert(projectConnectorLink)
          .values({ tenantId, connectorId, taskId, ...values })
          .onConflictDoUpdate({
            target: [projectConnectorLink.connectorId, projectConnectorLink.taskId],
            set: values,
          });
    });
  }

  // ---- pull ------------------------------------------------------------------------------

  /** Reads every work item and takes over what changed in Plane since the last exchange. */
  async pull(ctx: TenantRequestContext): Promise<PullResult> {
    const row = await this.row(ctx.tenantId);
    if (!row?.enabled) throw notFound('Aktive Plane-Anbindung');
    const client = this.client(row);
    const result: PullResult = { pages: 0, seen: 0, created: 0, updated: 0, conflicts: 0, unchanged: 0 };
    try {
      const states = await this.statesOf(row, client);
      const links = await ctx.db((tx) =>
        tx.select().from(projectConnectorLink).where(eq(projectConnectorLink.connectorId, row.id)),
      );
      const byRemote = new Map(links.map((l) => [l.remoteId, l]));
      for await (const page of client.workItems()) {
        result.pages += 1;
        for (const item of page) {
          result.seen += 1;
          const outcome = await this.takeOver(ctx.tenantId, row, item, states, byRemote.get(item.id) ?? null);
          result[outcome] += 1;
        }
      }
    } catch (error) {
      if (!(error instanceof PlaneError)) throw error;
      await this.noteError(ctx.tenantId, row.id, error.message);
      throw new AppError(502, 'plane_failed', `Abgleich mit Plane fehlgeschlagen: ${error.message}`, {
        status: error.status,
        retryAfterSeconds: error.retryAfterSeconds,
      });
    }
    await ctx.db((tx) =>
      tx
        .update(projectConnector)
        .set({ lastPullAt: new Date(), lastError: null })
        .where(eq(projectConnector.id, row.id)),
    );
    return result;
  }

  private async takeOver(
    tenantId: string,
    row: ConnectorRow,
    item: PlaneWorkItem,
    states: readonly PlaneState[],
    link: LinkRow | null,
  ): Promise<'created' | 'updated' | 'conflicts' | 'unchanged'> {
    const remoteUpdated = new Date(item.updated_at);
    if (link?.remoteUpdatedAt && remoteUpdated <= link.remoteUpdatedAt) return 'unchanged';
    const body = syncBodyFromWorkItem(item, states);
    const actor = systemActor(this.platform, tenantId);
    const origin = originOf(row);
    if (!link && item.external_source !== PLANE_SOURCE) {
      // Made in Plane: a task of its own, by the inbound sync's rules.
      const answer = await this.sync
        .putTask(actor, origin, `${PLANE_EXTERNAL_PREFIX}${item.id}`, body)
        .catch((error) => {
          if (error instanceof AppError && error.statusCode === 409) return null;
          throw error;
        });
      if (!answer) return 'conflicts';
      const created = await this.tasks.read(actor, answer.id);
      await this.saveLink(tenantId, row.id, answer.id, item, new Date(created.updatedAt), null);
      return answer.result === 'created' ? 'created' : answer.result === 'updated' ? 'updated' : 'unchanged';
    }
    const taskId = link?.taskId ?? item.external_id;
    if (!taskId) return 'unchanged';
    const task = await this.tasks.read(actor, taskId).catch(() => null);
    // Deleted here: the push job removes it from Plane.
    if (!task) return 'unchanged';
    const editedHere = !link?.localUpdatedAt || new Date(task.updatedAt) > link.localUpdatedAt;
    if (editedHere) return 'conflicts';
    const stateId =
      body.stateGroup === task.stateGroup
        ? undefined
        : firstOfGroup(await actor.db((tx) => officeStates(tx, tenantId)), body.stateGroup).id;
    const { task: current } = await withOrigin(origin, () =>
      this.tasks.update(actor, task.id, {
        title: body.title,
        description: body.description,
        priority: body.priority,
        startDate: body.startDate,
        dueDate: body.dueDate,
        ...(stateId ? { stateId } : {}),
      }),
    );
    await this.saveLink(tenantId, row.id, task.id, item, new Date(current.updatedAt), link);
    return 'updated';
  }
}
