import formbody from '@fastify/formbody';
import { and, asc, count, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import sharp from 'sharp';
import { z } from 'zod';
import { tenant } from '../../../platform/auth/auth.schema.js';
import { FileNotFoundError } from '../../../platform/files/file-storage.js';
import type { Platform } from '../../../platform/kernel.js';
import { mailOutbox } from '../../../platform/mail/mail.schema.js';
import { withPublicPageAddons } from '../../../platform/modules/public-page-addons.js';
import { publicOffice } from '../../../platform/tenancy/public-office.js';
import { PUBLIC_STATUSES } from '../domain/property-lifecycle.js';
import { property, propertyMedia } from '../schema.js';
import { exposePdfFor } from './expose-service.js';
import { recordInquiry } from './lead-intake.js';
import { MediaService } from './media-service.js';
import type { PropertyRow } from './property-view.js';
import { renderPublicListing } from './public-listing-html.js';
import {
  acknowledgeExposeTerms,
  findExposeAccess,
  issueExposeLink,
  recordExposeView,
} from './secured-expose.js';
import { type OfficeInfo, renderExposeTerms, renderFullExpose } from './secured-expose-html.js';
import { visitorFormFields } from './visitor-form-fields.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The hidden form field the lead-scoring tracker fills with its visitor id (tracker.js). */
const VISITOR_FIELD = 'ixx_visitor';

/** Exposé e-mails one address receives from contact forms per day, across all offices. */
const EXPOSE_MAILS_PER_ADDRESS_AND_DAY = 3;

async function exposeMailsToday(platform: Platform, email: string): Promise<number> {
  const [row] = await platform.database.db
    .select({ n: count() })
    .from(mailOutbox)
    .where(
      and(
        eq(mailOutbox.toAddress, email),
        eq(mailOutbox.purpose, 'crm.expose-link'),
        gt(mailOutbox.createdAt, new Date(Date.now() - 86_400_000)),
      ),
    );
  return row?.n ?? 0;
}

const inquiryForm = z.object({
  ...visitorFormFields,
  message: z.string().trim().max(4000).default(''),
});

/**
 * Public pages outside /api: the listing at /p/<slug>, its images, and the contact form.
 * Only listings in a public status are reachable; everything else is a plain 404.
 */
export const publicListingRoutes: FastifyPluginAsync<{ platform: Platform }> = async (app, { platform }) => {
  await app.register(formbody, { bodyLimit: 32_768 });
  const db = platform.database.db;
  const findPublic = async (slug: string): Promise<PropertyRow | undefined> => {
    // A deactivated office shows nothing to the public: its listings, images and forms are gone with it.
    const [row] = await db
      .select({ property })
      .from(property)
      .innerJoin(tenant, eq(tenant.id, property.tenantId))
      .where(
        and(
          eq(property.slug, slug),
          inArray(property.status, [...PUBLIC_STATUSES]),
          isNull(tenant.deactivatedAt),
        ),
      );
    return row?.property;
  };
  const notFoundPage = (reply: FastifyReply) =>
    reply
      .status(404)
      .type('text/html; charset=utf-8')
      .send(
        '<!doctype html><html lang="de"><meta charset="utf-8"><title>Nicht gefunden</title><body style="font-family:system-ui;padding:40px"><h1>Dieses Angebot ist nicht (mehr) verfügbar.</h1></body></html>',
      );

  const render = async (
    reply: FastifyReply,
    row: PropertyRow,
    form: { sent: boolean; received?: boolean; error: string | null; values: Record<string, string> },
    status = 200,
  ) => {
    const [media, settings, embeds] = await Promise.all([
      db
        .select()
        .from(propertyMedia)
        .where(eq(propertyMedia.propertyId, row.id))
        .orderBy(asc(propertyMedia.position)),
      platform.tenantSettings.get(row.tenantId),
      Promise.all(
        [...platform.moduleServers.values()].map((server) =>
          server.publicListingEmbeds ? server.publicListingEmbeds(platform, row.tenantId, row.id) : [],
        ),
      ).then((lists) => lists.flat()),
    ]);
    const photos = media
      .filter((m) => m.kind === 'photo')
      .sort((a, b) => Number(b.isTitle) - Number(a.isTitle));
    const html = renderPublicListing({
      property: row,
      images: photos,
      floorplans: media.filter((m) => m.kind === 'floorplan'),
      office: {
        ...publicOffice(settings, platform.publicUrl),
        address: settings?.address ?? null,
        primaryColor: settings?.primaryColor ?? '#0f766e',
      },
      baseUrl: platform.publicUrl,
      form,
      embeds,
    });
    const page = await withPublicPageAddons(platform, html, {
      tenantId: row.tenantId,
      kind: 'listing',
      propertyId: row.id,
      contactId: null,
    });
    return reply
      .status(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'public, max-age=60')
      .send(page);
  };

  app.get<{ Params: { slug: string }; Querystring: { anfrage?: string } }>(
    '/p/:slug',
    async (request, reply) => {
      const row = await findPublic(request.params.slug);
      if (!row) return notFoundPage(reply);
      return render(reply, row, {
        sent: request.query.anfrage === 'gesendet',
        received: request.query.anfrage === 'eingegangen',
        error: null,
        values: {},
      });
    },
  );

  app.get<{ Params: { slug: string; mediaId: string; variant: string } }>(
    '/p/:slug/bild/:mediaId/:variant',
    async (request, reply) => {
      const { slug, mediaId, variant } = request.params;
      if (!['web', 'thumb', 'jpg'].includes(variant) || !/^[0-9a-f-]{36}$/.test(mediaId))
        return notFoundPage(reply);
      const row = await findPublic(slug);
      if (!row) return notFoundPage(reply);
      const [media] = await db
        .select()
        .from(propertyMedia)
        .where(and(eq(propertyMedia.id, mediaId), eq(propertyMedia.propertyId, row.id)));
      if (!media) return notFoundPage(reply);
      // Instagram and others fetch JPEG only: "jpg" is the web size, re-encoded, metadata-free.
      const { key, contentType } = MediaService.variant(media, variant === 'thumb' ? 'thumb' : 'web');
      try {
        if (variant === 'jpg')
          return reply
            .type('image/jpeg')
            .header('cache-control', 'public, max-age=86400')
            .send(
              await sharp(await platform.files.read(key))
                .jpeg({ quality: 88, mozjpeg: true })
                .toBuffer(),
            );
        return reply
          .type(contentType)
          .header('cache-control', 'public, max-age=86400')
          .send(await platform.files.stream(key));
      } catch (error) {
        if (error instanceof FileNotFoundError) return notFoundPage(reply);
        throw error;
      }
    },
  );

  app.post<{ Params: { slug: string }; Body: Record<string, string> }>(
    '/p/:slug/anfrage',
    { config: { rateLimit: { max: 5, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const row = await findPublic(request.params.slug);
      if (!row) return notFoundPage(reply);
      const values = typeof request.body === 'object' && request.body !== null ? request.body : {};
      const parsed = inquiryForm.safeParse(values);
      if (!parsed.success) {
        // Bots fill the hidden field; they get the same thank-you page and nothing is stored.
        if (values.website) return reply.redirect(`/p/${row.slug}?anfrage=gesendet#anfrage`, 303);
        const message = parsed.error.issues.map((i) => i.message).join(' ');
        return render(
          reply,
          row,
          {
            sent: false,
            error: message,
            values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v ?? '')])),
          },
          400,
        );
      }
      const settings = await platform.tenantSettings.get(row.tenantId);
      const { contactId } = await recordInquiry(platform, row.tenantId, {
        propertyId: row.id,
        propertyTitle: row.title,
        name: parsed.data.name,
        email: parsed.data.email,
        phone: parsed.data.phone,
        message: parsed.data.message,
        source: 'website',
        consentText: `Bearbeitung der Anfrage zu Objekt ${row.externalId} durch ${settings?.displayName ?? 'das Maklerbüro'} (Kontaktformular)`,
        // Put into the form by the analytics script only after the visitor consented to it.
        visitorId: UUID.test(values[VISITOR_FIELD] ?? '') ? values[VISITOR_FIELD] : null,
      });
      // Whoever fills in the form names the address: it gets a few links a day, not a flood.
      let mailed = false;
      if ((await exposeMailsToday(platform, parsed.data.email)) < EXPOSE_MAILS_PER_ADDRESS_AND_DAY)
        mailed = (await issueExposeLink(platform, row.tenantId, row, contactId)).delivery === 'queued';
      else request.log.warn('expose link not sent: daily limit for the address reached');
      // Without a mail server the link waits in the outbox: the visitor is not told it was sent.
      return reply.redirect(`/p/${row.slug}?anfrage=${mailed ? 'gesendet' : 'eingegangen'}#anfrage`, 303);
    },
  );

  const officeOf = async (tenantId: string): Promise<OfficeInfo> => {
    const settings = await platform.tenantSettings.get(tenantId);
    return {
      ...publicOffice(settings, platform.publicUrl),
      address: settings?.address ?? null,
      primaryColor: settings?.primaryColor ?? '#0f766e',
    };
  };
  const html = (reply: FastifyReply, body: string, status = 200) =>
    reply
      .status(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .send(body);
  type ExposeParams = { Params: { slug: string; token: string } };

  app.get<ExposeParams>('/p/:slug/expose/:token', async (request, reply) => {
    const found = await findExposeAccess(platform, request.params.slug, request.params.token);
    if (!found) return notFoundPage(reply);
    const office = await officeOf(found.access.tenantId);
    const base = `/p/${found.property.slug}/expose/${request.params.token}`;
    if (!found.access.acknowledgedAt)
      return html(reply, renderExposeTerms({ office, property: found.property, action: base, error: null }));
    await recordExposeView(platform, found.access.id);
    return html(
      reply,
      await withPublicPageAddons(
        platform,
        renderFullExpose({
          office,
          property: found.property,
          pdfUrl: `${base}/expose.pdf`,
          listingUrl: `/p/${found.property.slug}`,
        }),
        // The link is the contact's own: visits it consents to count for that contact.
        {
          tenantId: found.access.tenantId,
          kind: 'expose',
          propertyId: found.property.id,
          contactId: found.access.contactId,
        },
      ),
    );
  });

  app.post<ExposeParams & { Body: Record<string, string> }>(
    '/p/:slug/expose/:token',
    { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const found = await findExposeAccess(platform, request.params.slug, request.params.token);
      if (!found) return notFoundPage(reply);
      const base = `/p/${found.property.slug}/expose/${request.params.token}`;
      const body = typeof request.body === 'object' && request.body !== null ? request.body : {};
      if (body.widerruf !== 'ja' || body.provision !== 'ja' || body.datenschutz !== 'ja') {
        const office = await officeOf(found.access.tenantId);
        return html(
          reply,
          renderExposeTerms({
            office,
            property: found.property,
            action: base,
            error: 'Bitte bestätigen Sie alle drei Punkte, um das Exposé zu öffnen.',
          }),
          400,
        );
      }
      await acknowledgeExposeTerms(platform, found, {
        ip: request.ip,
        userAgent: String(request.headers['user-agent'] ?? ''),
      });
      return reply.redirect(base, 303);
    },
  );

  app.get<ExposeParams>('/p/:slug/expose/:token/expose.pdf', async (request, reply) => {
    const found = await findExposeAccess(platform, request.params.slug, request.params.token);
    if (!found) return notFoundPage(reply);
    if (!found.access.acknowledgedAt)
      return reply.redirect(`/p/${found.property.slug}/expose/${request.params.token}`, 303);
    await recordExposeView(platform, found.access.id);
    const pdf = await exposePdfFor(platform, found.property, { includeAddress: true });
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="Expose-${found.property.externalId}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });
};
