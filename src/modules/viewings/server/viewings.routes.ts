import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import type { Tx } from '../../../platform/db/database.js';
import { formatDateTime } from '../../../platform/format/format-de.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { conflict, notFound } from '../../../platform/http/app-error.js';
import { escapeHtml } from '../../../platform/http/escape-html.js';
import type { Platform } from '../../../platform/kernel.js';
import type { PropertyStatus } from '../../crm/domain/property-enums.js';
import { PUBLIC_STATUSES } from '../../crm/domain/property-lifecycle.js';
import { activity, contact, property, viewing } from '../../crm/schema.js';
import { contactDisplayName } from '../../crm/server/contact-view.js';
import { page } from '../../crm/server/secured-expose-html.js';
import {
  detailsBody,
  settingsBody,
  settingsSchema,
  type ViewingSettingsView,
  viewingExtrasSchema,
} from '../contract.js';
import {
  viewingDetails,
  viewingFeedback,
  viewingMessage,
  viewingParticipant,
  viewingSettings,
} from '../schema.js';
import { enqueuePush } from './calendar/calendar-jobs.js';
import { loadViewingContext, officeInfo, propertyAddress, settingsOf } from './viewing-context.js';
import { visitorUrl } from './visitor-messages.js';
import { rescheduleOffice } from './visitor-schedule.js';

const viewingParams = z.object({ viewingId: z.string().uuid() });
const visitorParams = viewingParams.extend({ participantId: z.string().uuid() });

