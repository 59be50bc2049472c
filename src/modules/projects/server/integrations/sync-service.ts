import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../../../platform/audit/record-audit.js';
import { withOrigin } from '../../../../platform/events/causation.js';
import type { TenantRequestContext } from '../../../../platform/http/access-control.js';
import {
  AppError,
  badRequest,
  conflict,
  notFound,
  unauthorized,
} from '../../../../platform/http/app-error.js';
import type { Platform } from '../../../../platform/kernel.js';
import type { TaskPatch } from '../../contract.js';
import { decideSync, type SyncState } from '../../domain/sync-decision.js';
import type {
  SyncClientView,
  SyncProjectBody,
  SyncResult,
  SyncTaskBody,
} from '../../integration-contract.js';
import { project, projectTask } from '../../schema.js';
import { projectSyncClient } from '../../sync.schema.js';
import type { ProjectsActor } from '../actor.js';
import type { ProjectService } from '../project-service.js';
import type { TaskService } from '../task-service.js';
import { firstOfGroup, officeStates, stateById } from '../task-states.js';
import { memberByEmail } from './member-emails.js';

const TOKEN_PREFIX = 'ixs_';
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** lastUsedAt is written at most this often per client: a busy sync must not write on every call. */
const LAST_USED_EVERY_MS = 60_000;

export interface SyncCaller {
  tenantId: string;
  clientId: string;
  name: string;
  /** "sync:<client id>" on every event the caller's writes cause. */
  origin: string;
}

