import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { tenant } from '../../../platform/auth/auth.schema.js';
import type { Platform } from '../../../platform/kernel.js';
import { contact, property } from '../../crm/schema.js';
import { TRACKABLE_KINDS } from '../domain/lead-facts.js';
import { trackingVisitor } from '../schema.js';
import { cookieSuffix, verifyContactRef } from './contact-ref.js';
import { linkVisitor, recordLeadEvents } from './record-events.js';
import { CONSENT_VERSION, TRACKER_SCRIPT } from './tracker-script.js';

const VISITOR_DAYS = 180;
const uuid = z.string().uuid();
const consentBody = z.object({ t: z.string().min(1).max(100), r: z.string().max(200).optional() });
const eventBody = z.object({
  t: z.string().min(1).max(100),
  k: z.enum(TRACKABLE_KINDS),
  p: uuid.optional(),
  s: z.string().max(64).optional(),
  v: z.number().int().min(0).max(86_400).optional(),
  r: z.string().max(200).optional(),
});

function cookies(request: FastifyRequest): Map<string, string> {
  const header = request.headers.cookie ?? '';
  const jar = new Map<string, string>();
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    try {
      jar.set(part.slice(0, at).trim(), decodeURIComponent(part.slice(at + 1).trim()));
    } catch {
      // A malformed cookie of some other site script is no reason to fail.
    }
  }
  return jar;
}

/** The visitor id of this office's analytics cookie, only while the consent cookie says yes. */
function consentedVisitor(request: FastifyRequest, tenantId: string): string | null {
  const jar = cookies(request);
  const suffix = cookieSuffix(tenantId);
  if (jar.get(`ixx_c_${suffix}`) !== 'ja') return null;
  const id = jar.get(`ixx_v_${suffix}`);
  return id && uuid.safeParse(id).success ? id : null;
}

function bodyOf(request: FastifyRequest): unknown {
  // sendBeacon posts text/plain, which Fastify hands over as a string.
  if (typeof request.body !== 'string') return request.body;
  try {
    return JSON.parse(request.body);
  } catch {
    return null;
  }
}

const badRequest = (reply: FastifyReply, message: string) =>
  reply.status(400).send({ error: { code: 'bad_request', message, details: null } });

/**
 * Public endpoints of the tracker: the script, consent, events, withdrawal. Without the
 * consent cookie and a visitor recorded with consent, an event is acknowledged and dropped:
 * nothing about the visit is stored.
 */
export const trackingRoutes: FastifyPluginAsync<{ platform: Platform }> = async (app, { platform }) => {
  const secure = platform.publicUrl.startsWith('https://');
  const visitorCookie = (tenantId: string, value: string, days: number) =>
    `ixx_v_${cookieSuffix(tenantId)}=${value}; Max-Age=${days * 86_400}; Path=/; SameSite=Lax${secure ? '; Secure' : ''}`;
  const tenantExists = async (tenantId: string) =>
    (await platform.database.db.select({ id: tenant.id }).from(tenant).where(eq(tenant.id, tenantId)))
      .length > 0;

  app.get('/t/tracker.js', async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(TRACKER_SCRIPT),
  );

  app.post(
    '/t/einwilligung',
    { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const parsed = consentBody.safeParse(bodyOf(request));
      if (!parsed.success) return badRequest(reply, 'Ungültige Einwilligung.');
      const { t: tenantId, r } = parsed.data;
      if (!(await tenantExists(tenantId)))
        return reply
          .status(404)
          .send({ error: { code: 'not_found', message: 'Unbekanntes Maklerbüro.', details: null } });
      const refContact = verifyContactRef(platform, tenantId, r);
      const known = visitorCookieId(request, tenantId);
      const visitorId = await platform.database.withTenant(tenantId, async (tx) => {
        const contactId = refContact
          ? ((await tx.select({ id: contact.id }).from(contact).where(eq(contact.id, refContact)))[0]?.id ??
            null)
          : null;
        if (known) {
          const [row] = await tx
            .update(trackingVisitor)
            .set({ consentAt: new Date(), consentVersion: CONSENT_VERSION, lastSeenAt: new Date() })
            .where(eq(trackingVisitor.id, known))
            .returning({ id: trackingVisitor.id });
          if (row) return row.id;
        }
        const [created] = await tx
          .insert(trackingVisitor)
          .values({ tenantId, consentAt: new Date(), consentVersion: CONSENT_VERSION, contactId })
          .returning({ id: trackingVisitor.id });
        return created!.id;
      });
      if (refContact) await linkVisitor(platform, tenantId, visitorId, refContact);
      return reply
        .status(201)
        .header('set-cookie', visitorCookie(tenantId, visitorId, VISITOR_DAYS))
        .header('cache-control', 'no-store')
        .send({ visitorId, consentVersion: CONSENT_VERSION });
    },
  );

  app.post(
    '/t/ereignis',
    { config: { rateLimit: { max: 240, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const parsed = eventBody.safeParse(bodyOf(request));
      if (!parsed.success) return badRequest(reply, 'Ungültiges Ereignis.');
      const e = parsed.data;
      const visitorId = consentedVisitor(request, e.t);
      // No consent, no record: answered like a stored event, so the page behaves the same.
      if (!visitorId) return reply.status(204).send();
      const found = await platform.database
        .withTenant(e.t, async (tx) => {
          const [visitor] = await tx
            .update(trackingVisitor)
            .set({ lastSeenAt: new Date() })
            .where(eq(trackingVisitor.id, visitorId))
            .returning({ id: trackingVisitor.id, contactId: trackingVisitor.contactId });
          if (!visitor) return null;
          const [listing] = e.p
            ? await tx
                .select({ id: property.id })
                .from(property)
                .where(and(eq(property.id, e.p)))
            : [];
          return { visitor, propertyId: listing?.id ?? null };
        })
        .catch(() => null);
      if (!found) return reply.status(204).send();
      let contactId = found.visitor.contactId;
      const refContact = contactId ? null : verifyContactRef(platform, e.t, e.r);
      if (refContact && (await linkVisitor(platform, e.t, visitorId, refContact))) contactId = refContact;
      await recordLeadEvents(platform, e.t, [
        {
          contactId,
          visitorId,
          kind: e.k,
          propertyId: found.propertyId,
          session: e.s ?? null,
          value: e.v ?? null,
          source: 'tracking',
        },
      ]);
      return reply.status(204).send();
    },
  );

  app.post(
    '/t/widerruf',
    { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const parsed = consentBody.safeParse(bodyOf(request));
      if (!parsed.success) return badRequest(reply, 'Ungültiger Widerruf.');
      const tenantId = parsed.data.t;
      const visitorId = visitorCookieId(request, tenantId);
      // Withdrawal erases what the consent allowed: the visitor and its events (cascade).
      if (visitorId && (await tenantExists(tenantId)))
        await platform.database.withTenant(tenantId, (tx) =>
          tx.delete(trackingVisitor).where(eq(trackingVisitor.id, visitorId)),
        );
      return reply
        .status(204)
        .header('set-cookie', visitorCookie(tenantId, '', 0))
        .send();
    },
  );
};

/** The visitor cookie whatever the consent cookie says (withdrawal, renewed consent). */
function visitorCookieId(request: FastifyRequest, tenantId: string): string | null {
  const id = cookies(request).get(`ixx_v_${cookieSuffix(tenantId)}`);
  return id && uuid.safeParse(id).success ? id : null;
}
