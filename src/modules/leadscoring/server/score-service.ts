import { asc, gt, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import type { Platform } from '../../../platform/kernel.js';
import { contact } from '../../crm/schema.js';
import {
  type CloseModel,
  featuresOf,
  predictClose,
  type Sample,
  trainCloseModel,
} from '../domain/close-model.js';
import { scoreLead } from '../domain/score.js';
import { closeModel, leadScore, leadScoreDay } from '../schema.js';
import '../events.js';
import { CLOSED_LEAD_STATUSES } from '../domain/segments.js';
import { activeListings, loadFacts } from './load-facts.js';
import { type Entered, officeSegments, updateMemberships } from './segment-membership.js';
import { scoringSettings } from './settings.js';

/** Contacts scored per transaction: big enough to amortise the queries, small enough to keep memory flat. */
const BATCH = 500;
const DAY_MS = 86_400_000;

export async function currentModel(tx: Tx): Promise<CloseModel> {
  const [row] = await tx.select({ model: closeModel.model }).from(closeModel).limit(1);
  return row?.model ?? { kind: 'prior', outcomes: 0, positives: 0 };
}

/** The Berlin calendar day of an instant, for the daily history. */
const berlinDay = (at: Date) => at.toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });

async function scoreBatch(
  tx: Tx,
  tenantId: string,
  ids: readonly string[],
  context: Awaited<ReturnType<typeof runContext>>,
  now: Date,
): Promise<{ n: number; entered: Entered[] }> {
  const leads = await loadFacts(tx, ids, context.listings, context.eventsSince);
  if (leads.length === 0) return { n: 0, entered: [] };
  // A contact's first scoring classifies it; only a later change is "coming into" a segment.
  const scoredBefore = new Set(
    (
      await tx
        .select({ id: leadScore.contactId })
        .from(leadScore)
        .where(inArray(leadScore.contactId, [...ids]))
    ).map((r) => r.id),
  );
  const rows = leads.map((lead) => {
    const score = scoreLead(lead.facts, { ...context.settings, now });
    const close = predictClose(context.model, score);
    const signals = lead.facts.events.filter((e) => !e.machine).map((e) => e.at.getTime());
    return {
      contactId: lead.contactId,
      tenantId,
      total: score.total,
      computedTotal: score.total,
      qualification: score.qualification,
      engagement: score.engagement,
      factors: score.factors,
      summary: score.summary,
      closeProbability: close.probability,
      closeLow: close.low,
      closeHigh: close.high,
      closeKind: close.kind,
      lastSignalAt: signals.length > 0 ? new Date(Math.max(...signals)) : null,
      computedAt: now,
    };
  });
  const excluded = (column: string) => sql.raw(`excluded.${column}`);
  await tx
    .insert(leadScore)
    .values(rows)
    .onConflictDoUpdate({
      target: leadScore.contactId,
      set: {
        // A manual score stays until the office clears it.
        total: sql`coalesce(${leadScore.overrideTotal}, excluded.computed_total)`,
        computedTotal: excluded('computed_total'),
        qualification: excluded('qualification'),
        engagement: excluded('engagement'),
        factors: excluded('factors'),
        summary: excluded('summary'),
        closeProbability: excluded('close_probability'),
        closeLow: excluded('close_low'),
        closeHigh: excluded('close_high'),
        closeKind: excluded('close_kind'),
        lastSignalAt: excluded('last_signal_at'),
        computedAt: excluded('computed_at'),
      },
    });
  const day = berlinDay(now);
  await tx
    .insert(leadScoreDay)
    .values(
      rows.map((r) => ({
        contactId: r.contactId,
        tenantId,
        day,
        total: r.computedTotal,
        qualification: r.qualification,
        engagement: r.engagement,
      })),
    )
    .onConflictDoUpdate({
      target: [leadScoreDay.contactId, leadScoreDay.day],
      set: {
        total: excluded('total'),
        qualification: excluded('qualification'),
        engagement: excluded('engagement'),
      },
    });
  const entered = await updateMemberships(
    tx,
    tenantId,
    context.segments,
    leads.map((lead, k) => ({
      contactId: lead.contactId,
      facts: { ...lead.profile, total: rows[k]!.total, lastSignalAt: rows[k]!.lastSignalAt },
    })),
    now,
  );
  return { n: rows.length, entered: entered.filter((e) => scoredBefore.has(e.contactId)) };
}

