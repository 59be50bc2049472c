import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import type { Tx } from '../../../platform/db/database.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { AppError, badRequest, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { contactListFilter } from '../../../platform/modules/contact-list-extensions.js';
import { PUBLIC_STATUSES } from '../../crm/domain/property-lifecycle.js';
import { property } from '../../crm/schema.js';
import {
  audienceView,
  type CampaignView,
  campaignInput,
  campaignView,
  recipientView,
  SKIP_REASONS,
} from '../contract.js';
import { RECIPIENT_STATES } from '../domain/mailing-enums.js';
import { subjectForHistory } from '../domain/template-render.js';
import { mailingCampaign, mailingRecipient, mailingTemplate } from '../schema.js';
import { audienceFor } from './audience.js';
import { enqueueRound } from './campaign-jobs.js';
import { offerContext, offerMail } from './offer-mail.js';

const campaignParams = z.object({ campaignId: z.string().uuid() });

async function countsOf(tx: Tx, ids: string[]) {
  const rows =
    ids.length === 0
      ? []
      : await tx
          .select({ campaignId: mailingRecipient.campaignId, state: mailingRecipient.state, n: count() })
          .from(mailingRecipient)
          .where(inArray(mailingRecipient.campaignId, ids))
          .groupBy(mailingRecipient.campaignId, mailingRecipient.state);
  const out = new Map<string, CampaignView['counts']>();
  for (const id of ids) out.set(id, { total: 0, wartet: 0, gesendet: 0, uebersprungen: 0, fehler: 0 });
  for (const r of rows) {
    const c = out.get(r.campaignId)!;
    c[r.state] += r.n;
    c.total += r.n;
  }
  return out;
}

async function activeListing(tx: Tx, propertyId: string) {
  const [p] = await tx.select().from(property).where(eq(property.id, propertyId));
  if (!p) throw notFound('Objekt');
  if (!(PUBLIC_STATUSES as readonly string[]).includes(p.status))
    throw new AppError(
      409,
      'listing_not_on_market',
      'Angebote lassen sich nur für Objekte versenden, die am Markt sind (Status „Aktiv“ oder „Reserviert“).',
    );
  return p;
}

