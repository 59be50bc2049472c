import { createHash } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import { zipSync } from 'fflate';
import sharp from 'sharp';
import { authUser } from '../../../platform/auth/auth.schema.js';
import type { Tx } from '../../../platform/db/database.js';
import { PermanentJobError } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import { type openimmoExport, propertyMedia } from '../schema.js';
import type { PropertyRow } from '../server/property-view.js';
import { validateOpenImmo } from './openimmo-validate.js';
import {
  buildOpenImmoXml,
  type ExportAttachment,
  type ExportListing,
  type ExportProperty,
} from './openimmo-writer.js';

/** What an export remembers of each listing it sent: enough to withdraw it later. */
export type FeedItem = (typeof openimmoExport.$inferSelect)['items'][number];

export const feedItemOf = (p: PropertyRow): FeedItem => ({
  propertyId: p.id,
  externalId: p.externalId,
  marketingType: p.marketingType,
  objectType: p.objectType,
  postalCode: p.postalCode,
  city: p.city,
  title: p.title,
});

/** A listing that left the feed since the last export: enough data for a schema-valid DELETE entry. */
function deletionStub(item: FeedItem, now: Date): ExportProperty {
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

export interface FeedRequest {
  scope: 'VOLL' | 'TEIL';
  /** Listings sent in full; `CHANGE` for one the receiver already has. */
  entries: { property: PropertyRow; action: 'NEW' | 'CHANGE' }[];
  /** Listings the receiver has and must take down. */
  removed: FeedItem[];
  /** The office's id at the receiver (OpenImmo `anbieternr`/`openimmo_anid`). */
  providerId: string;
  onProgress?: (done: number, total: number) => Promise<void>;
}

/**
 * An OpenImmo ZIP as portals ingest it: `openimmo.xml` plus the images (JPEG, as every portal
 * accepts them). The XML is checked against our schema first: a feed the portal would reject
 * stops here with the reason.
 */
export async function buildFeedZip(
  platform: Platform,
  tenantId: string,
  withTenant: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
  request: FeedRequest,
): Promise<{ zip: Uint8Array; xml: string }> {
  const now = new Date();
  const settings = await platform.tenantSettings.get(tenantId);
  const agentIds = [
    ...new Set(
      request.entries.flatMap((e) => (e.property.assignedAgentId ? [e.property.assignedAgentId] : [])),
    ),
  ];
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
  const listings: ExportListing[] = [];
  for (const [index, { property: p, action }] of request.entries.entries()) {
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
    listings.push({
      property: p,
      attachments,
      action,
      contact: agent
        ? {
            name: lastName ?? agent.name,
            firstName: first.reverse().join(' ') || null,
            email: agent.email,
            phone: officeContact.phone,
          }
        : officeContact,
    });
    await request.onProgress?.(index + 1, request.entries.length);
  }
  for (const item of request.removed)
    listings.push({
      property: deletionStub(item, now),
      attachments: [],
      action: 'DELETE',
      contact: officeContact,
    });

  const xml = buildOpenImmoXml({
    scope: request.scope,
    office: {
      name: settings?.displayName ?? 'Makler',
      openimmoAnid: request.providerId,
      technicalEmail: settings?.contactEmail ?? '',
    },
    listings,
    createdAt: now,
    senderVersion: '0.1.0',
  });
  const check = await validateOpenImmo(xml);
  if (!check.valid)
    throw new PermanentJobError(`Feed verletzt das Schema: ${check.errors.slice(0, 3).join(' | ')}`);
  files['openimmo.xml'] = new TextEncoder().encode(xml);
  const zip = zipSync(
    Object.fromEntries(
      Object.entries(files).map(([name, data]) => [name, [data, { level: name.endsWith('.xml') ? 6 : 0 }]]),
    ),
  );
  return { zip, xml };
}

/** The office's OpenImmo id when the receiver has not given it one. */
export const defaultProviderId = (tenantId: string) => `IMMOXX-${tenantId.slice(0, 12).toUpperCase()}`;
