import { gt, inArray, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../../platform/db/database.js';
import { viewing } from '../../crm/schema.js';
import { feedbackAt, nextReminderAfter } from '../domain/reminder-due.js';
import { viewingParticipant } from '../schema.js';
import { settingsOf } from './viewing-context.js';

/**
 * Sets when each visitor of the given viewings is next reminded and asked for feedback, from the
 * viewing's time and status, the visitor's answer and the office's settings. Called wherever one
 * of those changes, so the minute tick only reads rows that are due (an index range, not a scan).
 */
export async function rescheduleVisitors(tx: Tx, tenantId: string, viewingIds: string[], now = new Date()) {
  if (viewingIds.length === 0) return;
  const settings = await settingsOf(tx, tenantId);
  const rows = await tx
    .select({ p: viewingParticipant, v: viewing })
    .from(viewingParticipant)
    .innerJoin(viewing, sql`${viewing.id} = ${viewingParticipant.viewingId}`)
    .where(inArray(viewingParticipant.viewingId, viewingIds));
  await setSchedule(
    tx,
    rows.map(({ p, v }) => {
      const active = p.removedAt === null && v.status !== 'abgesagt';
      return {
        id: p.id,
        nextReminderAt:
          active && v.status === 'geplant' && p.response !== 'abgesagt'
            ? nextReminderAfter(v.startsAt, now, settings.reminderHours)
            : null,
        feedbackAt: active ? feedbackAt(v.endsAt, settings.feedbackHours) : null,
      };
    }),
  );
}

/** After the office changes its reminder times: every visitor of a viewing not yet over. */
export async function rescheduleOffice(tx: Tx, tenantId: string, now = new Date()) {
  const open = await tx
    .select({ id: viewing.id })
    .from(viewing)
    .where(gt(viewing.endsAt, new Date(now.getTime() - 72 * 3_600_000)));
  for (let i = 0; i < open.length; i += 500)
    await rescheduleVisitors(
      tx,
      tenantId,
      open.slice(i, i + 500).map((v) => v.id),
      now,
    );
}

type Schedule = { id: string; nextReminderAt?: Date | null; feedbackAt?: Date | null };

/** One UPDATE … FROM (VALUES …) per 500 rows, for a tenant transaction or the owner connection. */
export async function setSchedule(db: Tx | Database['db'], rows: Schedule[]) {
  for (const column of ['nextReminderAt', 'feedbackAt'] as const) {
    const changes = rows.filter((r) => r[column] !== undefined);
    const name = column === 'nextReminderAt' ? sql.raw('next_reminder_at') : sql.raw('feedback_at');
    for (let i = 0; i < changes.length; i += 500) {
      const values = sql.join(
        changes
          .slice(i, i + 500)
          .map((r) => sql`(${r.id}::uuid, ${r[column]?.toISOString() ?? null}::timestamptz)`),
        sql`, `,
      );
      await db.execute(
        sql`update viewings_participant as p set ${name} = v.at from (values ${values}) as v(id, at) where p.id = v.id`,
      );
    }
  }
}
