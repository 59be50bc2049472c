import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { type AuditActor, recordAudit } from '../../../platform/audit/record-audit.js';
import type { Tx } from '../../../platform/db/database.js';
import { badRequest, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import '../events.js';
import type { ProjectView, projectInput, projectPatch } from '../contract.js';
import { project, projectContact, projectMember } from '../schema.js';
import type { ProjectsActor } from './actor.js';
import { readProjects } from './project-view.js';
import { assertMembers, assertRecords } from './task-references.js';

type ProjectInput = z.infer<typeof projectInput> & { templateKey?: string | null };
type ProjectPatch = z.infer<typeof projectPatch>;

const auditActor = (actor: ProjectsActor): AuditActor => actor.audit;

async function setMembers(tx: Tx, tenantId: string, projectId: string, userIds: readonly string[]) {
  await tx.delete(projectMember).where(eq(projectMember.projectId, projectId));
  const unique = [...new Set(userIds)];
  if (unique.length > 0)
    await tx.insert(projectMember).values(unique.map((userId) => ({ tenantId, projectId, userId })));
}

async function setContacts(tx: Tx, tenantId: string, projectId: string, contactIds: readonly string[]) {
  await tx.delete(projectContact).where(eq(projectContact.projectId, projectId));
  const unique = [...new Set(contactIds)];
  if (unique.length > 0)
    await tx.insert(projectContact).values(unique.map((contactId) => ({ tenantId, projectId, contactId })));
}

export class ProjectService {
  constructor(private readonly platform: Platform) {}

  async read(actor: ProjectsActor, id: string): Promise<ProjectView> {
    const [view] = await actor.db((tx) => readProjects(tx, eq(project.id, id)));
    if (!view) throw notFound('Projekt');
    return view;
  }

  /** Creates the project inside `tx`, so a template's tasks commit with it. */
  async insert(tx: Tx, actor: ProjectsActor, input: ProjectInput): Promise<string> {
    await assertRecords(tx, { propertyId: input.propertyId, contactIds: input.contactIds });
    const ownerId = input.ownerId === undefined ? actor.userId : input.ownerId;
    const [row] = await tx
      .insert(project)
      .values({
        tenantId: actor.tenantId,
        name: input.name,
        description: input.description,
        type: input.type,
        status: input.status,
        startDate: input.startDate,
        endDate: input.endDate,
        ownerId,
        propertyId: input.propertyId,
        templateKey: input.templateKey ?? null,
        createdBy: actor.userId,
      })
      .returning({ id: project.id });
    const id = (row as { id: string }).id;
    await setMembers(tx, actor.tenantId, id, [...(ownerId ? [ownerId] : []), ...input.memberIds]);
    await setContacts(tx, actor.tenantId, id, input.contactIds);
    await recordAudit(tx, auditActor(actor), {
      entity: 'project',
      entityId: id,
      action: 'created',
      after: { name: input.name, type: input.type },
    });
    return id;
  }

  async validatePeople(
    actor: ProjectsActor,
    input: { ownerId?: string | null; memberIds?: readonly string[] },
  ) {
    await assertMembers(this.platform, actor.tenantId, [input.ownerId, ...(input.memberIds ?? [])]);
  }

  async create(actor: ProjectsActor, input: ProjectInput): Promise<ProjectView> {
    await this.validatePeople(actor, input);
    const id = await actor.db((tx) => this.insert(tx, actor, input));
    this.emitCreated(actor, id, input);
    return this.read(actor, id);
  }

  emitCreated(actor: ProjectsActor, id: string, input: Pick<ProjectInput, 'propertyId' | 'type'>): void {
    this.platform.events.emit(
      'project.created',
      actor.tenantId,
      { projectId: id, propertyId: input.propertyId, type: input.type },
      actor.userId,
    );
  }

  async update(actor: ProjectsActor, id: string, patch: ProjectPatch): Promise<ProjectView> {
    await this.validatePeople(actor, patch);
    await actor.db(async (tx) => {
      const [current] = await tx.select().from(project).where(eq(project.id, id)).for('update');
      if (!current) throw notFound('Projekt');
      const startDate = patch.startDate !== undefined ? patch.startDate : current.startDate;
      const endDate = patch.endDate !== undefined ? patch.endDate : current.endDate;
      if (startDate && endDate && endDate < startDate) throw badRequestDates();
      await assertRecords(tx, { propertyId: patch.propertyId, contactIds: patch.contactIds });
      const { memberIds, contactIds, ...fields } = patch;
      await tx
        .update(project)
        .set({ ...fields, updatedAt: new Date() })
        .where(eq(project.id, id));
      if (memberIds)
        await setMembers(tx, actor.tenantId, id, [
          ...(current.ownerId ? [current.ownerId] : []),
          ...memberIds,
        ]);
      if (contactIds) await setContacts(tx, actor.tenantId, id, contactIds);
      await recordAudit(tx, auditActor(actor), {
        entity: 'project',
        entityId: id,
        action: 'updated',
        before: {
          name: current.name,
          status: current.status,
          startDate: current.startDate,
          endDate: current.endDate,
        },
        after: {
          name: patch.name ?? current.name,
          status: patch.status ?? current.status,
          startDate,
          endDate,
        },
      });
    });
    const changed = Object.keys(patch).filter((key) => patch[key as keyof ProjectPatch] !== undefined);
    this.platform.events.emit('project.updated', actor.tenantId, { projectId: id, changed }, actor.userId);
    return this.read(actor, id);
  }

  async remove(actor: ProjectsActor, id: string): Promise<void> {
    const deleted = await actor.db(async (tx) => {
      const [row] = await tx.delete(project).where(eq(project.id, id)).returning();
      if (!row) throw notFound('Projekt');
      await recordAudit(tx, auditActor(actor), {
        entity: 'project',
        entityId: id,
        action: 'deleted',
        before: { name: row.name },
      });
      return row;
    });
    this.platform.events.emit(
      'project.deleted',
      actor.tenantId,
      { projectId: id, name: deleted.name, externalId: deleted.externalId },
      actor.userId,
    );
  }
}

const badRequestDates = () => badRequest('end_before_start', 'Das Projektende liegt vor dem Start.');