async function runContext(tx: Tx, tenantId: string, now: Date) {
  const [settings, model, listings, segments] = await Promise.all([
    scoringSettings(tx),
    currentModel(tx),
    activeListings(tx),
    officeSegments(tx, tenantId),
  ]);
  return {
    settings,
    model,
    listings,
    segments,
    eventsSince: new Date(now.getTime() - settings.retentionDays * DAY_MS),
  };
}

/** Announces segment entries for automation rules, only when something listens. */
function announce(platform: Platform, tenantId: string, entered: Entered[]): void {
  if (entered.length === 0 || platform.events.subscriberCount('lead.segment_entered') === 0) return;
  for (const e of entered) platform.events.emit('lead.segment_entered', tenantId, e);
}

/**
 * Recomputes the scores of these contacts, or of every contact of the office, in batches of
 * their own transactions (never one long one: PGlite has a single connection). Returns how
 * many contacts were scored.
 */
export async function rescore(
  platform: Platform,
  tenantId: string,
  contactIds: readonly string[] | 'all',
  now = new Date(),
): Promise<number> {
  const context = await platform.database.withTenant(tenantId, (tx) => runContext(tx, tenantId, now));
  let scored = 0;
  if (contactIds !== 'all') {
    for (let i = 0; i < contactIds.length; i += BATCH) {
      const ids = contactIds.slice(i, i + BATCH);
      const batch = await platform.database.withTenant(tenantId, (tx) =>
        scoreBatch(tx, tenantId, ids, context, now),
      );
      announce(platform, tenantId, batch.entered);
      scored += batch.n;
    }
    return scored;
  }
  let after: string | null = null;
  for (;;) {
    const cursor: string | null = after;
    const batch: { ids: string[]; n: number; entered: Entered[] } = await platform.database.withTenant(
      tenantId,
      async (tx) => {
        const ids: string[] = (
          await tx
            .select({ id: contact.id })
            .from(contact)
            .where(cursor ? gt(contact.id, cursor) : undefined)
            .orderBy(asc(contact.id))
            .limit(BATCH)
        ).map((r) => r.id);
        return { ids, ...(await scoreBatch(tx, tenantId, ids, context, now)) };
      },
    );
    announce(platform, tenantId, batch.entered);
    scored += batch.n;
    if (batch.ids.length < BATCH) return scored;
    after = batch.ids.at(-1) ?? null;
  }
}

/** Largest history a model is trained on; older outcomes say little about today's market. */
const MAX_TRAINING_OUTCOMES = 20_000;

/**
 * Trains the office's close model on its won and lost leads, each scored as it stood when its
 * outcome was recorded (events after that are left out, or the model would learn from the
 * future), then rescores every contact with it.
 */
export async function retrainModel(
  platform: Platform,
  tenantId: string,
  now = new Date(),
): Promise<CloseModel> {
  const samples = await platform.database.withTenant(tenantId, async (tx) => {
    const context = await runContext(tx, tenantId, now);
    const closed = await tx
      .select({ id: contact.id })
      .from(contact)
      .where(inArray(contact.leadStatus, CLOSED_LEAD_STATUSES))
      .orderBy(sql`${contact.updatedAt} desc`)
      .limit(MAX_TRAINING_OUTCOMES);
    const result: Sample[] = [];
    for (let i = 0; i < closed.length; i += BATCH) {
      const leads = await loadFacts(
        tx,
        closed.slice(i, i + BATCH).map((c) => c.id),
        context.listings,
        new Date(0),
      );
      for (const lead of leads) {
        const at = lead.updatedAt;
        const facts = { ...lead.facts, events: lead.facts.events.filter((e) => e.at <= at) };
        const score = scoreLead(facts, { ...context.settings, now: at });
        result.push({ features: featuresOf(score), outcome: lead.leadStatus === 'gewonnen' ? 1 : 0 });
      }
    }
    return result;
  });
  const model = trainCloseModel(samples);
  await platform.database.withTenant(tenantId, (tx) =>
    tx
      .insert(closeModel)
      .values({ tenantId, model, trainedAt: now })
      .onConflictDoUpdate({ target: closeModel.tenantId, set: { model, trainedAt: now } }),
  );
  await rescore(platform, tenantId, 'all', now);
  return model;
}
