import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import Stripe from 'stripe';
import { z } from 'zod';
import { defineJob, type JobDefinition } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import { usageEvent } from '../../../platform/metering/metering.schema.js';
import { METERS, type Meter, recordUsage, usageTotal } from '../../../platform/metering/usage-ledger.js';
import { billingAccount } from '../../../platform/plans/plans.schema.js';
import { todayInBerlin } from '../../../platform/time/berlin-day.js';
import { PUBLIC_STATUSES } from '../../crm/domain/property-lifecycle.js';
import { property } from '../../crm/schema.js';
import { type StripeSetup, stripeSetup } from './stripe-gateway.js';

export const REPORT_USAGE_JOB = 'billing.report-usage';
/** Stripe takes meter events of the past 35 days (API reference, billing meter event `timestamp`). */
const MAX_AGE_MS = 35 * 86_400_000 - 3_600_000;

export interface ReportResult {
  sent: number;
  unreportable: number;
  /** Stripe unreachable or failing: the rest waits for the next run. */
  stopped: boolean;
}

/**
 * Sends unsent ledger events of offices that are Stripe customers as meter events
 * (POST /v1/billing/meter_events: `event_name` = meter, `payload[stripe_customer_id]`,
 * `payload[value]`, `identifier` = the ledger id, `timestamp`). The ledger id is also the
 * request's Idempotency-Key, so a send whose answer was lost is answered again, not counted twice.
 */
export async function reportUsage(
  platform: Platform,
  setup: StripeSetup,
  batch = 200,
): Promise<ReportResult> {
  const db = platform.database.db;
  const rows = await db
    .select({
      id: usageEvent.id,
      meter: usageEvent.meter,
      value: usageEvent.value,
      occurredAt: usageEvent.occurredAt,
      customer: billingAccount.stripeCustomerId,
    })
    .from(usageEvent)
    .innerJoin(billingAccount, eq(billingAccount.tenantId, usageEvent.tenantId))
    .where(and(isNull(usageEvent.reportedAt), isNull(usageEvent.unreportable)))
    .orderBy(asc(usageEvent.occurredAt))
    .limit(batch);
  const result: ReportResult = { sent: 0, unreportable: 0, stopped: false };
  const sent: string[] = [];
  for (const row of rows) {
    if (Date.now() - row.occurredAt.getTime() > MAX_AGE_MS) {
      await db
        .update(usageEvent)
        .set({ unreportable: 'older than 35 days' })
        .where(eq(usageEvent.id, row.id));
      result.unreportable++;
      continue;
    }
    try {
      await setup.client.billing.meterEvents.create(
        {
          event_name: row.meter,
          payload: { stripe_customer_id: row.customer, value: String(row.value) },
          identifier: row.id,
          timestamp: Math.floor(row.occurredAt.getTime() / 1000),
        },
        { idempotencyKey: `meter-${row.id}` },
      );
      sent.push(row.id);
      result.sent++;
    } catch (error) {
      if (error instanceof Stripe.errors.StripeInvalidRequestError) {
        await db
          .update(usageEvent)
          .set({ unreportable: error.message.slice(0, 500) })
          .where(eq(usageEvent.id, row.id));
        result.unreportable++;
        continue;
      }
      platform.logger.warn(
        { err: error },
        'usage reporting to Stripe stopped; the rest follows in the next run',
      );
      result.stopped = true;
      break;
    }
  }
  if (sent.length > 0)
    await db.update(usageEvent).set({ reportedAt: new Date() }).where(inArray(usageEvent.id, sent));
  return result;
}

export interface MeterReconciliation {
  meter: Meter;
  ledger: number;
  stripe: number | null;
  difference: number | null;
}

/**
 * The ledger's sums per meter against Stripe's for one office and period
 * (GET /v1/billing/meters, then /v1/billing/meters/{id}/event_summaries with `customer`,
 * `start_time`, `end_time`). Only events already sent count on our side, so a difference means
 * something was lost or doubled, not merely not sent yet.
 */
export async function reconcileUsage(
  platform: Platform,
  setup: StripeSetup,
  tenantId: string,
  from: Date,
  to: Date,
): Promise<MeterReconciliation[]> {
  const [account] = await platform.database.db
    .select()
    .from(billingAccount)
    .where(eq(billingAccount.tenantId, tenantId));
  if (!account) return [];
  const meters = new Map<string, string>();
  for await (const meter of setup.client.billing.meters.list({ status: 'active', limit: 100 }))
    meters.set(meter.event_name, meter.id);
  // Stripe sums only over whole minutes.
  const start = Math.floor(from.getTime() / 60_000) * 60;
  const end = Math.ceil(to.getTime() / 60_000) * 60;
  const out: MeterReconciliation[] = [];
  for (const meter of METERS) {
    const ledger = await usageTotal(
      platform.database.db,
      tenantId,
      meter,
      new Date(start * 1000),
      new Date(end * 1000),
      {
        reportedOnly: true,
      },
    );
    const id = meters.get(meter);
    let stripe: number | null = null;
    if (id) {
      stripe = 0;
      for await (const summary of setup.client.billing.meters.listEventSummaries(id, {
        customer: account.stripeCustomerId,
        start_time: start,
        end_time: end,
      }))
        stripe += summary.aggregated_value;
    }
    out.push({ meter, ledger, stripe, difference: stripe === null ? null : stripe - ledger });
  }
  return out;
}

/**
 * Today's active (public) listings of every office, once per office and day: the meter
 * `active_listing_days` sums them to listing-days over a billing period.
 */
export async function recordActiveListings(platform: Platform, day: string): Promise<number> {
  const db = platform.database.db;
  const rows = await db
    .select({ tenantId: property.tenantId, n: count() })
    .from(property)
    .where(inArray(property.status, [...PUBLIC_STATUSES]))
    .groupBy(property.tenantId);
  return recordUsage(
    db,
    rows.map((r) => ({
      tenantId: r.tenantId,
      meter: 'active_listing_days' as const,
      value: r.n,
      idempotencyKey: `listings:${day}`,
    })),
  );
}

export const reportUsageJob = (platform: Platform): JobDefinition<Record<string, never>> =>
  defineJob({
    name: REPORT_USAGE_JOB,
    version: 1,
    payload: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
    attempts: 3,
    concurrency: 1,
    handler: async () => {
      const setup = stripeSetup(platform);
      if (!setup) return { skipped: 'stripe not configured' };
      await recordActiveListings(platform, todayInBerlin());
      const results: ReportResult[] = [];
      // Up to 10 batches a run; a longer backlog continues in the next one.
      for (let i = 0; i < 10; i++) {
        const r = await reportUsage(platform, setup);
        results.push(r);
        if (r.stopped || r.sent + r.unreportable === 0) break;
      }
      return {
        sent: results.reduce((a, r) => a + r.sent, 0),
        unreportable: results.reduce((a, r) => a + r.unreportable, 0),
      };
    },
  });

export const REPORT_EVERY_MS = 5 * 60_000;

/** Enqueues the report once per five minutes across all replicas (the key is the time slot). */
export function enqueueUsageReport(platform: Platform, now = Date.now()) {
  const slot = Math.floor(now / REPORT_EVERY_MS);
  return platform.jobs.enqueue(REPORT_USAGE_JOB, {}, { key: `slot-${slot}`, tenantId: null });
}
