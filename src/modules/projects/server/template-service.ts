import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { tenantMember } from '../../../platform/auth/auth.schema.js';
import type { Tx } from '../../../platform/db/database.js';
import { badRequest, notFound } from '../../../platform/http/app-error.js';
import { property } from '../../crm/schema.js';
import { DOCUMENT_CATEGORIES } from '../../documents/domain/categories.js';
import type {
  fromTemplateInput,
  ProjectView,
  TemplateTask,
  templateInput,
  templateSchema,
} from '../contract.js';
import { POSITION_STEP } from '../domain/position.js';
import { scheduleFrom } from '../domain/scheduling.js';
import { templateProblem } from '../domain/template-check.js';
import { BUILT_IN_TEMPLATES, builtInTemplate } from '../domain/workflow-templates.js';
import { projectTask, taskDependency, workflowTemplate } from '../schema.js';
import type { ProjectsActor } from './actor.js';
import type { ProjectService } from './project-service.js';
import { firstOfGroup, officeStates } from './task-states.js';

type TemplateView = z.infer<typeof templateSchema>;
type TemplateRow = typeof workflowTemplate.$inferSelect;

const view = (row: TemplateRow): TemplateView => ({
  id: row.id,
  key: row.key,
  name: row.name,
  description: row.description,
  projectType: row.projectType as TemplateView['projectType'],
  tasks: row.tasks,
  builtIn: Boolean(builtInTemplate(row.key)),
  updatedAt: row.updatedAt.toISOString(),
});

function assertValid(tasks: readonly TemplateTask[]): void {
  const problem = templateProblem(tasks, DOCUMENT_CATEGORIES);
  if (problem) throw badRequest('invalid_template', problem);
}

/** The office's workflow templates: its copies of the four built-in ones, edited or not, and its own. */
export class TemplateService {
  constructor(private readonly projects: ProjectService) {}

  async ensure(tx: Tx, tenantId: string): Promise<TemplateRow[]> {
    const rows = await tx.select().from(workflowTemplate).orderBy(asc(workflowTemplate.name));
    const missing = BUILT_IN_TEMPLATES.filter((b) => !rows.some((r) => r.key === b.key));
    if (missing.length === 0) return rows;
    await tx
      .insert(workflowTemplate)
      .values(
        missing.map((b) => ({
          tenantId,
          key: b.key,
          name: b.name,
          description: b.description,
          projectType: b.projectType,
          tasks: b.tasks,
        })),
      )
      .onConflictDoNothing();
    return tx.select().from(workflowTemplate).orderBy(asc(workflowTemplate.name));
  }

  async list(actor: ProjectsActor): Promise<TemplateView[]> {
    return (await actor.db((tx) => this.ensure(tx, actor.tenantId))).map(view);
  }

  async create(actor: ProjectsActor, input: z.infer<typeof templateInput>): Promise<TemplateView> {
    assertValid(input.tasks);
    const [row] = await actor.db((tx) =>
      tx
        .insert(workflowTemplate)
        .values({ tenantId: actor.tenantId, key: `eigene-${randomBytes(4).toString('hex')}`, ...input })
        .returning(),
    );
    return view(row as TemplateRow);
  }

  async update(
    actor: ProjectsActor,
    id: string,
    input: z.infer<typeof templateInput>,
  ): Promise<TemplateView> {
    assertValid(input.tasks);
    const [row] = await actor.db((tx) =>
      tx
        .update(workflowTemplate)
        .set({ ...input, updatedAt: new Date() })
        .where(eq(workflowTemplate.id, id))
        .returning(),
    );
    if (!row) throw notFound('Vorlage');
    return view(row);
  }

  /** A built-in template back to ImmoXX's version; the office's own ones are deleted instead. */
  async reset(actor: ProjectsActor, id: string): Promise<TemplateView | null> {
    return actor.db(async (tx) => {
      const [row] = await tx.select().from(workflowTemplate).where(eq(workflowTemplate.id, id));
      if (!row) throw notFound('Vorlage');
      const original = builtInTemplate(row.key);
      if (!original) {
        await tx.delete(workflowTemplate).where(eq(workflowTemplate.id, id));
        return null;
      }
      const [reset] = await tx
        .update(workflowTemplate)
        .set({
          name: original.name,
          description: original.description,
          projectType: original.projectType,
          tasks: original.tasks,
          updatedAt: new Date(),
        })
        .where(eq(workflowTemplate.id, id))
        .returning();
      return view(reset as TemplateRow);
    });
  }

