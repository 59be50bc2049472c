import { createHash } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { tenantMember } from '../../../platform/auth/auth.schema.js';
import { defineJob } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import { siblingModule } from '../../../platform/threads/module-url.js';
import { runOffThread } from '../../../platform/threads/off-thread.js';
import {
  activity,
  contact,
  property,
  propertyMedia,
  searchRequest,
  viewing,
  viewingContact,
} from '../schema.js';
import { INQUIRY_SOURCE_LABELS, type InquirySource, inquirySubject } from '../server/lead-intake.js';
import { demoContacts } from './demo-contacts.js';
import type { drawListingPhotos } from './demo-photos.js';
import { demoProperties } from './demo-properties.js';
import { PLACES } from './places.js';
import { createRandom } from './random.js';

export const DEMO_PHOTOS_JOB = 'crm.demo-photos';

/** 60 listings, 300 contacts, search requests, viewings; photos follow in a background job. */
export async function seedCrmDemo(platform: Platform, tenantId: string): Promise<void> {
  const r = createRandom(20261124);
  await platform.database.withTenant(tenantId, async (tx) => {
    const staff = await tx
      .select({ userId: tenantMember.userId })
      .from(tenantMember)
      .where(inArray(tenantMember.role, ['owner', 'admin', 'agent']));
    const agentIds = staff.map((s) => s.userId);
    const listings = demoProperties(r, tenantId, agentIds).map(({ lakeside: _lakeside, ...row }) => row);
    const insertedProperties = await tx
      .insert(property)
      .values(listings)
      .returning({ id: property.id, status: property.status, title: property.title });
    const { contacts, searchRequests } = demoContacts(r, tenantId, agentIds);
    const insertedContacts = await tx.insert(contact).values(contacts).returning({ id: contact.id });
    await tx.insert(searchRequest).values(
      searchRequests.map(({ contactIndex, ...rest }) => ({
        ...rest,
        contactId: insertedContacts[contactIndex]!.id,
      })),
    );
    const bookable = insertedProperties.filter((p) => p.status === 'aktiv' || p.status === 'reserviert');
    const today = new Date();
    today.setHours(0, 0, 0, 0);
    for (let i = 0; i < 40; i++) {
      const listing = r.pick(bookable);
      const day = r.int(-7, 21);
      const start = new Date(
        today.getTime() +
          day * 86_400_000 +
          r.pick([9, 10, 11, 14, 15, 16, 17]) * 3_600_000 +
          r.pick([0, 30]) * 60_000,
      );
      const [created] = await tx
        .insert(viewing)
        .values({
          tenantId,
          propertyId: listing.id,
          agentId: r.pick(agentIds),
          startsAt: start,
          endsAt: new Date(start.getTime() + r.pick([30, 45, 60]) * 60_000),
          status: day < 0 ? r.pick(['durchgefuehrt', 'durchgefuehrt', 'abgesagt']) : 'geplant',
          notes: r.chance(0.3) ? 'Bitte Unterlagen (Grundriss, Energieausweis) mitbringen.' : '',
        })
        .returning({ id: viewing.id });
      const visitors = [
        ...new Set([r.pick(insertedContacts).id, ...(r.chance(0.3) ? [r.pick(insertedContacts).id] : [])]),
      ];
      await tx
        .insert(viewingContact)
        .values(visitors.map((contactId) => ({ tenantId, viewingId: created!.id, contactId })));
      await tx.insert(activity).values(
        visitors.map((contactId) => ({
          tenantId,
          contactId,
          propertyId: listing.id,
          kind: 'besichtigung',
          subject: `Besichtigung: ${listing.title}`,
          occurredAt: start,
        })),
      );
    }
    await tx.insert(activity).values(
      insertedContacts.slice(0, 120).map((c, i) => ({
        tenantId,
        contactId: c.id,
        kind: r.pick(['anruf', 'email', 'notiz']),
        subject: r.pick([
          'Erstgespräch geführt',
          'Exposé zugesendet',
          'Finanzierung geklärt',
          'Rückruf vereinbart',
          'Suchprofil besprochen',
        ]),
        body: i % 3 === 0 ? 'Interessiert an Objekten mit Seeblick; Finanzierungsbestätigung liegt vor.' : '',
        occurredAt: new Date(Date.now() - r.int(1, 60) * 86_400_000),
      })),
    );
    // Portal and website inquiries on the timeline, as lead intake records them; a stream of its
    // own, so the rest of the demo office stays as it was.
    const ri = createRandom(20261206);
    const sources = Object.keys(INQUIRY_SOURCE_LABELS) as InquirySource[];
    await tx.insert(activity).values(
      Array.from({ length: 90 }, () => {
        const listing = ri.pick(bookable);
        return {
          tenantId,
          contactId: ri.pick(insertedContacts).id,
          propertyId: listing.id,
          kind: 'anfrage',
          subject: inquirySubject(listing.title, ri.pick(sources)),
          body: ri.pick([
            'Ist das Objekt noch verfügbar?',
            'Bitte senden Sie mir das Exposé.',
            'Wann ist eine Besichtigung möglich?',
          ]),
          occurredAt: new Date(Date.now() - ri.int(1, 300) * 86_400_000),
        };
      }),
    );
  });
  await platform.jobs.enqueue(DEMO_PHOTOS_JOB, {}, { tenantId, key: `demo-photos:${tenantId}` });
}

