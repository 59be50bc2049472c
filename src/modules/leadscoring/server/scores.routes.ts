import { and, desc, eq, gte, inArray, isNotNull, lte, notInArray, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import type { Tx } from '../../../platform/db/database.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { contact, property } from '../../crm/schema.js';
import { contactDisplayName } from '../../crm/server/contact-view.js';
import { hotLead, overrideInput, qualificationInput, scoreCard, scoreSummary } from '../contract.js';
import { CLOSED_LEAD_STATUSES, HOT_SCORE } from '../domain/segments.js';
import { leadEvent, leadQualification, leadScore, leadScoreDay, trackingVisitor } from '../schema.js';
import { buyingPower } from './buying-power.js';
import { rescore } from './score-service.js';
import { scoreSummaryOf } from './score-views.js';

const contactParams = z.object({ contactId: z.string().uuid() });
const DAY_MS = 86_400_000;

async function requireContact(tx: Tx, contactId: string) {
  const [row] = await tx.select({ id: contact.id }).from(contact).where(eq(contact.id, contactId));
  if (!row) throw notFound('Kontakt');
  return row;
}

async function loadCard(tx: Tx, contactId: string) {
  await requireContact(tx, contactId);
  const since = new Date(Date.now() - 90 * DAY_MS).toISOString().slice(0, 10);
  const [[score], history, [q], events, visitors] = await Promise.all([
    tx.select().from(leadScore).where(eq(leadScore.contactId, contactId)),
    tx
      .select()
      .from(leadScoreDay)
      .where(and(eq(leadScoreDay.contactId, contactId), gte(leadScoreDay.day, since)))
      .orderBy(leadScoreDay.day),
    tx.select().from(leadQualification).where(eq(leadQualification.contactId, contactId)),
    tx
      .select({ event: leadEvent, propertyTitle: property.title })
      .from(leadEvent)
      .leftJoin(property, eq(property.id, leadEvent.propertyId))
      .where(eq(leadEvent.contactId, contactId))
      .orderBy(desc(leadEvent.occurredAt))
      .limit(30),
    tx
      .select({ n: sql<number>`count(*)::int`, since: sql<Date | null>`min(${trackingVisitor.consentAt})` })
      .from(trackingVisitor)
      .where(eq(trackingVisitor.contactId, contactId)),
  ]);
  const visitorRow = visitors[0];
  return {
    score: score ? scoreSummaryOf(score) : null,
    factors: score?.factors ?? [],
    override:
      score && score.overrideTotal !== null
        ? {
            total: score.overrideTotal,
            reason: score.overrideReason ?? '',
            by: score.overrideBy,
            at: (score.overrideAt ?? score.computedAt).toISOString(),
          }
        : null,
    history: history.map((h) => ({
      day: h.day,
      total: h.total,
      qualification: h.qualification,
      engagement: h.engagement,
    })),
    qualification: {
      financingConfirmed: Boolean(q?.financingConfirmedAt),
      financingConfirmedAt: q?.financingConfirmedAt?.toISOString() ?? null,
      financingNote: q?.financingNote ?? '',
      equityCents: q?.equityCents ?? null,
      netIncomeMonthlyCents: q?.netIncomeMonthlyCents ?? null,
      expensesMonthlyCents: q?.expensesMonthlyCents ?? null,
      buyingPowerCents: q ? buyingPower(q) : null,
      updatedAt: q?.updatedAt.toISOString() ?? null,
    },
    events: events.map(({ event: e, propertyTitle }) => ({
      kind: e.kind,
      occurredAt: e.occurredAt.toISOString(),
      propertyId: e.propertyId,
      propertyTitle,
      value: e.value,
      machine: e.machine,
      source: e.source,
    })),
    tracking: {
      consentedVisitors: visitorRow?.n ?? 0,
      consentSince: visitorRow?.since ? new Date(visitorRow.since).toISOString() : null,
    },
  };
}

/** Scores for lists, the hot leads of the day, a contact's score card, overrides and qualification. */
export const scoresRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/scores',
    {
      config: { access: { permission: 'leadscoring.read' } },
      schema: {
        tags: ['leadscoring'],
        summary: 'The scores of the given contacts (a list page’s rows)',
        querystring: z.object({
          ids: z
            .string()
            .transform((s) => s.split(',').filter(Boolean))
            .pipe(
              z
                .array(z.string().uuid('Ungültige Kontakt-ID.'))
                .max(200, 'Höchstens 200 Kontakte je Abfrage.'),
            ),
        }),
        response: { 200: z.object({ items: z.array(scoreSummary) }) },
      },
    },
    async (request) => {
      const ids = request.query.ids;
      if (ids.length === 0) return { items: [] };
      const rows = await tenantContext(platform, request).db((tx) =>
        tx.select().from(leadScore).where(inArray(leadScore.contactId, ids)),
      );
      return { items: rows.map(scoreSummaryOf) };
    },
  );

  app.get(
    '/hot',
    {
      config: { access: { permission: 'leadscoring.read' } },
      schema: {
        tags: ['leadscoring'],
        summary: 'The open leads with the highest score: whom to call today',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(50).default(8),
          /**
           * `score`: the highest first. `heute`: the hot ones (score ≥ 50) that gave a signal in
           * the last 7 days, the most recently active first — whom to call while the interest is fresh.
           */
          order: z.enum(['score', 'heute']).default('score'),
        }),
        response: { 200: z.object({ items: z.array(hotLead) }) },
      },
    },
    async (request) => {
      const weekAgo = new Date(Date.now() - 7 * DAY_MS).toISOString().slice(0, 10);
      const today = request.query.order === 'heute';
      const { rows, before } = await tenantContext(platform, request).db(async (tx) => {
        const rows = await tx
          .select({
            score: leadScore,
            contact: {
              kind: contact.kind,
              firstName: contact.firstName,
              lastName: contact.lastName,
              companyName: contact.companyName,
              leadStatus: contact.leadStatus,
            },
          })
          .from(leadScore)
          .innerJoin(contact, eq(contact.id, leadScore.contactId))
          .where(
            and(
              notInArray(contact.leadStatus, CLOSED_LEAD_STATUSES),
              today
                ? and(
                    gte(leadScore.total, HOT_SCORE),
                    gte(leadScore.lastSignalAt, new Date(Date.now() - 7 * DAY_MS)),
                  )
                : sql`${leadScore.total} > 0`,
            ),
          )
          .orderBy(
            ...(today ? [sql`${leadScore.lastSignalAt} desc nulls last`] : []),
            desc(leadScore.total),
            leadScore.contactId,
          )
          .limit(request.query.limit);
        // The score a week ago, for the trend: read for the page's few rows only, not per candidate.
        const ids = rows.map((r) => r.score.contactId);
        const before =
          ids.length === 0
            ? []
            : await tx
                .selectDistinctOn([leadScoreDay.contactId], {
                  contactId: leadScoreDay.contactId,
                  total: leadScoreDay.total,
                })
                .from(leadScoreDay)
                .where(and(inArray(leadScoreDay.contactId, ids), lte(leadScoreDay.day, weekAgo)))
                .orderBy(leadScoreDay.contactId, desc(leadScoreDay.day));
        return { rows, before: new Map(before.map((b) => [b.contactId, b.total])) };
      });
      return {
        items: rows.map((r) => {
          const s = scoreSummaryOf(r.score);
          return {
            contactId: r.score.contactId,
            displayName: contactDisplayName(r.contact),
            leadStatus: r.contact.leadStatus,
            total: s.total,
            summary: s.summary,
            close: s.close,
            trend: before.has(r.score.contactId) ? s.total - (before.get(r.score.contactId) ?? 0) : 0,
            lastSignalAt: r.score.lastSignalAt?.toISOString() ?? null,
          };
        }),
      };
    },
  );

  app.get(
    '/contacts/:contactId',
    {
      config: { access: { permission: 'leadscoring.read' } },
      schema: {
        tags: ['leadscoring'],
        summary: 'A contact’s score card: score, reasons, history, qualification, recent interest',
        params: contactParams,
        response: { 200: scoreCard },
      },
    },
    async (request) => tenantContext(platform, request).db((tx) => loadCard(tx, request.params.contactId)),
  );

  app.put(
    '/contacts/:contactId/override',
    {
      config: { access: { permission: 'leadscoring.write' } },
      schema: {
        tags: ['leadscoring'],
        summary: 'Set the score by hand; it stays until cleared',
        params: contactParams,
        body: overrideInput,
        response: { 200: scoreCard },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { contactId } = request.params;
      await ctx.db((tx) => requireContact(tx, contactId));
      // A contact never scored yet gets its computed score first, so the override has a row to sit on.
      await rescore(platform, ctx.tenantId, [contactId]);
      return ctx.db(async (tx) => {
        const { total, reason } = request.body;
        await tx
          .update(leadScore)
          .set({
            total,
            overrideTotal: total,
            overrideReason: reason,
            overrideBy: ctx.auth.user.name,
            overrideAt: new Date(),
          })
          .where(eq(leadScore.contactId, contactId));
        await recordAudit(tx, ctx.actor, {
          entity: 'lead_score',
          entityId: contactId,
          action: 'overridden',
          after: { total, reason },
        });
        return loadCard(tx, contactId);
      });
    },
  );

  app.delete(
    '/contacts/:contactId/override',
    {
      config: { access: { permission: 'leadscoring.write' } },
      schema: {
        tags: ['leadscoring'],
        summary: 'Clear a manual score: the computed one applies again',
        params: contactParams,
        response: { 200: scoreCard },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { contactId } = request.params;
      return ctx.db(async (tx) => {
        await requireContact(tx, contactId);
        const [row] = await tx
          .update(leadScore)
          .set({
            total: sql`${leadScore.computedTotal}`,
            overrideTotal: null,
            overrideReason: null,
            overrideBy: null,
            overrideAt: null,
          })
          .where(and(eq(leadScore.contactId, contactId), isNotNull(leadScore.overrideTotal)))
          .returning({ id: leadScore.contactId });
        if (row)
          await recordAudit(tx, ctx.actor, {
            entity: 'lead_score',
            entityId: contactId,
            action: 'override_cleared',
          });
        return loadCard(tx, contactId);
      });
    },
  );

  app.put(
    '/contacts/:contactId/qualification',
    {
      config: { access: { permission: 'leadscoring.write' } },
      schema: {
        tags: ['leadscoring'],
        summary: 'Record what the office knows of a lead’s means (financing, equity, income)',
        params: contactParams,
        body: qualificationInput,
        response: { 200: scoreCard },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { contactId } = request.params;
      const input = request.body;
      await ctx.db(async (tx) => {
        await requireContact(tx, contactId);
        const [before] = await tx
          .select({ at: leadQualification.financingConfirmedAt })
          .from(leadQualification)
          .where(eq(leadQualification.contactId, contactId));
        const values = {
          // The date of the confirmation is kept while it stays confirmed.
          financingConfirmedAt: input.financingConfirmed ? (before?.at ?? new Date()) : null,
          financingNote: input.financingNote,
          equityCents: input.equityCents,
          netIncomeMonthlyCents: input.netIncomeMonthlyCents,
          expensesMonthlyCents: input.expensesMonthlyCents,
          updatedBy: ctx.auth.user.name,
          updatedAt: new Date(),
        };
        await tx
          .insert(leadQualification)
          .values({ contactId, tenantId: ctx.tenantId, ...values })
          .onConflictDoUpdate({ target: leadQualification.contactId, set: values });
        // Amounts are personal data: the audit log names what changed, not the figures.
        await recordAudit(tx, ctx.actor, {
          entity: 'lead_qualification',
          entityId: contactId,
          action: 'updated',
          after: { financingConfirmed: input.financingConfirmed },
        });
      });
      await rescore(platform, ctx.tenantId, [contactId]);
      return ctx.db((tx) => loadCard(tx, contactId));
    },
  );
};