  /**
   * A project from a template in one transaction: tasks dated from `startDate` along the
   * template's dependencies (legal waiting periods as lags), assignees from the roles.
   */
  async instantiate(actor: ProjectsActor, input: z.infer<typeof fromTemplateInput>): Promise<ProjectView> {
    const ownerId = input.ownerId === undefined ? actor.userId : input.ownerId;
    await this.projects.validatePeople(actor, { ownerId });
    const { id, type } = await actor.db(async (tx) => {
      const templates = await this.ensure(tx, actor.tenantId);
      const template = templates.find((t) => t.key === input.templateKey);
      if (!template) throw badRequest('unknown_template', 'Diese Vorlage gibt es in Ihrem Büro nicht.');
      const [listing] = input.propertyId
        ? await tx.select({ title: property.title }).from(property).where(eq(property.id, input.propertyId))
        : [];
      if (input.propertyId && !listing)
        throw badRequest('unknown_property', 'Dieses Objekt gibt es in Ihrem Büro nicht.');
      const deps = template.tasks.flatMap((t) =>
        t.dependsOn.map((p) => ({ predecessorId: p, successorId: t.key, lagDays: t.lagDays })),
      );
      const dates = scheduleFrom(
        input.startDate,
        template.tasks.map((t) => ({ id: t.key, durationDays: t.durationDays })),
        deps,
      );
      const endDate =
        [...dates.values()]
          .map((d) => d.dueDate)
          .sort()
          .at(-1) ?? null;
      const projectId = await this.projects.insert(tx, actor, {
        name: input.name ?? (listing ? `${template.name}: ${listing.title}` : template.name),
        description: template.description,
        type: template.projectType as ProjectView['type'],
        status: 'active',
        startDate: input.startDate,
        endDate,
        ownerId,
        memberIds: [],
        propertyId: input.propertyId,
        contactIds: input.contactIds,
        templateKey: template.key,
      });
      const assistant = await this.firstAssistant(tx, actor.tenantId);
      const state = firstOfGroup(await officeStates(tx, actor.tenantId), 'todo');
      const inserted = await tx
        .insert(projectTask)
        .values(
          template.tasks.map((t, i) => ({
            tenantId: actor.tenantId,
            projectId,
            title: t.title,
            description: t.description,
            priority: t.priority,
            stateId: state.id,
            position: (i + 1) * POSITION_STEP,
            assigneeId:
              t.assigneeRole === 'none'
                ? null
                : t.assigneeRole === 'assistant'
                  ? (assistant ?? ownerId)
                  : ownerId,
            startDate: dates.get(t.key)?.startDate ?? null,
            dueDate: dates.get(t.key)?.dueDate ?? null,
            propertyId: null,
            completesOnDocument: t.documentCategory,
            templateTaskKey: t.key,
            createdBy: actor.userId,
          })),
        )
        .returning({ id: projectTask.id, key: projectTask.templateTaskKey });
      const idOf = new Map(inserted.map((r) => [r.key, r.id]));
      if (deps.length > 0)
        await tx.insert(taskDependency).values(
          deps.map((d) => ({
            tenantId: actor.tenantId,
            projectId,
            predecessorId: idOf.get(d.predecessorId) as string,
            successorId: idOf.get(d.successorId) as string,
            lagDays: d.lagDays,
          })),
        );
      return { id: projectId, type: template.projectType as ProjectView['type'] };
    });
    this.projects.emitCreated(actor, id, { propertyId: input.propertyId, type });
    return this.projects.read(actor, id);
  }

  private async firstAssistant(tx: Tx, tenantId: string): Promise<string | null> {
    const [row] = await tx
      .select({ userId: tenantMember.userId })
      .from(tenantMember)
      .where(and(eq(tenantMember.organizationId, tenantId), eq(tenantMember.role, 'assistant')))
      .orderBy(asc(tenantMember.createdAt))
      .limit(1);
    return row?.userId ?? null;
  }
}
