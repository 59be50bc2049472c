import { lt } from 'drizzle-orm';
import { z } from 'zod';
import { tenant } from '../../../platform/auth/auth.schema.js';
import { defineJob, PermanentJobError } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import { leadEvent, trackingVisitor } from '../schema.js';
import { rescore, retrainModel } from './score-service.js';
import { scoringSettings } from './settings.js';

export const RESCORE_JOB = 'leadscoring.rescore';
export const RETRAIN_JOB = 'leadscoring.retrain';
const DAY_MS = 86_400_000;
/** Berlin hour from which the nightly run is due: after the day's work, before the next one. */
const NIGHTLY_HOUR = 2;

const berlin = (at: Date) => {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')) };
};

/** Deletes tracked events and visitors older than the office keeps them. */
export async function applyRetention(
  platform: Platform,
  tenantId: string,
  now = new Date(),
): Promise<number> {
  return platform.database.withTenant(tenantId, async (tx) => {
    const { retentionDays } = await scoringSettings(tx);
    const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
    const events = await tx
      .delete(leadEvent)
      .where(lt(leadEvent.occurredAt, cutoff))
      .returning({ id: leadEvent.id });
    await tx.delete(trackingVisitor).where(lt(trackingVisitor.lastSeenAt, cutoff));
    return events.length;
  });
}

/** Every contact rescored (interest fades by the day); a burst of listing changes queues it once a minute. */
export async function enqueueRescoreAll(
  platform: Platform,
  tenantId: string,
  reason: 'objekte' | 'gewichtung' | 'segmente',
) {
  const minute = Math.floor(Date.now() / 60_000);
  await platform.jobs.enqueue(RESCORE_JOB, { reason }, { tenantId, key: `${tenantId}:${reason}:${minute}` });
}

const payload = z.object({ reason: z.enum(['objekte', 'gewichtung', 'segmente']) });

export const rescoreJob = (platform: Platform) =>
  defineJob({
    name: RESCORE_JOB,
    version: 1,
    payload,
    concurrency: 1,
    async handler(ctx) {
      if (!ctx.tenantId) throw new PermanentJobError('Lead-Scoring braucht ein Maklerbüro.');
      await ctx.reportProgress(10, 'Scores berechnen');
      return { scored: await rescore(platform, ctx.tenantId, 'all') };
    },
  });

export const retrainJob = (platform: Platform) =>
  defineJob({
    name: RETRAIN_JOB,
    version: 1,
    payload: z.object({}),
    concurrency: 1,
    async handler(ctx) {
      if (!ctx.tenantId) throw new PermanentJobError('Lead-Scoring braucht ein Maklerbüro.');
      await ctx.reportProgress(5, 'Alte Ereignisse löschen');
      const deleted = await applyRetention(platform, ctx.tenantId);
      await ctx.reportProgress(20, 'Abschlussmodell trainieren und Scores berechnen');
      const model = await retrainModel(platform, ctx.tenantId);
      return { kind: model.kind, outcomes: model.outcomes, deleted };
    },
  });

/** Once a night per office: the retention period, then retraining, which rescores everyone (interest fades by the day). */
export async function enqueueNightly(platform: Platform, now = new Date()): Promise<number> {
  const { day, hour } = berlin(now);
  if (hour < NIGHTLY_HOUR) return 0;
  const tenants = await platform.database.db.select({ id: tenant.id }).from(tenant);
  for (const t of tenants) {
    await platform.jobs.enqueue(RETRAIN_JOB, {}, { tenantId: t.id, key: `${t.id}:${day}` });
  }
  return tenants.length;
}
