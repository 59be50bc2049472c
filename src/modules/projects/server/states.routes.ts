import { count, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import { badRequest, conflict, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { stateInput, stateSchema } from '../contract.js';
import { POSITION_STEP } from '../domain/position.js';
import { projectTask, taskState } from '../schema.js';
import { officeStates } from './task-states.js';

const idParams = z.object({ id: z.string().uuid() });
const taken = (states: readonly { id: string; name: string }[], name: string, except?: string) => {
  if (states.some((s) => s.id !== except && s.name.toLowerCase() === name.toLowerCase()))
    throw conflict('state_exists', 'Einen Status mit diesem Namen gibt es schon.');
};

/** The office's task states (Kanban columns): rename, add, reorder, remove when unused. */
export const stateRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/states',
    {
      config: { access: { permission: 'projects.read' } },
      schema: {
        tags: ['projects'],
        summary: "The office's task states in board order",
        response: { 200: z.object({ items: z.array(stateSchema) }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      return { items: await ctx.db((tx) => officeStates(tx, ctx.tenantId)) };
    },
  );

  app.post(
    '/states',
    {
      config: { access: { permission: 'projects.manage' } },
      schema: {
        tags: ['projects'],
        summary: 'Add a state at the end of its group',
        body: stateInput,
        response: { 201: stateSchema },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const created = await ctx.db(async (tx) => {
        const states = await officeStates(tx, ctx.tenantId);
        const inGroup = states.filter((s) => s.group === request.body.group);
        const anchor = inGroup.at(-1) ?? states.at(-1);
        const next = states.find((s) => anchor && s.position > anchor.position);
        const position = anchor
          ? next
            ? (anchor.position + next.position) / 2
            : anchor.position + POSITION_STEP
          : POSITION_STEP;
        taken(states, request.body.name);
        const [row] = await tx
          .insert(taskState)
          .values({ tenantId: ctx.tenantId, ...request.body, position })
          .returning();
        return row as typeof taskState.$inferSelect;
      });
      return reply.status(201).send({ ...created, group: request.body.group });
    },
  );

  app.patch(
    '/states/:id',
    {
      config: { access: { permission: 'projects.manage' } },
      schema: {
        tags: ['projects'],
        summary: 'Rename a state or move it in the board order',
        params: idParams,
        body: z.object({ name: stateInput.shape.name.optional(), position: z.number().finite().optional() }),
        response: { 200: stateSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      return ctx.db(async (tx) => {
        if (request.body.name)
          taken(await officeStates(tx, ctx.tenantId), request.body.name, request.params.id);
        const [row] = await tx
          .update(taskState)
          .set(request.body)
          .where(eq(taskState.id, request.params.id))
          .returning();
        if (!row) throw notFound('Status');
        return { ...row, group: row.group as z.infer<typeof stateSchema>['group'] };
      });
    },
  );

  app.delete(
    '/states/:id',
    {
      config: { access: { permission: 'projects.manage' } },
      schema: {
        tags: ['projects'],
        summary: 'Remove an unused state (each group keeps at least one)',
        params: idParams,
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      await ctx.db(async (tx) => {
        const states = await officeStates(tx, ctx.tenantId);
        const state = states.find((s) => s.id === request.params.id);
        if (!state) throw notFound('Status');
        if (states.filter((s) => s.group === state.group).length === 1)
          throw badRequest('last_state_of_group', 'Jede Gruppe braucht mindestens einen Status.');
        const [used] = await tx
          .select({ n: count() })
          .from(projectTask)
          .where(eq(projectTask.stateId, state.id));
        if ((used?.n ?? 0) > 0)
          throw conflict(
            'state_in_use',
            `Der Status „${state.name}“ wird noch von ${used?.n} Aufgaben verwendet.`,
          );
        await tx.delete(taskState).where(eq(taskState.id, state.id));
      });
      return reply.status(204).send();
    },
  );
};
