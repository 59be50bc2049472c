import { and, count, eq, gte, sql, sum } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { tenant } from '../../../platform/auth/auth.schema.js';
import type { Platform } from '../../../platform/kernel.js';
import { mailOutbox } from '../../../platform/mail/mail.schema.js';
import { todayInBerlin } from '../../../platform/time/berlin-day.js';
import { aiGeneration } from '../../ai/schema.js';
import { property } from '../../crm/schema.js';
import type { UsageSeries } from '../contract.js';

/** Calendar days in Europe/Berlin, as the operators read them. */
const dayOf = (column: PgColumn) =>
  sql<string>`to_char(${column} at time zone 'Europe/Berlin', 'YYYY-MM-DD')`;

/** New offices, new listings, AI cost and mails sent per day over the last `days` days. */
export async function usageSeries(platform: Platform, days: number): Promise<UsageSeries> {
  const db = platform.database.db;
  const since = new Date(Date.now() - days * 86_400_000);
  const byDay = (rows: { day: string; value: number | string | null }[]) =>
    new Map(rows.map((r) => [r.day, Number(r.value ?? 0)]));
  const [offices, listings, ai, mails] = await Promise.all([
    db
      .select({ day: dayOf(tenant.createdAt), value: count() })
      .from(tenant)
      .where(gte(tenant.createdAt, since))
      .groupBy(dayOf(tenant.createdAt))
      .then(byDay),
    db
      .select({ day: dayOf(property.createdAt), value: count() })
      .from(property)
      .where(gte(property.createdAt, since))
      .groupBy(dayOf(property.createdAt))
      .then(byDay),
    db
      .select({ day: dayOf(aiGeneration.createdAt), value: sum(aiGeneration.costMicros) })
      .from(aiGeneration)
      .where(gte(aiGeneration.createdAt, since))
      .groupBy(dayOf(aiGeneration.createdAt))
      .then(byDay),
    db
      .select({ day: dayOf(mailOutbox.sentAt), value: count() })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.status, 'sent'), gte(mailOutbox.sentAt, since)))
      .groupBy(dayOf(mailOutbox.sentAt))
      .then(byDay),
  ]);
  const out: UsageSeries['days'] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = todayInBerlin(new Date(Date.now() - i * 86_400_000));
    out.push({
      day,
      newOffices: offices.get(day) ?? 0,
      newListings: listings.get(day) ?? 0,
      aiCostMicros: ai.get(day) ?? 0,
      mailsSent: mails.get(day) ?? 0,
    });
  }
  return { days: out };
}