const clientView = (row: typeof projectSyncClient.$inferSelect): SyncClientView => ({
  id: row.id,
  name: row.name,
  tokenHint: row.tokenHint,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

const conflictError = (reason: 'stale' | 'edited_here', state: SyncState) =>
  conflict(
    'sync_conflict',
    reason === 'stale'
      ? 'Diese Änderung ist älter als die zuletzt übernommene; sie wird nicht gespeichert.'
      : 'Der Eintrag wurde in ImmoXX nach Ihrer Änderung bearbeitet; bitte den aktuellen Stand abrufen und zusammenführen.',
    {
      reason,
      updatedAt: state.updatedAt.toISOString(),
      externalUpdatedAt: state.externalUpdatedAt?.toISOString() ?? null,
    },
  );

const isUniqueViolation = (error: unknown) =>
  (error as { code?: string }).code === '23505' ||
  (error as { cause?: { code?: string } }).cause?.code === '23505';

/**
 * The inbound sync API (docs/integrations/project-sync.md): outside systems write projects and
 * tasks by their own ids with PUT — idempotent, and decided by `updatedAt` when both sides changed
 * the same record (see decideSync). Callers authenticate with a token the office issued.
 */
export class SyncService {
  readonly #lastUsedWritten = new Map<string, number>();

  constructor(
    private readonly platform: Platform,
    private readonly projects: ProjectService,
    private readonly tasks: TaskService,
  ) {}

  // ---- tokens ----------------------------------------------------------------------------

  async clients(ctx: TenantRequestContext): Promise<SyncClientView[]> {
    const rows = await ctx.db((tx) =>
      tx.select().from(projectSyncClient).orderBy(projectSyncClient.createdAt),
    );
    return rows.map(clientView);
  }

  async issue(ctx: TenantRequestContext, name: string): Promise<SyncClientView & { token: string }> {
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const row = await ctx.db(async (tx) => {
      const [created] = await tx
        .insert(projectSyncClient)
        .values({
          tenantId: ctx.tenantId,
          name,
          tokenHash: hashToken(token),
          tokenHint: token.slice(-4),
          createdBy: ctx.auth.user.id,
        })
        .returning();
      const issued = created as typeof projectSyncClient.$inferSelect;
      await recordAudit(tx, ctx.actor, {
        entity: 'project_sync_client',
        entityId: issued.id,
        action: 'created',
        after: { name },
      });
      return issued;
    });
    return { ...clientView(row), token };
  }

  async revoke(ctx: TenantRequestContext, id: string): Promise<SyncClientView> {
    const row = await ctx.db(async (tx) => {
      const [revoked] = await tx
        .update(projectSyncClient)
        .set({ revokedAt: new Date() })
        .where(and(eq(projectSyncClient.id, id), isNull(projectSyncClient.revokedAt)))
        .returning();
      if (!revoked) throw notFound('Aktiver Sync-Zugang');
      await recordAudit(tx, ctx.actor, {
        entity: 'project_sync_client',
        entityId: id,
        action: 'revoked',
        before: { name: revoked.name },
      });
      return revoked;
    });
    return clientView(row);
  }

  /** The caller behind an `Authorization: Bearer ixs_…` header, or 401. */
  async authenticate(header: string | undefined): Promise<SyncCaller> {
    const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!token?.startsWith(TOKEN_PREFIX))
      throw unauthorized('Bitte den Sync-Schlüssel als „Authorization: Bearer ixs_…“ mitsenden.');
    // Looked up without an office: the token is the key; everything after runs in the client's office.
    const [client] = await this.platform.database.db
      .select()
      .from(projectSyncClient)
      .where(eq(projectSyncClient.tokenHash, hashToken(token)));
    if (!client || client.revokedAt)
      throw unauthorized('Dieser Sync-Schlüssel ist unbekannt oder widerrufen.');
    const last = this.#lastUsedWritten.get(client.id) ?? 0;
    if (Date.now() - last > LAST_USED_EVERY_MS) {
      this.#lastUsedWritten.set(client.id, Date.now());
      await this.platform.database.withTenant(client.tenantId, (tx) =>
        tx
          .update(projectSyncClient)
          .set({ lastUsedAt: new Date() })
          .where(eq(projectSyncClient.id, client.id)),
      );
    }
    return { tenantId: client.tenantId, clientId: client.id, name: client.name, origin: `sync:${client.id}` };
  }

  actorOf(caller: SyncCaller, requestId: string | null, ipAddress: string | null): ProjectsActor {
    return {
      tenantId: caller.tenantId,
      userId: null,
      db: (fn) => this.platform.database.withTenant(caller.tenantId, fn),
      audit: {
        tenantId: caller.tenantId,
        userId: null,
        userName: `Sync: ${caller.name}`,
        ipAddress,
        requestId,
      },
    };
  }

  // ---- projects --------------------------------------------------------------------------

  async readProject(actor: ProjectsActor, externalId: string) {
    const [row] = await actor.db((tx) =>
      tx.select({ id: project.id }).from(project).where(eq(project.externalId, externalId)),
    );
    if (!row) throw notFound('Projekt mit dieser externen ID');
    return this.projects.read(actor, row.id);
  }

  async putProject(
    actor: ProjectsActor,
    origin: string,
    externalId: string,
    body: SyncProjectBody,
  ): Promise<SyncResult> {
    const incoming = new Date(body.updatedAt);
    const [row] = await actor.db((tx) => tx.select().from(project).where(eq(project.externalId, externalId)));
    const decision = decideSync(row ?? null, incoming);
    if (decision.kind === 'conflict' && row) throw conflictError(decision.reason, row);
    if (decision.kind === 'unchanged' && row) return this.result('unchanged', row, externalId);
    const { updatedAt: _sourceTime, ...fields } = body;
    return withOrigin(origin, async () => {
      let id: string;
      if (!row) {
        try {
          id = await actor.db(async (tx) => {
            const created = await this.projects.insert(tx, actor, {
              name: fields.name,
              description: fields.description ?? '',
              type: fields.type ?? 'custom',
              status: fields.status ?? 'planning',
              startDate: fields.startDate ?? null,
              endDate: fields.endDate ?? null,
              ownerId: null,
              memberIds: [],
              propertyId: fields.propertyId ?? null,
              contactIds: [],
            });
            await tx.update(project).set({ externalId }).where(eq(project.id, created));
            return created;
          });
        } catch (error) {
          // Two first PUTs of one id at once: the later one finds the record the other made.
          if (isUniqueViolation(error)) return this.putProject(actor, origin, externalId, body);
          throw error;
        }
        this.projects.emitCreated(actor, id, {
          propertyId: fields.propertyId ?? null,
          type: fields.type ?? 'custom',
        });
      } else {
        id = row.id;
        await this.projects.update(actor, id, fields);
      }
      const stamped = await this.stamp(actor, 'project', id, incoming);
      return this.result(row ? 'updated' : 'created', stamped, externalId);
    });
  }

  // ---- tasks -----------------------------------------------------------------------------

  async readTask(actor: ProjectsActor, externalId: string) {
    const [row] = await actor.db((tx) =>
      tx.select({ id: projectTask.id }).from(projectTask).where(eq(projectTask.externalId, externalId)),
    );
    if (!row) throw notFound('Aufgabe mit dieser externen ID');
    return this.tasks.read(actor, row.id);
  }

  async putTask(
    actor: ProjectsActor,
    origin: string,
    externalId: string,
    body: SyncTaskBody,
  ): Promise<SyncResult> {
    const incoming = new Date(body.updatedAt);
    const [row] = await actor.db((tx) =>
      tx.select().from(projectTask).where(eq(projectTask.externalId, externalId)),
    );
    const decision = decideSync(row ?? null, incoming);
    if (decision.kind === 'conflict' && row) throw conflictError(decision.reason, row);
    if (decision.kind === 'unchanged' && row) return this.result('unchanged', row, externalId);
    const refs = await this.resolveTaskRefs(actor, body, row ?? null);
    return withOrigin(origin, async () => {
      let id: string;
      if (!row) {
        try {
          const created = await this.tasks.create(actor, {
            title: body.title,
            description: body.description ?? '',
            priority: body.priority ?? 'medium',
            stateId: refs.stateId,
            assigneeId: refs.assigneeId ?? null,
            startDate: body.startDate ?? null,
            dueDate: body.dueDate ?? null,
            estimateHours: body.estimateHours ?? null,
            checklist: [],
            projectId: refs.projectId ?? null,
            parentId: null,
            contactId: null,
            propertyId: null,
            viewingId: null,
            externalId,
          });
          id = created.id;
        } catch (error) {
          if (isUniqueViolation(error)) return this.putTask(actor, origin, externalId, body);
          throw error;
        }
      } else {
        id = row.id;
        const patch: TaskPatch = {
          title: body.title,
          ...(body.description !== undefined ? { description: body.description } : {}),
          ...(body.priority ? { priority: body.priority } : {}),
          ...(refs.stateId ? { stateId: refs.stateId } : {}),
          ...(refs.assigneeId !== undefined ? { assigneeId: refs.assigneeId } : {}),
          ...(body.startDate !== undefined ? { startDate: body.startDate } : {}),
          ...(body.dueDate !== undefined ? { dueDate: body.dueDate } : {}),
          ...(body.estimateHours !== undefined ? { estimateHours: body.estimateHours } : {}),
        };
        await this.tasks.update(actor, id, patch);
      }
      const stamped = await this.stamp(actor, 'task', id, incoming);
      return this.result(row ? 'updated' : 'created', stamped, externalId);
    });
  }

  /** Ids behind the body's outside references, each checked: 400 and nothing stored when unknown. */
  private async resolveTaskRefs(
    actor: ProjectsActor,
    body: SyncTaskBody,
    current: typeof projectTask.$inferSelect | null,
  ): Promise<{ projectId?: string | null; stateId?: string; assigneeId?: string | null }> {
    const refs: { projectId?: string | null; stateId?: string; assigneeId?: string | null } = {};
    if (body.projectExternalId !== undefined) {
      if (body.projectExternalId === null) refs.projectId = null;
      else {
        const [found] = await actor.db((tx) =>
          tx
            .select({ id: project.id })
            .from(project)
            .where(eq(project.externalId, body.projectExternalId as string)),
        );
        if (!found)
          throw badRequest(
            'unknown_project',
            'Ein Projekt mit dieser externen ID gibt es nicht; bitte zuerst das Projekt senden.',
            {
              projectExternalId: body.projectExternalId,
            },
          );
        refs.projectId = found.id;
      }
      if (current && refs.projectId !== current.projectId)
        throw badRequest(
          'project_change_unsupported',
          'Eine Aufgabe kann nicht in ein anderes Projekt wechseln; bitte dort als neue Aufgabe anlegen.',
        );
    }
    if (body.stateGroup) {
      const group = body.stateGroup;
      const states = await actor.db((tx) => officeStates(tx, actor.tenantId));
      if (!states.some((s) => s.group === group))
        throw badRequest('unknown_state', `Das Büro hat keinen Status der Gruppe ${group}.`);
      const currentState = current ? stateById(states, current.stateId) : null;
      refs.stateId = currentState?.group === group ? currentState.id : firstOfGroup(states, group).id;
    }
    if (body.assigneeEmail !== undefined) {
      if (body.assigneeEmail === null) refs.assigneeId = null;
      else {
        const userId = await memberByEmail(this.platform, actor.tenantId, body.assigneeEmail);
        if (!userId)
          throw badRequest('unknown_user', 'Diese Person gehört nicht zu Ihrem Büro.', {
            assigneeEmail: body.assigneeEmail,
          });
        refs.assigneeId = userId;
      }
    }
    return refs;
  }

  /** Notes the source's time of the change and our time right after it (see decideSync). */
  private async stamp(actor: ProjectsActor, kind: 'project' | 'task', id: string, incoming: Date) {
    const table = kind === 'project' ? project : projectTask;
    const [row] = await actor.db((tx) =>
      tx
        .update(table)
        .set({ externalUpdatedAt: incoming, syncedAt: table.updatedAt })
        .where(eq(table.id, id))
        .returning({
          id: table.id,
          updatedAt: table.updatedAt,
          externalUpdatedAt: table.externalUpdatedAt,
        }),
    );
    if (!row) throw new AppError(500, 'sync_lost', 'Der Eintrag verschwand während der Synchronisierung.');
    return row;
  }

  private result(
    result: SyncResult['result'],
    row: { id: string; updatedAt: Date; externalUpdatedAt: Date | null },
    externalId: string,
  ): SyncResult {
    return {
      result,
      id: row.id,
      externalId,
      updatedAt: row.updatedAt.toISOString(),
      externalUpdatedAt: row.externalUpdatedAt?.toISOString() ?? null,
    };
  }
}
