import { and, desc, eq, gte, ilike, inArray, isNull, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authUser } from '../../../platform/auth/auth.schema.js';
import { containsPattern } from '../../../platform/db/like-pattern.js';
import { pageBody, type SortKey, seekPlan } from '../../../platform/db/list-page.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { pageOf, pageQuery } from '../../../platform/http/page-schema.js';
import type { Platform } from '../../../platform/kernel.js';
import {
  CLOSED_GROUPS,
  dependencyInput,
  dependencySchema,
  moveInput,
  rescheduledSchema,
  STATE_GROUPS,
  TASK_PRIORITIES,
  taskChangeSchema,
  taskEventSchema,
  taskInput,
  taskPatch,
  taskSchema,
} from '../contract.js';
import { addDays, todayInBerlin } from '../domain/day.js';
import { projectTask, taskEvent, taskState } from '../schema.js';
import { requestActor } from './actor.js';
import { addDependency, removeDependency } from './dependency-service.js';
import type { TaskService } from './task-service.js';
import { taskViews } from './task-view.js';

const idParams = z.object({ id: z.string().uuid() });

/** Tasks across projects ("Alle Aufgaben"), follow-ups on records, board moves and dependencies. */
export const taskRoutes: FastifyPluginAsyncZod<{ platform: Platform; tasks: TaskService }> = async (
  app,
  { platform, tasks },
) => {
  app.get(
    '/tasks',
    {
      config: { access: { permission: 'projects.read' } },
      schema: {
        tags: ['projects'],
        summary:
          'Tasks and follow-ups across projects, soonest due first; filter by person, record, state, due',
        querystring: pageQuery(50).extend({
          assigneeId: z.string().max(64).optional().describe('a user id, or "me"'),
          projectId: z.string().uuid().optional(),
          contactId: z.string().uuid().optional(),
          propertyId: z.string().uuid().optional(),
          viewingId: z.string().uuid().optional(),
          followUps: z.stringbool().optional().describe('only tasks without a project'),
          group: z.enum(STATE_GROUPS).optional(),
          open: z.stringbool().optional().describe('only tasks not done or cancelled'),
          due: z.enum(['overdue', 'today', 'week']).optional(),
          priority: z.enum(TASK_PRIORITIES).optional(),
          q: z.string().trim().max(200).optional(),
        }),
        response: { 200: pageOf(taskSchema) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const q = request.query;
      const today = todayInBerlin();
      const assigneeId = q.assigneeId === 'me' ? ctx.auth.user.id : q.assigneeId;
      const where: SQL | undefined = and(
        assigneeId ? eq(projectTask.assigneeId, assigneeId) : undefined,
        q.projectId ? eq(projectTask.projectId, q.projectId) : undefined,
        q.contactId ? eq(projectTask.contactId, q.contactId) : undefined,
        q.propertyId ? eq(projectTask.propertyId, q.propertyId) : undefined,
        q.viewingId ? eq(projectTask.viewingId, q.viewingId) : undefined,
        q.followUps ? isNull(projectTask.projectId) : undefined,
        q.priority ? eq(projectTask.priority, q.priority) : undefined,
        q.q ? ilike(projectTask.title, containsPattern(q.q)) : undefined,
        q.due === 'overdue' ? lt(projectTask.dueDate, today) : undefined,
        q.due === 'today' ? eq(projectTask.dueDate, today) : undefined,
        q.due === 'week'
          ? and(gte(projectTask.dueDate, today), lte(projectTask.dueDate, addDays(today, 6)))
          : undefined,
      );
      // State filters go by the state's group; a subquery keeps the count on one table.
      const openOnly = q.open ?? Boolean(q.due);
      const filters = and(
        where,
        q.group ? stateGroupIn([q.group]) : undefined,
        openOnly ? stateGroupIn([...CLOSED_GROUPS], true) : undefined,
      );
      const sort: SortKey = {
        key: projectTask.dueDate,
        id: projectTask.id,
        direction: 'asc',
        nullable: true,
      };
      const plan = seekPlan(sort, 'tasks', q);
      return ctx.db(async (tx) => {
        const rows = await tx
          .select({ task: projectTask, sortValue: plan.sortValue })
          .from(projectTask)
          .where(and(filters, plan.where))
          .orderBy(...plan.orderBy)
          .limit(plan.limit)
          .offset(plan.offset);
        const page = plan.page(rows, (r) => r.task.id);
        const total = await platform.listTotals.count(tx, ctx.tenantId, projectTask, filters, {
          exact: q.exactTotal,
        });
        const items = await taskViews(
          tx,
          page.items.map((r) => r.task),
        );
        return pageBody(items, page, total, q);
      });
    },
  );

  app.post(
    '/tasks',
    {
      config: { access: { permission: 'projects.write' } },
      schema: {
        tags: ['projects'],
        summary: 'Create a task in a project, or a follow-up on a contact, property or viewing',
        body: taskInput,
        response: { 201: taskSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await tasks.create(requestActor(tenantContext(platform, request)), request.body)),
  );

  app.get(
    '/tasks/:id',
    {
      config: { access: { permission: 'projects.read' } },
      schema: { tags: ['projects'], summary: 'One task', params: idParams, response: { 200: taskSchema } },
    },
    async (request) => tasks.read(requestActor(tenantContext(platform, request)), request.params.id),
  );

  app.patch(
    '/tasks/:id',
    {
      config: { access: { permission: 'projects.write' } },
      schema: {
        tags: ['projects'],
        summary: 'Change a task; new dates move its dependants (returned as rescheduled)',
        params: idParams,
        body: taskPatch,
        response: { 200: taskChangeSchema },
      },
    },
    async (request) =>
      tasks.update(requestActor(tenantContext(platform, request)), request.params.id, request.body),
  );

  app.post(
    '/tasks/:id/move',
    {
      config: { access: { permission: 'projects.write' } },
      schema: {
        tags: ['projects'],
        summary: 'Kanban move: into a state, below another task of that column (or on top)',
        params: idParams,
        body: moveInput,
        response: { 200: taskSchema },
      },
    },
    async (request) =>
      tasks.move(
        requestActor(tenantContext(platform, request)),
        request.params.id,
        request.body.stateId,
        request.body.afterId,
      ),
  );

  app.delete(
    '/tasks/:id',
    {
      config: { access: { permission: 'projects.write' } },
      schema: { tags: ['projects'], summary: 'Delete a task with its subtasks', params: idParams },
    },
    async (request, reply) => {
      await tasks.remove(requestActor(tenantContext(platform, request)), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/tasks/:id/history',
    {
      config: { access: { permission: 'projects.read' } },
      schema: {
        tags: ['projects'],
        summary: "A task's history, newest first (bounded to its last 200 changes)",
        params: idParams,
        response: { 200: z.object({ items: z.array(taskEventSchema) }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      await tasks.read(requestActor(ctx), request.params.id);
      const rows = await ctx.db((tx) =>
        tx
          .select({ event: taskEvent, actorName: authUser.name })
          .from(taskEvent)
          .leftJoin(authUser, eq(authUser.id, taskEvent.actorId))
          .where(eq(taskEvent.taskId, request.params.id))
          .orderBy(desc(taskEvent.createdAt))
          .limit(200),
      );
      return {
        items: rows.map((r) => ({
          id: r.event.id,
          kind: r.event.kind,
          actorName: r.actorName,
          detail: r.event.detail,
          createdAt: r.event.createdAt.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/dependencies',
    {
      config: { access: { permission: 'projects.write' } },
      schema: {
        tags: ['projects'],
        summary: 'Finish-to-start dependency with lag in days; cycles are refused, dependants rescheduled',
        body: dependencyInput,
        response: {
          201: z.object({ dependency: dependencySchema, rescheduled: z.array(rescheduledSchema) }),
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addDependency(requestActor(tenantContext(platform, request)), request.body)),
  );

  app.delete(
    '/dependencies/:id',
    {
      config: { access: { permission: 'projects.write' } },
      schema: { tags: ['projects'], summary: 'Remove a dependency', params: idParams },
    },
    async (request, reply) => {
      await removeDependency(requestActor(tenantContext(platform, request)), request.params.id);
      return reply.status(204).send();
    },
  );
};

/** Tasks whose state is in (or, `negate`, outside) the groups. */
const stateGroupIn = (groups: string[], negate = false): SQL => {
  const ids = sql`(select ${taskState.id} from ${taskState} where ${inArray(taskState.group, groups)})`;
  return negate ? sql`${projectTask.stateId} not in ${ids}` : sql`${projectTask.stateId} in ${ids}`;
};
