import { createHash } from 'node:crypto';
import { asc, desc, eq, inArray } from 'drizzle-orm';
import { zipSync } from 'fflate';
import sharp from 'sharp';
import { z } from 'zod';
import { authUser } from '../../../platform/auth/auth.schema.js';
import { defineJob, PermanentJobError } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import { PUBLIC_STATUSES } from '../domain/property-lifecycle.js';
import { openimmoExport, property, propertyMedia } from '../schema.js';
import type { PropertyRow } from '../server/property-view.js';
import { validateOpenImmo } from './openimmo-validate.js';
import {
  buildOpenImmoXml,
  type ExportAttachment,
  type ExportListing,
  type ExportProperty,
} from './openimmo-writer.js';

export const OPENIMMO_EXPORT_JOB = 'crm.openimmo-export';
type ExportItem = (typeof openimmoExport.$inferSelect)['items'][number];

/** A listing that left the feed since the last export: enough data for a schema-valid DELETE entry. */
function deletionStub(item: ExportItem, now: Date): ExportProperty {
  return {
    id: item.propertyId,
    externalId: item.externalId,
    title: item.title,
    description: '',
    locationDescription: '',
    equipmentDescription: '',
    marketingType: item.marketingType,
    objectType: item.objectType,
    objectSubtype: null,
    status: 'archiviert',
    street: null,
    houseNumber: null,
    postalCode: item.postalCode,
    city: item.city,
    district: null,
    federalState: null,
    latitude: null,
    longitude: null,
    showAddress: false,
    livingArea: null,
    usableArea: null,
    plotArea: null,
    rooms: null,
    bedrooms: null,
    bathrooms: null,
    floor: null,
    totalFloors: null,
    yearBuilt: null,
    condition: null,
    features: [],
    purchasePriceCents: null,
    coldRentCents: null,
    warmRentCents: null,
    additionalCostsCents: null,
    hausgeldCents: null,
    depositText: null,
    commissionText: null,
    energyCertificateType: null,
    energyValue: null,
    energyCarrier: null,
    energyYearBuilt: null,
    energyClass: null,
    energyIssuedAt: null,
    energyValidUntil: null,
    energyIncludesHotWater: null,
    updatedAt: now,
  };
}

const itemOf = (p: PropertyRow): ExportItem => ({
  propertyId: p.id,
  externalId: p.externalId,
  marketingType: p.marketingType,
  objectType: p.objectType,
  postalCode: p.postalCode,
  city: p.city,
  title: p.title,
});

/**
 * Builds the feed ZIP: a full feed (VOLL) lists every public listing; a partial one (TEIL)
 * lists what is new or changed since the last export and DELETE entries for listings that
 * are no longer public. Images go in as JPEG, as every portal accepts them.
 */
