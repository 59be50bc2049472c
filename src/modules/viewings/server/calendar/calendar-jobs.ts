import { and, eq, gte, ne, notExists } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob, PermanentJobError } from '../../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../../platform/kernel.js';
import { viewing } from '../../../crm/schema.js';
import { calendarConnection, calendarEvent } from '../../schema.js';
import { CalendarSyncError } from './calendar-client.js';
import { type PullResult, pullConnection, pushMany, pushViewing, staleConnections } from './calendar-sync.js';

export const PUSH_JOB = 'viewings.calendar-push';
export const SYNC_JOB = 'viewings.calendar-sync';

/** A calendar error that a later try cannot fix (refused login) ends the job instead of retrying. */
const asJobError = (error: unknown) =>
  error instanceof CalendarSyncError && !error.transient ? new PermanentJobError(error.message) : error;

/** One viewing into (or out of) its agent's calendar, after every plan, change and deletion. */
export const calendarPushJob = (platform: Platform) =>
  defineJob({
    name: PUSH_JOB,
    version: 1,
    payload: z.object({ viewingId: z.string().uuid() }),
    attempts: 6,
    backoffSeconds: 20,
    timeoutSeconds: 120,
    handler: async (ctx) => {
      if (!ctx.tenantId) throw new PermanentJobError('calendar push needs a tenant');
      try {
        await pushViewing(platform, ctx.tenantId, ctx.payload.viewingId);
      } catch (error) {
        throw asJobError(error);
      }
    },
  });

/**
 * A full round for one calendar: the agent's upcoming viewings that are not in it yet go in, then
 * what changed there comes back. Runs after connecting, on "Jetzt abgleichen" and periodically.
 */
export async function syncConnection(
  platform: Platform,
  tenantId: string,
  connectionId: string,
): Promise<PullResult & { pushed: number }> {
  const missing = await platform.database.withTenant(tenantId, async (tx) => {
    const [c] = await tx.select().from(calendarConnection).where(eq(calendarConnection.id, connectionId));
    if (!c) return null;
    return tx
      .select({ id: viewing.id })
      .from(viewing)
      .where(
        and(
          eq(viewing.agentId, c.userId),
          ne(viewing.status, 'abgesagt'),
          gte(viewing.endsAt, new Date(Date.now() - 86_400_000)),
          notExists(
            tx
              .select({ one: calendarEvent.viewingId })
              .from(calendarEvent)
              .where(and(eq(calendarEvent.connectionId, c.id), eq(calendarEvent.viewingId, viewing.id))),
          ),
        ),
      )
      .orderBy(viewing.startsAt)
      .limit(500);
  });
  if (!missing) throw new CalendarSyncError('Die Kalenderverbindung besteht nicht mehr.');
  const pushed = await pushMany(
    platform,
    tenantId,
    connectionId,
    missing.map((v) => v.id),
  );
  const pulled = await pullConnection(platform, tenantId, connectionId);
  return { ...pulled, pushed };
}

export const calendarSyncJob = (platform: Platform) =>
  defineJob({
    name: SYNC_JOB,
    version: 1,
    payload: z.object({ connectionId: z.string().uuid() }),
    attempts: 3,
    backoffSeconds: 60,
    timeoutSeconds: 600,
    handler: async (ctx) => {
      if (!ctx.tenantId) throw new PermanentJobError('calendar sync needs a tenant');
      try {
        return await syncConnection(platform, ctx.tenantId, ctx.payload.connectionId);
      } catch (error) {
        throw asJobError(error);
      }
    },
  });

/** Every connected calendar is pulled when its last round is older than the configured interval. */
export async function enqueueStaleSyncs(platform: Platform): Promise<void> {
  const minutes = platform.config.env.CALENDAR_SYNC_MINUTES;
  const bucket = Math.floor(Date.now() / (minutes * 60_000));
  for (const c of await staleConnections(platform, minutes * 60_000)) {
    // The key makes the round once per interval however many servers run the tick.
    await platform.jobs.enqueue(
      SYNC_JOB,
      { connectionId: c.id },
      { tenantId: c.tenantId, key: `${c.id}:${bucket}`, attempts: 1 },
    );
  }
}

/** After a viewing changed: a push job only when a calendar is involved (most offices have none). */
export async function enqueuePush(platform: Platform, tenantId: string, viewingId: string): Promise<void> {
  const involved = await platform.database.withTenant(tenantId, async (tx) => {
    const [linked] = await tx
      .select({ id: calendarEvent.viewingId })
      .from(calendarEvent)
      .where(eq(calendarEvent.viewingId, viewingId))
      .limit(1);
    if (linked) return true;
    const [agent] = await tx
      .select({ id: calendarConnection.id })
      .from(viewing)
      .innerJoin(calendarConnection, eq(calendarConnection.userId, viewing.agentId))
      .where(eq(viewing.id, viewingId));
    return Boolean(agent);
  });
  if (involved) await platform.jobs.enqueue(PUSH_JOB, { viewingId }, { tenantId });
}
