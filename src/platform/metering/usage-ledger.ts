import { and, eq, gte, isNotNull, lt, sum } from 'drizzle-orm';
import type { Db, Tx } from '../db/database.js';
import { usageEvent } from './metering.schema.js';

/**
 * What is metered (AI cost in millionths of a US dollar, as the providers price it). Each name is also the Stripe meter's `event_name`, so a price with graduated
 * tiers in Stripe can include a plan's allowance and bill what lies above it.
 */
export const METERS = ['ai_cost_micros', 'portal_exports', 'active_listing_days'] as const;
export type Meter = (typeof METERS)[number];

export interface UsageInput {
  tenantId: string;
  meter: Meter;
  value: number;
  /** Stable for the same use: `ai:<generation id>`, `portal-export:<export id>`. */
  idempotencyKey: string;
  occurredAt?: Date;
}

export class UsageInputError extends Error {}

function check(input: UsageInput): void {
  if (!METERS.includes(input.meter)) throw new UsageInputError(`unknown meter ${input.meter}`);
  if (!Number.isInteger(input.value) || input.value < 0 || input.value > 2_000_000_000)
    throw new UsageInputError(`value must be a whole number ≥ 0, got ${input.value}`);
  if (!input.idempotencyKey || input.idempotencyKey.length > 200)
    throw new UsageInputError('idempotency key missing or longer than 200 characters');
}

/**
 * Records uses in one statement; a key seen before for the office is skipped, so replays and
 * retries change nothing. Returns how many were new. Rows of several offices need the owner
 * connection; inside an office's transaction only its own rows pass row-level security.
 */
export async function recordUsage(db: Db | Tx, inputs: UsageInput[]): Promise<number> {
  if (inputs.length === 0) return 0;
  for (const input of inputs) check(input);
  const now = new Date();
  const inserted = await db
    .insert(usageEvent)
    .values(
      inputs.map((i) => ({
        tenantId: i.tenantId,
        meter: i.meter,
        value: i.value,
        idempotencyKey: i.idempotencyKey,
        occurredAt: i.occurredAt ?? now,
      })),
    )
    .onConflictDoNothing({ target: [usageEvent.tenantId, usageEvent.idempotencyKey] })
    .returning({ id: usageEvent.id });
  return inserted.length;
}

/** The ledger's total of one meter for an office in [from, to). */
export async function usageTotal(
  db: Db | Tx,
  tenantId: string,
  meter: Meter,
  from: Date,
  to: Date,
  options: { reportedOnly?: boolean } = {},
): Promise<number> {
  const [row] = await db
    .select({ total: sum(usageEvent.value) })
    .from(usageEvent)
    .where(
      and(
        eq(usageEvent.tenantId, tenantId),
        eq(usageEvent.meter, meter),
        gte(usageEvent.occurredAt, from),
        lt(usageEvent.occurredAt, to),
        options.reportedOnly ? isNotNull(usageEvent.reportedAt) : undefined,
      ),
    );
  return Number(row?.total ?? 0);
}