/** "Angebotsversand": pick a listing, see who matches and may be written to, send in throttled rounds. */
export const campaignsRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  /** A segment's condition from the lead-scoring module, or a 400 when that module is off. */
  const segmentCondition = (segmentId: string | undefined) => {
    if (!segmentId) return null;
    const filter = contactListFilter(platform, 'segment');
    if (!filter) throw badRequest('module_disabled', 'Segmente gibt es nur mit dem Modul Lead-Scoring.');
    return (contactId: AnyPgColumn) => filter(contactId, segmentId);
  };

  const delivery = () => (platform.mail.online ? 'smtp' : 'offline') as 'smtp' | 'offline';
  const viewOf = (c: typeof mailingCampaign.$inferSelect, counts: CampaignView['counts']): CampaignView => ({
    id: c.id,
    propertyId: c.propertyId,
    propertyTitle: c.propertyTitle,
    subject: subjectForHistory(c.subject, c.propertyTitle),
    state: c.state,
    perMinute: c.perMinute,
    createdByName: c.createdByName,
    createdAt: c.createdAt.toISOString(),
    finishedAt: c.finishedAt?.toISOString() ?? null,
    counts,
    delivery: delivery(),
  });

  app.get(
    '/audience',
    {
      config: { access: { permission: 'mailings.read' } },
      schema: {
        tags: ['mailings'],
        summary: 'Contacts whose search profile matches the listing, with their advertising consent',
        querystring: z.object({
          propertyId: z.string().uuid(),
          /** A lead-scoring segment: only the matching contacts in it. */
          segment: z.string().uuid().optional(),
        }),
        response: { 200: audienceView },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      return ctx.db(async (tx) => {
        const p = await activeListing(tx, request.query.propertyId);
        const items = await audienceFor(tx, p.id, segmentCondition(request.query.segment));
        return {
          propertyId: p.id,
          propertyTitle: p.title,
          items,
          eligible: items.filter((i) => i.skip === null).length,
          perMinute: platform.config.env.MAILINGS_PER_MINUTE,
        };
      });
    },
  );

  app.post(
    '/preview',
    {
      config: { access: { permission: 'mailings.read' } },
      schema: {
        tags: ['mailings'],
        summary: 'The mail as a sample recipient would get it',
        body: z.object({ propertyId: z.string().uuid(), templateId: z.string().uuid() }),
        response: { 200: z.object({ subject: z.string(), text: z.string() }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { listing, template } = await ctx.db(async (tx) => {
        const [p] = await tx.select().from(property).where(eq(property.id, request.body.propertyId));
        if (!p) throw notFound('Objekt');
        const [t] = await tx
          .select()
          .from(mailingTemplate)
          .where(eq(mailingTemplate.id, request.body.templateId));
        if (!t) throw notFound('Vorlage');
        return { listing: p, template: t };
      });
      const offer = await offerContext(platform, ctx.tenantId, listing);
      return offerMail(
        offer,
        template,
        { salutation: 'frau', firstName: 'Erika', lastName: 'Mustermann', companyName: null },
        `${platform.publicUrl}/abmelden/…`,
      );
    },
  );

  app.get(
    '/campaigns',
    {
      config: { access: { permission: 'mailings.read' } },
      schema: {
        tags: ['mailings'],
        summary: 'Mailings, newest first',
        querystring: z.object({ propertyId: z.string().uuid().optional() }),
        response: { 200: z.object({ items: z.array(campaignView), delivery: z.enum(['smtp', 'offline']) }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      return ctx.db(async (tx) => {
        const rows = await tx
          .select()
          .from(mailingCampaign)
          .where(
            request.query.propertyId ? eq(mailingCampaign.propertyId, request.query.propertyId) : undefined,
          )
          .orderBy(desc(mailingCampaign.createdAt))
          .limit(100);
        const counts = await countsOf(
          tx,
          rows.map((r) => r.id),
        );
        return { items: rows.map((r) => viewOf(r, counts.get(r.id)!)), delivery: delivery() };
      });
    },
  );

  app.post(
    '/campaigns',
    {
      config: { access: { permission: 'mailings.send' } },
      schema: {
        tags: ['mailings'],
        summary: 'Offer a listing to its matching contacts; only those with consent get a mail',
        body: campaignInput,
        response: { 201: campaignView },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const input = request.body;
      const perMinute = platform.config.env.MAILINGS_PER_MINUTE;
      const created = await ctx.db(async (tx) => {
        const p = await activeListing(tx, input.propertyId);
        const [template] = await tx
          .select()
          .from(mailingTemplate)
          .where(eq(mailingTemplate.id, input.templateId));
        if (!template) throw notFound('Vorlage');
        const excluded = new Set(input.exclude);
        const audience = (await audienceFor(tx, p.id, segmentCondition(input.segmentId))).filter(
          (a) => !excluded.has(a.contactId),
        );
        if (!audience.some((a) => a.skip === null))
          throw new AppError(
            422,
            'no_recipients',
            audience.length === 0
              ? 'Für dieses Objekt gibt es keine ausgewählten passenden Suchprofile.'
              : 'Keiner der ausgewählten Kontakte darf angeschrieben werden (Einwilligung, E-Mail-Adresse oder bereits angeboten).',
          );
        const [campaign] = await tx
          .insert(mailingCampaign)
          .values({
            tenantId: ctx.tenantId,
            propertyId: p.id,
            propertyTitle: p.title,
            subject: template.subject,
            body: template.body,
            perMinute,
            createdBy: ctx.auth.user.id,
            createdByName: ctx.auth.user.name,
          })
          .returning();
        for (let i = 0; i < audience.length; i += 1000) {
          await tx.insert(mailingRecipient).values(
            audience.slice(i, i + 1000).map((a) => ({
              tenantId: ctx.tenantId,
              campaignId: campaign!.id,
              contactId: a.contactId,
              name: a.name,
              email: a.email,
              score: a.score,
              // Shown in the mailing as skipped with the reason, so the broker sees who was left out and why.
              state: a.skip ? ('uebersprungen' as const) : ('wartet' as const),
              reason: a.skip ? SKIP_REASONS[a.skip] : null,
            })),
          );
        }
        await recordAudit(tx, ctx.actor, {
          entity: 'mailing_campaign',
          entityId: campaign!.id,
          action: 'started',
          after: {
            property: p.title,
            template: template.name,
            recipients: audience.filter((a) => a.skip === null).length,
            skipped: audience.filter((a) => a.skip !== null).length,
          },
        });
        const counts = await countsOf(tx, [campaign!.id]);
        return viewOf(campaign!, counts.get(campaign!.id)!);
      });
      await enqueueRound(platform, ctx.tenantId, created.id, 1);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/campaigns/:campaignId',
    {
      config: { access: { permission: 'mailings.read' } },
      schema: {
        tags: ['mailings'],
        summary: 'A mailing with its progress and recipients',
        params: campaignParams,
        querystring: z.object({ state: z.enum(RECIPIENT_STATES).optional() }),
        response: { 200: z.object({ campaign: campaignView, recipients: z.array(recipientView) }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      return ctx.db(async (tx) => {
        const [c] = await tx
          .select()
          .from(mailingCampaign)
          .where(eq(mailingCampaign.id, request.params.campaignId));
        if (!c) throw notFound('Versand');
        const counts = await countsOf(tx, [c.id]);
        const rows = await tx
          .select()
          .from(mailingRecipient)
          .where(
            and(
              eq(mailingRecipient.campaignId, c.id),
              request.query.state ? eq(mailingRecipient.state, request.query.state) : undefined,
            ),
          )
          .orderBy(desc(mailingRecipient.score), mailingRecipient.name)
          .limit(500);
        return {
          campaign: viewOf(c, counts.get(c.id)!),
          recipients: rows.map((r) => ({
            id: r.id,
            contactId: r.contactId,
            name: r.name,
            email: r.email,
            score: r.score,
            state: r.state,
            reason: r.reason,
            sentAt: r.sentAt?.toISOString() ?? null,
          })),
        };
      });
    },
  );

  app.post(
    '/campaigns/:campaignId/cancel',
    {
      config: { access: { permission: 'mailings.send' } },
      schema: {
        tags: ['mailings'],
        summary: 'Stop a running mailing; mails already queued stay queued',
        params: campaignParams,
        response: { 200: campaignView },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      return ctx.db(async (tx) => {
        const [c] = await tx
          .select()
          .from(mailingCampaign)
          .where(eq(mailingCampaign.id, request.params.campaignId));
        if (!c) throw notFound('Versand');
        if (c.state !== 'laeuft')
          throw new AppError(409, 'campaign_finished', 'Dieser Versand läuft nicht mehr.');
        await tx
          .update(mailingRecipient)
          .set({ state: 'uebersprungen', reason: 'Versand abgebrochen' })
          .where(and(eq(mailingRecipient.campaignId, c.id), eq(mailingRecipient.state, 'wartet')));
        const [after] = await tx
          .update(mailingCampaign)
          .set({ state: 'abgebrochen', finishedAt: new Date() })
          .where(eq(mailingCampaign.id, c.id))
          .returning();
        await recordAudit(tx, ctx.actor, { entity: 'mailing_campaign', entityId: c.id, action: 'cancelled' });
        const counts = await countsOf(tx, [c.id]);
        return viewOf(after!, counts.get(c.id)!);
      });
    },
  );
};
