import formbody from '@fastify/formbody';
import { and, count, eq, gt, inArray, isNull, lt } from 'drizzle-orm';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { Platform } from '../../../platform/kernel.js';
import { withPublicPageAddons } from '../../../platform/modules/public-page-addons.js';
import { PUBLIC_STATUSES } from '../../crm/domain/property-lifecycle.js';
import { activity, property, viewing, viewingContact } from '../../crm/schema.js';
import { recordInquiry } from '../../crm/server/lead-intake.js';
import { visitorFormFields } from '../../crm/server/visitor-form-fields.js';
import '../events.js';
import { viewingIcs } from '../domain/viewing-ics.js';
import { viewingUid } from '../domain/visitor-message-text.js';
import { calendarBusy, viewingDetails, viewingFeedback, viewingParticipant } from '../schema.js';
import { enqueuePush } from './calendar/calendar-jobs.js';
import { syncVisitors } from './participant-sync.js';
import { agentOf, loadViewingContext, officeInfo } from './viewing-context.js';
import {
  type BookingSlot,
  type FeedbackValues,
  renderBookingPage,
  renderCheckInPage,
  renderFeedbackPage,
  renderVisitorPage,
  type VisitorPageModel,
} from './visitor-pages-html.js';
import { rescheduleVisitors } from './visitor-schedule.js';

/** Check-in opens an hour before the start and closes three hours after the end. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CHECK_IN_OPENS_MS = 60 * 60_000;
const CHECK_IN_CLOSES_MS = 3 * 60 * 60_000;

const feedbackForm = z.object({
  interest: z.coerce
    .number({ message: 'Bitte wählen Sie aus, wie groß Ihr Interesse ist.' })
    .int()
    .min(1, 'Bitte wählen Sie aus, wie groß Ihr Interesse ist.')
    .max(5),
  priceOpinion: z.enum(['zu_hoch', 'angemessen', 'guenstig']).optional(),
  missing: z.string().trim().max(2000, 'Bitte fassen Sie sich kürzer (höchstens 2.000 Zeichen).').default(''),
  wantsOffer: z.literal('ja').optional(),
  wantsSecondViewing: z.literal('ja').optional(),
});

const bookingForm = z.object({
  slot: z.string().uuid('Bitte wählen Sie einen Termin.'),
  ...visitorFormFields,
});

/**
 * The visitor's pages, reached by the token in the invitation (no login): confirm or cancel, the
 * calendar file, QR check-in and the feedback form; and the property's public booking page.
 */
