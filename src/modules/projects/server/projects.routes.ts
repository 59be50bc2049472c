import { and, eq, ilike, inArray, type SQL, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { containsPattern } from '../../../platform/db/like-pattern.js';
import { pageBody, type SortKey, seekPlan } from '../../../platform/db/list-page.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { notFound } from '../../../platform/http/app-error.js';
import { pageOf, pageQuery } from '../../../platform/http/page-schema.js';
import type { Platform } from '../../../platform/kernel.js';
import {
  boardSchema,
  fromTemplateInput,
  PROJECT_STATUSES,
  PROJECT_TYPES,
  projectInput,
  projectPatch,
  projectSchema,
} from '../contract.js';
import { criticalPath } from '../domain/scheduling.js';
import { project, projectMember, projectTask, taskDependency } from '../schema.js';
import { requestActor } from './actor.js';
import type { ProjectService } from './project-service.js';
import { projectView, readProjects, selectProjects } from './project-view.js';
import { officeStates } from './task-states.js';
import { readTasks } from './task-view.js';
import type { TemplateService } from './template-service.js';

const idParams = z.object({ id: z.string().uuid() });
const LAST_CHANGED_FIRST: SortKey = { key: project.updatedAt, id: project.id, direction: 'desc' };

/** Projects: list, create (blank or from a workflow template), edit, delete, and the board's data. */
export const projectRoutes: FastifyPluginAsyncZod<{
  platform: Platform;
  projects: ProjectService;
  templates: TemplateService;
}> = async (app, { platform, projects, templates }) => {
  app.get(
    '/',
    {
      config: { access: { permission: 'projects.read' } },
      schema: {
        tags: ['projects'],
        summary: 'Projects of the office, last changed first; filter by status, type, property or member',
        querystring: pageQuery(25).extend({
          status: z.enum(PROJECT_STATUSES).optional(),
          type: z.enum(PROJECT_TYPES).optional(),
          propertyId: z.string().uuid().optional(),
          memberId: z.string().max(64).optional(),
          q: z.string().trim().max(200).optional(),
        }),
        response: { 200: pageOf(projectSchema) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { status, type, propertyId, memberId, q } = request.query;
      const where: SQL | undefined = and(
        status ? eq(project.status, status) : undefined,
        type ? eq(project.type, type) : undefined,
        propertyId ? eq(project.propertyId, propertyId) : undefined,
        memberId
          ? inArray(
              project.id,
              sql`(select ${projectMember.projectId} from ${projectMember} where ${projectMember.userId} = ${memberId})`,
            )
          : undefined,
        q ? ilike(project.name, containsPattern(q)) : undefined,
      );
      const plan = seekPlan(LAST_CHANGED_FIRST, 'projects', request.query);
      return ctx.db(async (tx) => {
        const rows = await selectProjects(tx, plan.sortValue)
          .where(and(where, plan.where))
          .orderBy(...plan.orderBy)
          .limit(plan.limit)
          .offset(plan.offset);
        const page = plan.page(rows, (r) => r.project.id);
        const total = await platform.listTotals.count(tx, ctx.tenantId, project, where, {
          exact: request.query.exactTotal,
        });
        return pageBody(page.items.map(projectView), page, total, request.query);
      });
    },
  );

  app.post(
    '/',
    {
      config: { access: { permission: 'projects.write' } },
      schema: {
        tags: ['projects'],
        summary: 'Create a project (owner defaults to the caller)',
        body: projectInput,
        response: { 201: projectSchema },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      return reply.status(201).send(await projects.create(requestActor(ctx), request.body));
    },
  );

  app.post(
    '/from-template',
    {
      config: { access: { permission: 'projects.write' } },
      schema: {
        tags: ['projects'],
        summary: 'Create a project from a workflow template, tasks dated from the start date',
        body: fromTemplateInput,
        response: { 201: projectSchema },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      return reply.status(201).send(await templates.instantiate(requestActor(ctx), request.body));
    },
  );

  app.get(
    '/:id',
    {
      config: { access: { permission: 'projects.read' } },
      schema: {
        tags: ['projects'],
        summary: 'One project',
        params: idParams,
        response: { 200: projectSchema },
      },
    },
    async (request) => projects.read(requestActor(tenantContext(platform, request)), request.params.id),
  );

  app.patch(
    '/:id',
    {
      config: { access: { permission: 'projects.write' } },
      schema: {
        tags: ['projects'],
        summary: 'Change a project (status, dates, team, links)',
        params: idParams,
        body: projectPatch,
        response: { 200: projectSchema },
      },
    },
    async (request) =>
      projects.update(requestActor(tenantContext(platform, request)), request.params.id, request.body),
  );

  app.delete(
    '/:id',
    {
      config: { access: { permission: 'projects.write' } },
      schema: { tags: ['projects'], summary: 'Delete a project with its tasks', params: idParams },
    },
    async (request, reply) => {
      await projects.remove(requestActor(tenantContext(platform, request)), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/:id/board',
    {
      config: { access: { permission: 'projects.read' } },
      schema: {
        tags: ['projects'],
        summary:
          'Everything the Kanban, list, Gantt and calendar show: states, tasks, dependencies, critical path',
        params: idParams,
        response: { 200: boardSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const id = request.params.id;
      return ctx.db(async (tx) => {
        const [view] = await readProjects(tx, eq(project.id, id));
        if (!view) throw notFound('Projekt');
        const [states, tasks, dependencies] = await Promise.all([
          officeStates(tx, ctx.tenantId),
          readTasks(tx, eq(projectTask.projectId, id)),
          tx
            .select({
              id: taskDependency.id,
              predecessorId: taskDependency.predecessorId,
              successorId: taskDependency.successorId,
              lagDays: taskDependency.lagDays,
            })
            .from(taskDependency)
            .where(eq(taskDependency.projectId, id)),
        ]);
        tasks.sort((a, b) => a.position - b.position);
        // Cancelled tasks do not hold anything up.
        const live = tasks.filter((t) => t.stateGroup !== 'cancelled');
        const liveIds = new Set(live.map((t) => t.id));
        const path = criticalPath(
          live,
          dependencies.filter((d) => liveIds.has(d.predecessorId) && liveIds.has(d.successorId)),
        );
        return {
          project: view,
          states,
          tasks,
          dependencies,
          criticalTaskIds: [...path.critical],
          floatDays: Object.fromEntries(path.floatDays),
        };
      });
    },
  );
};