export const openimmoExportJob = (platform: Platform) =>
  defineJob({
    name: OPENIMMO_EXPORT_JOB,
    version: 1,
    payload: z.object({ exportId: z.string().uuid() }),
    attempts: 2,
    concurrency: 1,
    handler: async ({ tenantId, payload, withTenant, reportProgress, attempt, maxAttempts }) => {
      if (!tenantId) throw new PermanentJobError('OpenImmo export needs a tenant');
      const now = new Date();
      try {
        const { run, listings, previous } = await withTenant(async (tx) => {
          const [run] = await tx.select().from(openimmoExport).where(eq(openimmoExport.id, payload.exportId));
          if (!run) throw new PermanentJobError(`export ${payload.exportId} not found`);
          const listings = await tx
            .select()
            .from(property)
            .where(inArray(property.status, [...PUBLIC_STATUSES]))
            .orderBy(asc(property.externalId));
          const [previous] = await tx
            .select()
            .from(openimmoExport)
            .where(eq(openimmoExport.status, 'fertig'))
            .orderBy(desc(openimmoExport.finishedAt))
            .limit(1);
          return { run, listings, previous };
        });
        const sentBefore = new Map((previous?.items ?? []).map((i) => [i.propertyId, i]));
        const since = previous?.finishedAt ?? new Date(0);
        const partial = run.scope === 'TEIL' && previous !== undefined;
        const chosen = partial
          ? listings.filter((p) => !sentBefore.has(p.id) || p.updatedAt > since)
          : listings;
        const publicIds = new Set(listings.map((p) => p.id));
        const removed = partial ? [...sentBefore.values()].filter((i) => !publicIds.has(i.propertyId)) : [];

        const settings = await platform.tenantSettings.get(tenantId);
        const agentIds = [...new Set(chosen.flatMap((p) => (p.assignedAgentId ? [p.assignedAgentId] : [])))];
        const agents = agentIds.length
          ? await platform.database.db
              .select({ id: authUser.id, name: authUser.name, email: authUser.email })
              .from(authUser)
              .where(inArray(authUser.id, agentIds))
          : [];
        const officeContact = {
          name: settings?.displayName ?? 'Makler',
          firstName: null,
          email: settings?.contactEmail ?? null,
          phone: settings?.contactPhone ?? null,
        };

        const files: Record<string, Uint8Array> = {};
        const exportListings: ExportListing[] = [];
        for (const [index, p] of chosen.entries()) {
          const media = await withTenant((tx) =>
            tx
              .select()
              .from(propertyMedia)
              .where(eq(propertyMedia.propertyId, p.id))
              .orderBy(asc(propertyMedia.position)),
          );
          const attachments: ExportAttachment[] = [];
          for (const [n, m] of media.entries()) {
            const jpeg = await sharp(await platform.files.read(m.webKey))
              .flatten({ background: '#ffffff' })
              .jpeg({ quality: 85, mozjpeg: true })
              .toBuffer();
            const fileName = `${p.externalId}/${String(n + 1).padStart(2, '0')}.jpg`;
            files[fileName] = jpeg;
            attachments.push({
              fileName,
              kind: m.kind === 'floorplan' ? 'floorplan' : 'photo',
              isTitle: m.isTitle,
              altText: m.altText,
              md5: createHash('md5').update(jpeg).digest('hex'),
            });
          }
          const agent = agents.find((a) => a.id === p.assignedAgentId);
          const [lastName, ...first] = (agent?.name ?? '').split(' ').reverse();
          exportListings.push({
            property: p,
            attachments,
            action: partial && sentBefore.has(p.id) ? 'CHANGE' : 'NEW',
            contact: agent
              ? {
                  name: lastName ?? agent.name,
                  firstName: first.reverse().join(' ') || null,
                  email: agent.email,
                  phone: officeContact.phone,
                }
              : officeContact,
          });
          await reportProgress(
            Math.round(((index + 1) / Math.max(1, chosen.length)) * 90),
            `${index + 1} von ${chosen.length} Objekten aufbereitet`,
          );
        }
        for (const item of removed)
          exportListings.push({
            property: deletionStub(item, now),
            attachments: [],
            action: 'DELETE',
            contact: officeContact,
          });

        const xml = buildOpenImmoXml({
          scope: partial ? 'TEIL' : 'VOLL',
          office: {
            name: settings?.displayName ?? 'Makler',
            openimmoAnid: `IMMOXX-${tenantId.slice(0, 12).toUpperCase()}`,
            technicalEmail: settings?.contactEmail ?? '',
          },
          listings: exportListings,
          createdAt: now,
          senderVersion: '0.1.0',
        });
        // A feed that fails our own schema would be rejected by the portal; stop here instead.
        const check = await validateOpenImmo(xml);
        if (!check.valid)
          throw new PermanentJobError(`Feed verletzt das Schema: ${check.errors.slice(0, 3).join(' | ')}`);
        files['openimmo.xml'] = new TextEncoder().encode(xml);
        const zip = zipSync(
          Object.fromEntries(
            Object.entries(files).map(([name, data]) => [
              name,
              [data, { level: name.endsWith('.xml') ? 6 : 0 }],
            ]),
          ),
        );
        const fileKey = `openimmo/${tenantId}/${run.id}.zip`;
        await platform.files.put(fileKey, Buffer.from(zip));
        const changedCount = exportListings.filter((l) => l.action === 'CHANGE').length;
        await withTenant((tx) =>
          tx
            .update(openimmoExport)
            .set({
              status: 'fertig',
              scope: partial ? 'TEIL' : 'VOLL',
              fileKey,
              sizeBytes: zip.byteLength,
              listingCount: chosen.length,
              changedCount,
              deletedCount: removed.length,
              items: listings.map(itemOf),
              finishedAt: new Date(),
            })
            .where(eq(openimmoExport.id, run.id)),
        );
        await reportProgress(100, `${chosen.length} Objekte, ${removed.length} Löschungen`);
        return { listings: chosen.length, deleted: removed.length, bytes: zip.byteLength };
      } catch (error) {
        if (!(error instanceof PermanentJobError) && attempt < maxAttempts) throw error;
        await withTenant((tx) =>
          tx
            .update(openimmoExport)
            .set({ status: 'fehler', error: (error as Error).message.slice(0, 2000), finishedAt: new Date() })
            .where(eq(openimmoExport.id, payload.exportId)),
        );
        throw error;
      }
    },
  });