export const visitorPageRoutes: FastifyPluginAsync<{ platform: Platform }> = async (app, { platform }) => {
  await app.register(formbody, { bodyLimit: 32_768 });

  const html = (reply: FastifyReply, body: string, status = 200) =>
    reply
      .status(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .send(body);
  const notFoundPage = (reply: FastifyReply) =>
    html(
      reply,
      '<!doctype html><html lang="de"><meta charset="utf-8"><meta name="robots" content="noindex"><title>Nicht gefunden</title><body style="font-family:system-ui;padding:40px"><h1>Dieser Link ist nicht (mehr) gültig.</h1><p>Bitte wenden Sie sich an das Maklerbüro, von dem Sie ihn erhalten haben.</p></body></html>',
      404,
    );
  const officeOf = (tenantId: string) => officeInfo(platform, tenantId);

  /** The visitor behind a token with their viewing; tokens are looked up across offices. */
  async function visit(token: string) {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
    const [p] = await platform.database.db
      .select()
      .from(viewingParticipant)
      .where(eq(viewingParticipant.token, token));
    if (!p) return null;
    const found = await platform.database.withTenant(p.tenantId, async (tx) => {
      const ctx = await loadViewingContext(tx, p.viewingId);
      const [feedback] = await tx
        .select()
        .from(viewingFeedback)
        .where(eq(viewingFeedback.participantId, p.id));
      return { ctx, feedback: feedback ?? null };
    });
    if (!found.ctx) return null;
    const agent = await agentOf(platform, found.ctx.viewing.agentId);
    const base = `/termin/${token}`;
    const visitor = found.ctx.visitors.find((v) => v.participantId === p.id);
    const model: VisitorPageModel = {
      office: await officeOf(p.tenantId),
      base,
      propertyTitle: found.ctx.property.title,
      startsAt: found.ctx.viewing.startsAt,
      endsAt: found.ctx.viewing.endsAt,
      meetingPoint: found.ctx.meetingPoint,
      agentName: agent?.name ?? null,
      visitorName: visitor?.name ?? '',
      response: p.response,
      cancelled: found.ctx.viewing.status === 'abgesagt' || p.removedAt !== null,
      checkedInAt: p.checkedInAt,
      ended: found.ctx.viewing.endsAt.getTime() < Date.now(),
      hasFeedback: found.feedback !== null,
      qrSvg: await QRCode.toString(`${platform.publicUrl}${base}/check-in`, {
        type: 'svg',
        margin: 1,
        errorCorrectionLevel: 'M',
      }),
    };
    return { participant: p, ctx: found.ctx, feedback: found.feedback, model, agent };
  }
  type TokenParams = { Params: { token: string } };
  type FormBody = { Body: Record<string, string> };
  const formOf = (body: unknown): Record<string, string> =>
    typeof body === 'object' && body !== null ? (body as Record<string, string>) : {};

  app.get<TokenParams>('/termin/:token', async (request, reply) => {
    const found = await visit(request.params.token);
    if (!found) return notFoundPage(reply);
    return html(
      reply,
      await withPublicPageAddons(platform, renderVisitorPage(found.model), {
        tenantId: found.participant.tenantId,
        kind: 'visitor',
        propertyId: found.ctx.property.id,
        // The viewing link is the visitor's own.
        contactId: found.participant.contactId,
      }),
    );
  });

  app.post<TokenParams & FormBody>(
    '/termin/:token/antwort',
    { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const found = await visit(request.params.token);
      if (!found) return notFoundPage(reply);
      const answer = formOf(request.body).antwort;
      if (answer !== 'bestaetigen' && answer !== 'absagen')
        return html(
          reply,
          renderVisitorPage(found.model, 'Bitte wählen Sie „bestätigen“ oder „absagen“.'),
          400,
        );
      if (found.model.cancelled || found.model.ended)
        return html(
          reply,
          renderVisitorPage(found.model, 'Dieser Termin kann nicht mehr beantwortet werden.'),
          409,
        );
      const response = answer === 'bestaetigen' ? 'bestaetigt' : 'abgesagt';
      const p = found.participant;
      if (p.response !== response)
        await platform.database.withTenant(p.tenantId, async (tx) => {
          await tx
            .update(viewingParticipant)
            .set({ response, respondedAt: new Date() })
            .where(eq(viewingParticipant.id, p.id));
          // A visitor who cancelled is not reminded any more; one who confirms again is.
          await rescheduleVisitors(tx, p.tenantId, [p.viewingId]);
          await tx.insert(activity).values({
            tenantId: p.tenantId,
            contactId: p.contactId,
            propertyId: found.ctx.property.id,
            kind: 'besichtigung',
            subject:
              response === 'bestaetigt'
                ? `Besichtigungstermin bestätigt: ${found.ctx.property.title}`
                : `Besichtigungstermin abgesagt (durch den Besucher): ${found.ctx.property.title}`,
            occurredAt: new Date(),
            userName: 'Besucher (Terminlink)',
          });
        });
      return reply.redirect(`/termin/${request.params.token}`, 303);
    },
  );

  app.get<TokenParams>('/termin/:token/kalender.ics', async (request, reply) => {
    const found = await visit(request.params.token);
    if (!found) return notFoundPage(reply);
    const m = found.model;
    const ics = viewingIcs({
      uid: viewingUid(found.ctx.viewing.id),
      sequence: found.participant.sequence,
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      summary: `Besichtigung: ${m.propertyTitle}`,
      location: m.meetingPoint,
      description: `${platform.publicUrl}${m.base}`,
      url: `${platform.publicUrl}${m.base}`,
      organizer: {
        name: found.agent?.name ?? m.office.name,
        email: found.agent?.email ?? m.office.email ?? 'noreply@immoxx.invalid',
      },
      attendee: null,
      method: m.cancelled ? 'CANCEL' : 'PUBLISH',
    });
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'attachment; filename="besichtigung.ics"')
      .header('cache-control', 'private, no-store')
      .send(ics);
  });

  const checkInState = (found: NonNullable<Awaited<ReturnType<typeof visit>>>) => {
    if (found.participant.checkedInAt) return 'done' as const;
    const now = Date.now();
    if (now < found.ctx.viewing.startsAt.getTime() - CHECK_IN_OPENS_MS) return 'too_early' as const;
    if (now > found.ctx.viewing.endsAt.getTime() + CHECK_IN_CLOSES_MS) return 'too_late' as const;
    return 'ready' as const;
  };

  app.get<TokenParams>('/termin/:token/check-in', async (request, reply) => {
    const found = await visit(request.params.token);
    if (!found) return notFoundPage(reply);
    if (found.model.cancelled) return html(reply, renderVisitorPage(found.model), 409);
    return html(reply, renderCheckInPage(found.model, checkInState(found)));
  });

  // A POST, so that link previews and mail scanners opening the QR link check nobody in.
  app.post<TokenParams>(
    '/termin/:token/check-in',
    { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const found = await visit(request.params.token);
      if (!found) return notFoundPage(reply);
      if (found.model.cancelled) return html(reply, renderVisitorPage(found.model), 409);
      const state = checkInState(found);
      if (state === 'too_early' || state === 'too_late')
        return html(reply, renderCheckInPage(found.model, state), 409);
      if (state === 'ready') {
        const p = found.participant;
        const at = new Date();
        const fresh = await platform.database.withTenant(p.tenantId, async (tx) => {
          const updated = await tx
            .update(viewingParticipant)
            .set({ checkedInAt: at, checkedInBy: 'visitor', noShow: false })
            .where(and(eq(viewingParticipant.id, p.id), isNull(viewingParticipant.checkedInAt)))
            .returning({ id: viewingParticipant.id });
          if (updated.length === 0) return false;
          await tx.insert(activity).values({
            tenantId: p.tenantId,
            contactId: p.contactId,
            propertyId: found.ctx.property.id,
            kind: 'besichtigung',
            subject: `Besichtigung wahrgenommen: ${found.ctx.property.title} (QR-Check-in)`,
            body: `Check-in per Terminlink am ${at.toISOString()}, Termin ${found.ctx.viewing.startsAt.toISOString()}.`,
            occurredAt: at,
            userName: 'Besucher (QR-Check-in)',
          });
          return true;
        });
        if (fresh)
          platform.events.emit('viewing.visitor_checked_in', p.tenantId, {
            viewingId: found.ctx.viewing.id,
            propertyId: found.ctx.property.id,
            contactId: p.contactId,
          });
        found.model.checkedInAt = at;
      }
      return html(reply, renderCheckInPage(found.model, 'done'));
    },
  );

  const feedbackValues = (f: typeof viewingFeedback.$inferSelect | null): FeedbackValues =>
    f
      ? {
          interest: String(f.interest),
          priceOpinion: f.priceOpinion ?? undefined,
          missing: f.missing,
          wantsOffer: f.wantsOffer,
          wantsSecondViewing: f.wantsSecondViewing,
        }
      : {};

  app.get<TokenParams>('/termin/:token/feedback', async (request, reply) => {
    const found = await visit(request.params.token);
    if (!found) return notFoundPage(reply);
    if (found.model.cancelled) return html(reply, renderVisitorPage(found.model), 409);
    return html(
      reply,
      renderFeedbackPage(found.model, feedbackValues(found.feedback), { error: null, saved: false }),
    );
  });

  app.post<TokenParams & FormBody>(
    '/termin/:token/feedback',
    { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const found = await visit(request.params.token);
      if (!found) return notFoundPage(reply);
      if (found.model.cancelled) return html(reply, renderVisitorPage(found.model), 409);
      const body = formOf(request.body);
      const values: FeedbackValues = {
        interest: body.interest,
        priceOpinion: body.priceOpinion,
        missing: body.missing,
        wantsOffer: body.wantsOffer === 'ja',
        wantsSecondViewing: body.wantsSecondViewing === 'ja',
      };
      if (found.ctx.viewing.startsAt.getTime() > Date.now())
        return html(
          reply,
          renderFeedbackPage(found.model, values, {
            error: 'Feedback ist nach dem Termin möglich.',
            saved: false,
          }),
          409,
        );
      const parsed = feedbackForm.safeParse(body);
      if (!parsed.success)
        return html(
          reply,
          renderFeedbackPage(found.model, values, {
            error: parsed.error.issues.map((i) => i.message).join(' '),
            saved: false,
          }),
          400,
        );
      const p = found.participant;
      const answer = {
        interest: parsed.data.interest,
        priceOpinion: parsed.data.priceOpinion ?? null,
        missing: parsed.data.missing,
        wantsOffer: parsed.data.wantsOffer === 'ja',
        wantsSecondViewing: parsed.data.wantsSecondViewing === 'ja',
      };
      await platform.database.withTenant(p.tenantId, async (tx) => {
        await tx
          .insert(viewingFeedback)
          .values({ participantId: p.id, tenantId: p.tenantId, viewingId: p.viewingId, ...answer })
          .onConflictDoUpdate({
            target: viewingFeedback.participantId,
            set: { ...answer, submittedAt: new Date() },
          });
        const wishes = [
          answer.wantsOffer ? 'möchte ein Angebot' : null,
          answer.wantsSecondViewing ? 'wünscht 2. Besichtigung' : null,
        ]
          .filter(Boolean)
          .join(', ');
        await tx.insert(activity).values({
          tenantId: p.tenantId,
          contactId: p.contactId,
          propertyId: found.ctx.property.id,
          kind: 'notiz',
          subject: `Feedback zur Besichtigung: Interesse ${answer.interest}/5${wishes ? ` – ${wishes}` : ''}`,
          body: [
            answer.priceOpinion
              ? `Preis: ${{ zu_hoch: 'zu hoch', angemessen: 'angemessen', guenstig: 'günstig' }[answer.priceOpinion]}`
              : null,
            answer.missing ? `Gefehlt hat: ${answer.missing}` : null,
          ]
            .filter(Boolean)
            .join('\n'),
          occurredAt: new Date(),
          userName: 'Besucher (Feedbackformular)',
        });
      });
      platform.events.emit('viewing.feedback_received', p.tenantId, {
        viewingId: p.viewingId,
        propertyId: found.ctx.property.id,
        contactId: p.contactId,
        interest: answer.interest,
        wantsOffer: answer.wantsOffer,
      });
      return html(
        reply,
        renderFeedbackPage(
          found.model,
          feedbackValues({
            ...answer,
            participantId: p.id,
            tenantId: p.tenantId,
            viewingId: p.viewingId,
            submittedAt: new Date(),
          }),
          {
            error: null,
            saved: true,
          },
        ),
      );
    },
  );

  // ── Public booking page of a property: bookable group slots ──────────────────────────────
  async function listing(slug: string) {
    const [row] = await platform.database.db
      .select({ id: property.id, tenantId: property.tenantId, status: property.status })
      .from(property)
      .where(eq(property.slug, slug));
    if (!row || !PUBLIC_STATUSES.includes(row.status as (typeof PUBLIC_STATUSES)[number])) return null;
    return platform.database.withTenant(row.tenantId, async (tx) => {
      const [p] = await tx.select().from(property).where(eq(property.id, row.id));
      if (!p) return null;
      const slots = await tx
        .select({ viewing, capacity: viewingDetails.capacity })
        .from(viewing)
        .innerJoin(viewingDetails, eq(viewingDetails.viewingId, viewing.id))
        .where(
          and(
            eq(viewing.propertyId, p.id),
            eq(viewing.status, 'geplant'),
            eq(viewingDetails.bookable, true),
            gt(viewing.startsAt, new Date()),
          ),
        )
        .orderBy(viewing.startsAt)
        .limit(50);
      const taken = slots.length
        ? await tx
            .select({ viewingId: viewingContact.viewingId, n: count() })
            .from(viewingContact)
            .where(
              inArray(
                viewingContact.viewingId,
                slots.map((s) => s.viewing.id),
              ),
            )
            .groupBy(viewingContact.viewingId)
        : [];
      const takenOf = new Map(taken.map((t) => [t.viewingId, t.n]));
      // A slot the agent's own calendar has meanwhile filled (a dentist's appointment) is not offered.
      const agents = [...new Set(slots.map((s) => s.viewing.agentId).filter((a): a is string => a !== null))];
      const busy = agents.length
        ? await tx
            .select()
            .from(calendarBusy)
            .where(
              and(
                inArray(calendarBusy.userId, agents),
                gt(calendarBusy.endsAt, new Date()),
                lt(calendarBusy.startsAt, slots.at(-1)?.viewing.endsAt ?? new Date()),
              ),
            )
        : [];
      const blocked = (v: typeof viewing.$inferSelect) =>
        busy.some((b) => b.userId === v.agentId && b.startsAt < v.endsAt && b.endsAt > v.startsAt);
      const open: BookingSlot[] = slots
        .filter((s) => !blocked(s.viewing))
        .map((s) => ({
          viewingId: s.viewing.id,
          startsAt: s.viewing.startsAt,
          endsAt: s.viewing.endsAt,
          free: s.capacity - (takenOf.get(s.viewing.id) ?? 0),
        }))
        .filter((s) => s.free > 0);
      return { property: p, slots: open };
    });
  }
  type SlugParams = { Params: { slug: string } };

  app.get<SlugParams>('/buchen/:slug', async (request, reply) => {
    const found = await listing(request.params.slug);
    if (!found) return notFoundPage(reply);
    return html(
      reply,
      await withPublicPageAddons(
        platform,
        renderBookingPage({
          office: await officeOf(found.property.tenantId),
          action: `/buchen/${found.property.slug}`,
          propertyTitle: found.property.title,
          address: [found.property.postalCode, found.property.city].join(' '),
          slots: found.slots,
          values: {},
          error: null,
          booked: null,
        }),
        {
          tenantId: found.property.tenantId,
          kind: 'booking',
          propertyId: found.property.id,
          contactId: null,
        },
      ),
    );
  });

  app.post<SlugParams & FormBody>(
    '/buchen/:slug',
    { config: { rateLimit: { max: 5, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const found = await listing(request.params.slug);
      if (!found) return notFoundPage(reply);
      const p = found.property;
      const values = formOf(request.body);
      const page = async (
        error: string | null,
        status: number,
        booked: BookingSlot | null = null,
        mailed = false,
      ) =>
        html(
          reply,
          renderBookingPage({
            office: await officeOf(p.tenantId),
            action: `/buchen/${p.slug}`,
            propertyTitle: p.title,
            address: [p.postalCode, p.city].join(' '),
            slots: found.slots,
            values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v ?? '')])),
            error,
            booked: booked ? { ...booked, mailed } : null,
          }),
          status,
        );
      const parsed = bookingForm.safeParse(values);
      if (!parsed.success) {
        // Bots fill the hidden field: they see a plain page and nothing is stored.
        if (values.website) return page(null, 200);
        return page(parsed.error.issues.map((i) => i.message).join(' '), 400);
      }
      const slot = found.slots.find((s) => s.viewingId === parsed.data.slot);
      if (!slot)
        return page(
          'Dieser Termin ist ausgebucht oder nicht mehr buchbar. Bitte wählen Sie einen anderen.',
          409,
        );
      const settings = await platform.tenantSettings.get(p.tenantId);
      const { contactId } = await recordInquiry(platform, p.tenantId, {
        propertyId: p.id,
        propertyTitle: p.title,
        name: parsed.data.name,
        email: parsed.data.email,
        phone: parsed.data.phone,
        message: `Buchung des Besichtigungstermins ${slot.startsAt.toISOString()} über die Buchungsseite.`,
        source: 'website',
        consentText: `Organisation der Besichtigung von Objekt ${p.externalId} durch ${settings?.displayName ?? 'das Maklerbüro'} (Buchungsseite)`,
        // Put into the form by the analytics script only after the visitor consented to it.
        visitorId: UUID.test(values.ixx_visitor ?? '') ? values.ixx_visitor : null,
      });
      // The slot row is locked while counting, so two last-minute bookings cannot both take the last place.
      const outcome = await platform.database.withTenant(p.tenantId, async (tx) => {
        const [details] = await tx
          .select()
          .from(viewingDetails)
          .where(eq(viewingDetails.viewingId, slot.viewingId))
          .for('update');
        if (!details?.bookable) return 'closed' as const;
        const taken = await tx
          .select({ contactId: viewingContact.contactId })
          .from(viewingContact)
          .where(eq(viewingContact.viewingId, slot.viewingId));
        if (taken.some((t) => t.contactId === contactId)) return 'already' as const;
        if (taken.length >= details.capacity) return 'full' as const;
        await tx
          .insert(viewingContact)
          .values({ tenantId: p.tenantId, viewingId: slot.viewingId, contactId });
        return 'booked' as const;
      });
      if (outcome === 'full' || outcome === 'closed')
        return page('Dieser Termin ist inzwischen ausgebucht. Bitte wählen Sie einen anderen.', 409);
      if (outcome === 'already') return page(null, 200, slot, true);
      platform.events.emit('viewing.booked', p.tenantId, {
        viewingId: slot.viewingId,
        propertyId: p.id,
        contactId,
      });
      const sent = await syncVisitors(platform, p.tenantId, slot.viewingId, ['visitors']);
      await enqueuePush(platform, p.tenantId, slot.viewingId);
      return page(null, 201, slot, sent > 0 && platform.mail.online);
    },
  );
};
