import { and, eq, isNotNull, lt, notExists, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { AppError } from '../../../platform/http/app-error.js';
import { defineJob, PermanentJobError } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import { ownerReport, ownerReportSetting } from '../schema.js';
import { previousWeek, sendOwnerReport } from './owner-report-send.js';

export const OWNER_REPORT_JOB = 'mailings.owner-report';
/** Local hour (Europe/Berlin) on Monday from which last week's reports go out. */
const WEEKLY_HOUR = 8;
const ZONE = 'Europe/Berlin';

/** Monday 08:00 of the week `now` is in; before that moment last week is not yet due. */
function dueSince(now: Date): Date {
  return DateTime.fromJSDate(now, { zone: ZONE }).startOf('week').set({ hour: WEEKLY_HOUR }).toJSDate();
}

/**
 * Queues last week's report for every listing with the weekly report on, once Monday 08:00 has
 * passed (a server that was down on Monday catches up later in the week). The job key holds across
 * servers and ticks; the report's week key holds even if a job were queued twice.
 */
export async function enqueueWeeklyReports(platform: Platform, now = new Date()): Promise<number> {
  const due = dueSince(now);
  if (now < due) return 0;
  const week = previousWeek(now);
  const settings = await platform.database.db
    .select({ propertyId: ownerReportSetting.propertyId, tenantId: ownerReportSetting.tenantId })
    .from(ownerReportSetting)
    .where(
      and(
        eq(ownerReportSetting.weekly, true),
        isNotNull(ownerReportSetting.ownerContactId),
        // Switched on after this Monday's run: the first report follows next Monday.
        lt(ownerReportSetting.weeklySince, due),
        // The tick runs all week: listings whose week went out already are not queued again.
        notExists(
          platform.database.db
            .select({ id: ownerReport.id })
            .from(ownerReport)
            .where(
              eq(ownerReport.weekKey, sql`${ownerReportSetting.propertyId}::text || ${`:${week.isoWeek}`}`),
            ),
        ),
      ),
    );
  for (const s of settings)
    await platform.jobs.enqueue(
      OWNER_REPORT_JOB,
      { propertyId: s.propertyId, isoWeek: week.isoWeek },
      { tenantId: s.tenantId, key: `${s.propertyId}:${week.isoWeek}` },
    );
  return settings.length;
}

export const ownerReportJob = (platform: Platform) =>
  defineJob({
    name: OWNER_REPORT_JOB,
    version: 1,
    payload: z.object({ propertyId: z.string().uuid(), isoWeek: z.string().regex(/^\d{4}-W\d{2}$/) }),
    attempts: 3,
    backoffSeconds: 300,
    handler: async ({ tenantId, payload, reportProgress }) => {
      if (!tenantId) throw new PermanentJobError('owner report needs a tenant');
      const monday = DateTime.fromISO(`${payload.isoWeek}-1`, { zone: ZONE });
      if (!monday.isValid) throw new PermanentJobError(`invalid week ${payload.isoWeek}`);
      const [setting] = await platform.database.withTenant(tenantId, (tx) =>
        tx.select().from(ownerReportSetting).where(eq(ownerReportSetting.propertyId, payload.propertyId)),
      );
      if (!setting?.weekly) {
        await reportProgress(100, 'Wöchentlicher Bericht inzwischen abgeschaltet');
        return { skipped: 'abgeschaltet' };
      }
      try {
        const report = await sendOwnerReport(platform, tenantId, payload.propertyId, {
          trigger: 'woechentlich',
          period: { from: monday.toJSDate(), to: monday.plus({ weeks: 1 }).toJSDate() },
          weekKey: `${payload.propertyId}:${payload.isoWeek}`,
        });
        await reportProgress(
          100,
          report ? `Gesendet an ${report.toAddress}` : 'Diese Woche bereits gesendet',
        );
        return { reportId: report?.id ?? null };
      } catch (error) {
        // A missing owner or address will not fix itself by retrying; the broker sees the reason.
        if (error instanceof AppError && error.statusCode < 500) throw new PermanentJobError(error.message);
        throw error;
      }
    },
  });
