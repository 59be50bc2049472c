import { and, asc, eq, gt, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import type { Platform } from '../../../platform/kernel.js';
import { agentViewings } from '../../crm/server/viewing-queries.js';
import { taskSchema } from '../contract.js';
import { addDays, todayInBerlin } from '../domain/day.js';
import { projectTask, taskState } from '../schema.js';
import { taskViews } from './task-view.js';

const DAY_LIMIT = 100;

const myDaySchema = z.object({
  today: z.string(),
  overdue: z.array(taskSchema),
  dueToday: z.array(taskSchema),
  thisWeek: z.array(taskSchema),
  viewings: z.array(
    z.object({
      id: z.string().uuid(),
      propertyId: z.string().uuid(),
      propertyTitle: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      status: z.string(),
      contacts: z.array(z.object({ id: z.string().uuid(), displayName: z.string() })),
    }),
  ),
});

/** Midnight in Berlin of a calendar day, as an instant. */
function berlinMidnight(day: string): Date {
  const utcGuess = new Date(`${day}T00:00:00Z`);
  const berlinHour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', hourCycle: 'h23' }).format(
      utcGuess,
    ),
  );
  return new Date(utcGuess.getTime() - berlinHour * 3_600_000);
}

/** "Mein Tag": the signed-in user's overdue, today's and this week's tasks and viewings. */
export const myDayRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/my-day',
    {
      config: { access: { permission: 'projects.read' } },
      schema: {
        tags: ['projects'],
        summary:
          "The caller's open tasks (overdue, today, next six days) and viewings of the next seven days",
        response: { 200: myDaySchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const me = ctx.auth.user.id;
      const today = todayInBerlin();
      const weekEnd = addDays(today, 6);
      const open = sql`${projectTask.stateId} not in (select ${taskState.id} from ${taskState} where ${taskState.group} in ('done', 'cancelled'))`;
      const mine = (when: SQL | undefined) =>
        ctx.db(async (tx) =>
          taskViews(
            tx,
            await tx
              .select()
              .from(projectTask)
              .where(and(eq(projectTask.assigneeId, me), open, when))
              .orderBy(asc(projectTask.dueDate), asc(projectTask.position))
              .limit(DAY_LIMIT),
          ),
        );
      const [overdue, dueToday, thisWeek, viewings] = await Promise.all([
        mine(lt(projectTask.dueDate, today)),
        mine(eq(projectTask.dueDate, today)),
        mine(and(gt(projectTask.dueDate, today), lte(projectTask.dueDate, weekEnd))),
        ctx.db((tx) => agentViewings(tx, me, berlinMidnight(today), berlinMidnight(addDays(today, 7)))),
      ]);
      return {
        today,
        overdue,
        dueToday,
        thisWeek,
        viewings: viewings.map((v) => ({
          id: v.id,
          propertyId: v.propertyId,
          propertyTitle: v.propertyTitle,
          startsAt: v.startsAt,
          endsAt: v.endsAt,
          status: v.status,
          contacts: v.contacts,
        })),
      };
    },
  );
};