/** The office's viewing settings, each viewing's visitors and messages, and the agent's check-in. */
export const viewingsRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const settingsView = (s: Omit<ViewingSettingsView, 'smsGateway'>): ViewingSettingsView => ({
    durationMinutes: s.durationMinutes,
    reminderHours: s.reminderHours,
    feedbackHours: s.feedbackHours,
    smsReminders: s.smsReminders,
    smsGateway: platform.config.env.SEVEN_API_KEY ? 'online' : 'offline',
  });

  app.get(
    '/settings',
    {
      config: { access: { permission: 'viewings.read' } },
      schema: {
        tags: ['viewings'],
        summary: 'The office’s viewing defaults',
        response: { 200: settingsSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      return settingsView(await ctx.db((tx) => settingsOf(tx, ctx.tenantId)));
    },
  );

  app.put(
    '/settings',
    {
      config: { access: { permission: 'viewings.manage' } },
      schema: {
        tags: ['viewings'],
        summary: 'Set duration, reminder times and feedback delay',
        body: settingsBody,
        response: { 200: settingsSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const values = {
        ...request.body,
        reminderHours: [...request.body.reminderHours].sort((a, b) => b - a),
      };
      await ctx.db(async (tx) => {
        await tx
          .insert(viewingSettings)
          .values({ tenantId: ctx.tenantId, ...values })
          .onConflictDoUpdate({
            target: viewingSettings.tenantId,
            set: { ...values, updatedAt: new Date() },
          });
        await rescheduleOffice(tx, ctx.tenantId);
        await recordAudit(tx, ctx.actor, {
          entity: 'viewing_settings',
          entityId: ctx.tenantId,
          action: 'updated',
          after: values,
        });
      });
      return settingsView(values);
    },
  );

  app.get(
    '/:viewingId',
    {
      config: { access: { permission: 'viewings.read' } },
      schema: {
        tags: ['viewings'],
        summary: 'Meeting point, group size, visitors with their answers, and the messages sent',
        params: viewingParams,
        response: { 200: viewingExtrasSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { viewingId } = request.params;
      const found = await ctx.db(async (tx) => {
        const [row] = await tx
          .select({ viewing, property, details: viewingDetails })
          .from(viewing)
          .innerJoin(property, eq(property.id, viewing.propertyId))
          .leftJoin(viewingDetails, eq(viewingDetails.viewingId, viewing.id))
          .where(eq(viewing.id, viewingId));
        if (!row) throw notFound('Besichtigung');
        const visitors = await tx
          .select({ p: viewingParticipant, c: contact, f: viewingFeedback })
          .from(viewingParticipant)
          .innerJoin(contact, eq(contact.id, viewingParticipant.contactId))
          .leftJoin(viewingFeedback, eq(viewingFeedback.participantId, viewingParticipant.id))
          .where(and(eq(viewingParticipant.viewingId, viewingId), isNull(viewingParticipant.removedAt)))
          .orderBy(viewingParticipant.createdAt);
        const messages = await tx
          .select()
          .from(viewingMessage)
          .where(eq(viewingMessage.viewingId, viewingId))
          .orderBy(desc(viewingMessage.createdAt))
          .limit(200);
        return { ...row, visitors, messages };
      });
      return {
        viewingId,
        meetingPoint: found.details?.meetingPoint ?? '',
        propertyAddress: propertyAddress(found.property),
        capacity: found.details?.capacity ?? 1,
        bookable: found.details?.bookable ?? false,
        bookingUrl: found.details?.bookable ? `${platform.publicUrl}/buchen/${found.property.slug}` : null,
        visitors: found.visitors.map(({ p, c, f }) => ({
          participantId: p.id,
          contactId: c.id,
          name: contactDisplayName(c),
          email: c.email,
          response: p.response,
          respondedAt: p.respondedAt?.toISOString() ?? null,
          checkedInAt: p.checkedInAt?.toISOString() ?? null,
          checkedInBy: p.checkedInBy ?? null,
          noShow: p.noShow,
          visitorUrl: visitorUrl(platform, p.token),
          feedback: f
            ? {
                interest: f.interest,
                priceOpinion: f.priceOpinion ?? null,
                missing: f.missing,
                wantsOffer: f.wantsOffer,
                wantsSecondViewing: f.wantsSecondViewing,
                submittedAt: f.submittedAt.toISOString(),
              }
            : null,
        })),
        messages: found.messages.map((m) => ({
          id: m.id,
          participantId: m.participantId,
          kind: m.kind,
          channel: m.channel,
          status: m.status,
          detail: m.detail,
          hasIcs: m.ics !== null,
          createdAt: m.createdAt.toISOString(),
        })),
        mailDelivery: platform.mail.online ? ('online' as const) : ('offline' as const),
      };
    },
  );

  app.put(
    '/:viewingId/details',
    {
      config: { access: { permission: 'viewings.write' } },
      schema: {
        tags: ['viewings'],
        summary: 'Meeting point, visitors per slot and whether visitors may book it on the public page',
        params: viewingParams,
        body: detailsBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const { viewingId } = request.params;
      await ctx.db(async (tx) => {
        const [row] = await tx
          .select({ viewing, status: property.status })
          .from(viewing)
          .innerJoin(property, eq(property.id, viewing.propertyId))
          .where(eq(viewing.id, viewingId));
        if (!row) throw notFound('Besichtigung');
        if (request.body.bookable) {
          if (!PUBLIC_STATUSES.includes(row.status as PropertyStatus))
            throw conflict(
              'listing_not_public',
              'Buchbare Termine gibt es nur für Objekte, die aktiv vermarktet werden (aktiv oder reserviert).',
            );
          if (row.viewing.status !== 'geplant' || row.viewing.startsAt.getTime() < Date.now())
            throw conflict('slot_closed', 'Nur künftige, geplante Termine können buchbar sein.');
        }
        const active = await tx
          .select({ id: viewingParticipant.id })
          .from(viewingParticipant)
          .where(and(eq(viewingParticipant.viewingId, viewingId), isNull(viewingParticipant.removedAt)));
        if (request.body.capacity < active.length)
          throw conflict(
            'capacity_below_visitors',
            `Es sind bereits ${active.length} Besucher eingeladen; die Gruppengröße kann nicht darunter liegen.`,
          );
        await tx
          .insert(viewingDetails)
          .values({ viewingId, tenantId: ctx.tenantId, ...request.body })
          .onConflictDoUpdate({ target: viewingDetails.viewingId, set: request.body });
        await recordAudit(tx, ctx.actor, {
          entity: 'viewing',
          entityId: viewingId,
          action: 'updated',
          after: request.body,
        });
      });
      // The meeting point is the calendar entry's location.
      await enqueuePush(platform, ctx.tenantId, viewingId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/:viewingId/visitors/:participantId/check-in',
    {
      config: { access: { permission: 'viewings.write' } },
      schema: {
        tags: ['viewings'],
        summary: 'The agent confirms the visitor came (evidence for the commission claim)',
        params: visitorParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const checkedIn = await ctx.db(async (tx) => {
        const row = await liveVisitor(tx, request.params.viewingId, request.params.participantId);
        if (row.p.checkedInAt) return null;
        const at = new Date();
        await tx
          .update(viewingParticipant)
          .set({ checkedInAt: at, checkedInBy: 'agent', noShow: false })
          .where(eq(viewingParticipant.id, row.p.id));
        await tx.insert(activity).values({
          tenantId: ctx.tenantId,
          contactId: row.p.contactId,
          propertyId: row.v.propertyId,
          kind: 'besichtigung',
          subject: `Besichtigung wahrgenommen: ${row.title} (Check-in durch ${ctx.auth.user.name})`,
          occurredAt: at,
          userId: ctx.auth.user.id,
          userName: ctx.auth.user.name,
        });
        await recordAudit(tx, ctx.actor, {
          entity: 'viewing',
          entityId: row.v.id,
          action: 'updated',
          after: { checkIn: row.p.contactId, by: 'agent' },
        });
        return { viewingId: row.v.id, propertyId: row.v.propertyId, contactId: row.p.contactId };
      });
      if (checkedIn)
        platform.events.emit('viewing.visitor_checked_in', ctx.tenantId, checkedIn, ctx.auth.user.id);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/:viewingId/visitors/:participantId/no-show',
    {
      config: { access: { permission: 'viewings.write' } },
      schema: {
        tags: ['viewings'],
        summary: 'Record (or withdraw) that a visitor did not come',
        params: visitorParams,
        body: z.object({ noShow: z.boolean() }).strict(),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      await ctx.db(async (tx) => {
        const row = await liveVisitor(tx, request.params.viewingId, request.params.participantId);
        if (request.body.noShow && row.p.checkedInAt)
          throw conflict('checked_in', 'Der Besucher ist eingecheckt und war also da.');
        if (request.body.noShow && row.v.startsAt.getTime() > Date.now())
          throw conflict('not_started', 'Ein Nichterscheinen lässt sich erst ab Terminbeginn vermerken.');
        await tx
          .update(viewingParticipant)
          .set({ noShow: request.body.noShow })
          .where(eq(viewingParticipant.id, row.p.id));
        await recordAudit(tx, ctx.actor, {
          entity: 'viewing',
          entityId: row.v.id,
          action: 'updated',
          after: { noShow: request.body.noShow, contactId: row.p.contactId },
        });
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/:viewingId/qr-codes',
    {
      config: { access: { permission: 'viewings.read' } },
      schema: {
        tags: ['viewings'],
        summary: 'A printable page with every visitor’s check-in QR code',
        params: viewingParams,
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const found = await ctx.db(async (tx) => {
        const context = await loadViewingContext(tx, request.params.viewingId);
        if (!context) throw notFound('Besichtigung');
        return context;
      });
      const office = await officeInfo(platform, ctx.tenantId);
      const cards = await Promise.all(
        found.visitors.map(async (v) => {
          const url = `${visitorUrl(platform, v.token)}/check-in`;
          const svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
          return `<div class="card" style="break-inside:avoid;display:flex;gap:18px;align-items:center"><div style="width:150px;flex:none">${svg}</div><div><strong>${escapeHtml(v.name)}</strong><br><span style="font-size:.85rem;color:#475569;word-break:break-all">${escapeHtml(url)}</span></div></div>`;
        }),
      );
      const when = `${formatDateTime(found.viewing.startsAt)} Uhr`;
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .send(
          page(
            office,
            `Check-in-Codes: ${found.property.title}`,
            `<h1>Check-in: ${escapeHtml(found.property.title)}</h1><p>${escapeHtml(when)} · ${escapeHtml(found.meetingPoint)}</p><p>Jeder Code gehört zu einem Besucher: scannen, „Jetzt einchecken“ tippen – Datum, Uhrzeit, Person und Objekt werden als Nachweis gespeichert.</p>${cards.join('') || '<p>Noch keine Besucher.</p>'}`,
          ),
        );
    },
  );

  app.get(
    '/messages/:messageId/ics',
    {
      config: { access: { permission: 'viewings.read' } },
      schema: {
        tags: ['viewings'],
        summary: 'The calendar file an invitation, update or cancellation carried',
        params: z.object({ messageId: z.string().uuid() }),
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const [m] = await ctx.db((tx) =>
        tx
          .select({ ics: viewingMessage.ics, kind: viewingMessage.kind })
          .from(viewingMessage)
          .where(inArray(viewingMessage.id, [request.params.messageId])),
      );
      if (!m?.ics) throw notFound('Kalenderdatei');
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${m.kind}.ics"`)
        .send(m.ics);
    },
  );
};

/** A visitor of the viewing who has not been removed, with the viewing and the property's title. */
async function liveVisitor(tx: Tx, viewingId: string, participantId: string) {
  const [row] = await tx
    .select({ p: viewingParticipant, v: viewing, title: property.title })
    .from(viewingParticipant)
    .innerJoin(viewing, eq(viewing.id, viewingParticipant.viewingId))
    .innerJoin(property, eq(property.id, viewing.propertyId))
    .where(
      and(
        eq(viewingParticipant.id, participantId),
        eq(viewingParticipant.viewingId, viewingId),
        isNull(viewingParticipant.removedAt),
      ),
    );
  if (!row) throw notFound('Besucher');
  return row;
}