/** Renders and stores the demo photos; runs in the background with progress per listing. */
export const demoPhotosJob = (platform: Platform) =>
  defineJob({
    name: DEMO_PHOTOS_JOB,
    version: 1,
    payload: z.object({}),
    attempts: 2,
    handler: async ({ tenantId, withTenant, reportProgress }) => {
      if (!tenantId) return { skipped: 'no tenant' };
      const pending = await withTenant((tx) =>
        tx
          .select({
            id: property.id,
            objectType: property.objectType,
            rooms: property.rooms,
            city: property.city,
          })
          .from(property)
          .leftJoin(propertyMedia, eq(propertyMedia.propertyId, property.id))
          .where(and(eq(property.isDemo, true), isNull(propertyMedia.id))),
      );
      let done = 0;
      for (const listing of pending) {
        const seed = Number.parseInt(createHash('sha1').update(listing.id).digest('hex').slice(0, 8), 16);
        const lakeside = PLACES.find((p) => p.city === listing.city)?.lakeside ?? false;
        const images = await runOffThread<Awaited<ReturnType<typeof drawListingPhotos>>>(
          siblingModule(import.meta.url, './demo-photos'),
          'drawListingPhotos',
          { seed, objectType: listing.objectType, rooms: listing.rooms, lakeside },
        );
        const rows: (typeof propertyMedia.$inferInsert)[] = [];
        for (const [position, image] of images.entries()) {
          const id = crypto.randomUUID();
          const prefix = `tenants/${tenantId}/properties/${listing.id}/media/${id}`;
          const keys = {
            originalKey: `${prefix}-original.jpg`,
            webKey: `${prefix}-web.webp`,
            thumbKey: `${prefix}-thumb.webp`,
          };
          await platform.files.put(keys.originalKey, image.data);
          await platform.files.put(keys.webKey, image.web);
          await platform.files.put(keys.thumbKey, image.thumb);
          rows.push({
            id,
            tenantId,
            propertyId: listing.id,
            kind: image.kind,
            position,
            isTitle: position === 0,
            altText: image.altText,
            ...keys,
            contentType: 'image/jpeg',
            width: image.width,
            height: image.height,
            sizeBytes: image.data.length,
            sha256: createHash('sha256').update(image.data).digest('hex'),
          });
        }
        await withTenant((tx) => tx.insert(propertyMedia).values(rows));
        done += 1;
        await reportProgress(
          (100 * done) / pending.length,
          `${done} von ${pending.length} Objekten bebildert`,
        );
      }
      return { listings: done };
    },
  });
