import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import sharp from 'sharp';
import type { Tx } from '../../../platform/db/database.js';
import { PermanentJobError } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import { recordUsage } from '../../../platform/metering/usage-ledger.js';
import { PUBLIC_STATUSES } from '../../crm/domain/property-lifecycle.js';
import {
  buildFeedZip,
  defaultProviderId,
  type FeedItem,
  feedItemOf,
} from '../../crm/openimmo/openimmo-feed.js';
import { property, propertyMedia } from '../../crm/schema.js';
import type { PropertyRow } from '../../crm/server/property-view.js';
import { contentHash, is24Body, UnsupportedListingError } from '../domain/is24-realestate.js';
import { portalAccount, portalListing, portalUpload } from '../schema.js';
import { FeedUploadError, uploadFeed } from './feed-transport.js';
import { Is24AuthError, Is24Client, Is24Error } from './is24-client.js';
import { type AccountRow, feedTargetFor, is24ClientFor } from './portal-account.js';

type WithTenant = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
type ListingRow = typeof portalListing.$inferSelect;

const isPublic = (p: PropertyRow | null) =>
  p !== null && (PUBLIC_STATUSES as readonly string[]).includes(p.status);

/** Whether the listing belongs on the portal now: chosen by the broker and on the market. */
export const belongsOnline = (row: ListingRow, p: PropertyRow | null) => row.wanted && isPublic(p);

async function loadMedia(withTenant: WithTenant, propertyId: string) {
  return withTenant((tx) =>
    tx
      .select()
      .from(propertyMedia)
      .where(eq(propertyMedia.propertyId, propertyId))
      .orderBy(asc(propertyMedia.position)),
  );
}

async function markAccount(withTenant: WithTenant, accountId: string, set: Partial<AccountRow>) {
  await withTenant((tx) => tx.update(portalAccount).set(set).where(eq(portalAccount.id, accountId)));
}

async function setListing(withTenant: WithTenant, id: string, set: Partial<ListingRow>) {
  await withTenant((tx) =>
    tx
      .update(portalListing)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(portalListing.id, id)),
  );
}

async function accountRows(withTenant: WithTenant, accountId: string, propertyId: string | null) {
  return withTenant(async (tx) => {
    const rows = await tx
      .select({ listing: portalListing, property })
      .from(portalListing)
      .leftJoin(property, eq(property.id, portalListing.propertyId))
      .where(
        and(
          eq(portalListing.accountId, accountId),
          propertyId ? eq(portalListing.propertyId, propertyId) : undefined,
        ),
      );
    return rows.map((r) => ({ listing: r.listing, property: r.property as PropertyRow | null }));
  });
}

/**
 * Brings ImmoScout24 in line with one listing (or every listing of the account): created once
 * (found by our id before anything is created), updated when its content changed, pictures
 * replaced when they changed, published; or taken off when it left the market or the broker
 * deselected it.
 */
export async function syncIs24(
  platform: Platform,
  withTenant: WithTenant,
  account: AccountRow,
  propertyId: string | null,
  isLastAttempt: boolean,
): Promise<{ online: number; removed: number; failed: number }> {
  const client = is24ClientFor(platform, account);
  const rows = await accountRows(withTenant, account.id, propertyId);
  const tally = { online: 0, removed: 0, failed: 0 };
  for (const { listing, property: p } of rows) {
    try {
      if (p && belongsOnline(listing, p)) {
        await putOnline(platform, withTenant, client, listing, p);
        tally.online++;
      } else if (listing.state !== 'entfernt' || !p) {
        await takeOffline(withTenant, client, listing, p);
        tally.removed++;
      }
    } catch (error) {
      if (error instanceof Is24AuthError) {
        await markAccount(withTenant, account.id, { status: 'zugang_ungueltig', lastError: error.message });
        await setListing(withTenant, listing.id, { state: 'fehler', lastError: error.message });
        throw new PermanentJobError(error.message);
      }
      const transient = error instanceof Is24Error && error.transient;
      if (transient && !isLastAttempt) throw error;
      tally.failed++;
      await setListing(withTenant, listing.id, {
        state: 'fehler',
        lastError: (error as Error).message.slice(0, 2000),
      });
    }
  }
  await markAccount(withTenant, account.id, { status: 'aktiv', lastError: null, lastSyncAt: new Date() });
  return tally;
}

async function putOnline(
  platform: Platform,
  withTenant: WithTenant,
  client: Is24Client,
  row: ListingRow,
  p: PropertyRow,
) {
  let body: ReturnType<typeof is24Body>;
  try {
    body = is24Body(p);
  } catch (error) {
    if (error instanceof UnsupportedListingError) {
      await setListing(withTenant, row.id, { state: 'fehler', lastError: error.message });
      return;
    }
    throw error;
  }
  const hash = contentHash(body);
  const media = await loadMedia(withTenant, p.id);
  const mediaHash = contentHash(media.map((m) => [m.webKey, m.isTitle, m.kind, m.altText]));
  let id = row.portalObjectId ?? (await client.findByExternalId(p.externalId));
  let created = false;
  if (!id) {
    id = await client.create(p.externalId, body);
    created = true;
    // Recorded at once: should anything below fail, the retry updates this listing instead of creating one.
    await setListing(withTenant, row.id, {
      portalObjectId: id,
      state: 'gesendet',
      sentAt: new Date(),
      item: feedItemOf(p),
    });
  } else if (hash !== row.sentHash || row.state !== 'online') {
    await client.update(id, body);
  }
  if (created || mediaHash !== row.mediaHash) {
    for (const old of await client.listAttachments(id)) await client.deleteAttachment(id, old.id);
    for (const [n, m] of media.entries()) {
      const jpeg = await sharp(await platform.files.read(m.webKey))
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: 85 })
        .toBuffer();
      await client.uploadPicture(id, {
        jpeg,
        fileName: `${String(n + 1).padStart(2, '0')}.jpg`,
        title: m.altText || (m.kind === 'floorplan' ? 'Grundriss' : `Bild ${n + 1}`),
        titlePicture: m.isTitle,
        floorplan: m.kind === 'floorplan',
        externalId: m.id,
      });
    }
  }
  await client.publish(id);
  const now = new Date();
  // Metered once per content sent (a retry of the same content counts once): portal exports are billed by usage.
  if (created || hash !== row.sentHash || mediaHash !== row.mediaHash)
    await withTenant((tx) =>
      recordUsage(tx, [
        {
          tenantId: row.tenantId,
          meter: 'portal_exports',
          value: 1,
          idempotencyKey: `is24:${row.id}:${hash}:${mediaHash}`,
        },
      ]),
    );
  await setListing(withTenant, row.id, {
    state: 'online',
    portalObjectId: id,
    url: Is24Client.exposeUrl(id),
    sentHash: hash,
    mediaHash,
    item: feedItemOf(p),
    lastError: null,
    sentAt: now,
    onlineAt: row.state === 'online' ? row.onlineAt : now,
    removedAt: null,
  });
}

async function takeOffline(
  withTenant: WithTenant,
  client: Is24Client,
  row: ListingRow,
  p: PropertyRow | null,
) {
  // Already taken off: a deleted listing's row only needs to go.
  if (row.state !== 'entfernt') {
    const externalId = p?.externalId ?? row.item?.externalId;
    const id = row.portalObjectId ?? (externalId ? await client.findByExternalId(externalId) : null);
    if (id) await client.unpublish(id);
  }
  if (!p) {
    await withTenant((tx) => tx.delete(portalListing).where(eq(portalListing.id, row.id)));
    return;
  }
  await setListing(withTenant, row.id, {
    state: 'entfernt',
    removedAt: new Date(),
    lastError: null,
    url: null,
  });
}

/** Whether the portal may have the listing: it was uploaded and not withdrawn since. */
const mayBeOnPortal = (l: ListingRow) =>
  l.state === 'gesendet' || (l.state === 'fehler' && l.sentAt !== null);

/** What a feed pass sends: listings new or changed since the last upload, and withdrawals. */
function feedPlan(
  rows: { listing: ListingRow; property: PropertyRow | null }[],
  full: boolean,
  mediaHashes: Map<string, string>,
) {
  const send: { listing: ListingRow; property: PropertyRow; action: 'NEW' | 'CHANGE'; hash: string }[] = [];
  const withdraw: { listing: ListingRow; item: FeedItem }[] = [];
  const settle: ListingRow[] = [];
  for (const { listing, property: p } of rows) {
    if (p && belongsOnline(listing, p)) {
      const hash = contentHash([p.updatedAt.toISOString(), mediaHashes.get(p.id) ?? '']);
      const onPortal = mayBeOnPortal(listing);
      if (full || !onPortal || hash !== listing.sentHash)
        send.push({ listing, property: p, action: onPortal ? 'CHANGE' : 'NEW', hash });
    } else if (listing.state !== 'entfernt' || !p) {
      // Off the market or deselected (or deleted in ImmoXX): withdraw what the portal may have.
      const item = listing.item ?? (p ? feedItemOf(p) : null);
      if (item && mayBeOnPortal(listing)) withdraw.push({ listing, item });
      else settle.push(listing);
    }
  }
  return { send, withdraw, settle };
}

/**
 * One OpenImmo upload for an FTP/SFTP portal. A partial feed ("TEIL") carries what changed with
 * `aktion` NEW/CHANGE and DELETE for withdrawals; a full feed ("VOLL") carries every listing that
 * belongs online, and the portal drops whatever is missing from it.
 */
export async function syncFeed(
  platform: Platform,
  tenantId: string,
  withTenant: WithTenant,
  account: AccountRow,
  options: { full: boolean; isLastAttempt: boolean },
): Promise<{ sent: number; removed: number; uploaded: boolean }> {
  const full = options.full || account.feedScope === 'VOLL';
  const rows = await accountRows(withTenant, account.id, null);
  const propertyIds = rows.flatMap((r) => (r.property ? [r.property.id] : []));
  const media = propertyIds.length
    ? await withTenant((tx) =>
        tx.select().from(propertyMedia).where(inArray(propertyMedia.propertyId, propertyIds)),
      )
    : [];
  const mediaHashes = new Map(
    propertyIds.map((id) => [
      id,
      contentHash(media.filter((m) => m.propertyId === id).map((m) => [m.webKey, m.position, m.isTitle])),
    ]),
  );
  const { send, withdraw, settle } = feedPlan(rows, full, mediaHashes);
  // Never uploaded: withdrawing these needs no upload.
  for (const row of settle) await finishRemoval(withTenant, row);
  if (send.length === 0 && withdraw.length === 0 && !full) return { sent: 0, removed: 0, uploaded: false };

  // Unique per upload: two uploads within a second must not overwrite each other on the portal's server.
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('.', '').replace('Z', '');
  const provider = (account.providerId || defaultProviderId(tenantId)).replace(/[^A-Za-z0-9_-]/g, '');
  const fileName = `immoxx_${provider}_${stamp}_${randomBytes(3).toString('hex')}_${full ? 'voll' : 'teil'}.zip`;
  try {
    const { zip } = await buildFeedZip(platform, tenantId, withTenant, {
      scope: full ? 'VOLL' : 'TEIL',
      entries: send.map((s) => ({ property: s.property, action: full ? 'NEW' : s.action })),
      removed: full ? [] : withdraw.map((r) => r.item),
      providerId: account.providerId || defaultProviderId(tenantId),
    });
    await uploadFeed(feedTargetFor(platform, account), fileName, zip);
    await withTenant(async (tx) => {
      await tx.insert(portalUpload).values({
        tenantId,
        accountId: account.id,
        scope: full ? 'VOLL' : 'TEIL',
        fileName,
        sizeBytes: zip.byteLength,
        listingCount: send.length,
        deletedCount: withdraw.length,
        status: 'hochgeladen',
      });
      // Each listing sent counts as one portal export, once per uploaded file.
      if (send.length > 0)
        await recordUsage(tx, [
          {
            tenantId,
            meter: 'portal_exports',
            value: send.length,
            idempotencyKey: `feed:${account.id}:${fileName}`,
          },
        ]);
    });
  } catch (error) {
    const reason = (error as Error).message.slice(0, 2000);
    const transient =
      error instanceof FeedUploadError ? error.transient : !(error instanceof PermanentJobError);
    if (transient && !options.isLastAttempt) throw error;
    await withTenant((tx) =>
      tx.insert(portalUpload).values({
        tenantId,
        accountId: account.id,
        scope: full ? 'VOLL' : 'TEIL',
        fileName,
        status: 'fehler',
        error: reason,
      }),
    );
    for (const s of send) await setListing(withTenant, s.listing.id, { state: 'fehler', lastError: reason });
    await markAccount(withTenant, account.id, {
      status: error instanceof FeedUploadError && !error.transient ? 'zugang_ungueltig' : 'fehler',
      lastError: reason,
    });
    throw new PermanentJobError(reason);
  }
  const now = new Date();
  for (const s of send)
    await setListing(withTenant, s.listing.id, {
      state: 'gesendet',
      sentHash: s.hash,
      item: feedItemOf(s.property),
      sentAt: now,
      removedAt: null,
      lastError: null,
    });
  // In a full feed a withdrawn listing is simply missing; the portal drops it all the same.
  for (const r of withdraw) await finishRemoval(withTenant, r.listing);
  await markAccount(withTenant, account.id, { status: 'aktiv', lastError: null, lastSyncAt: now });
  return { sent: send.length, removed: withdraw.length, uploaded: true };
}

async function finishRemoval(withTenant: WithTenant, row: ListingRow) {
  if (row.propertyId === null)
    await withTenant((tx) => tx.delete(portalListing).where(eq(portalListing.id, row.id)));
  else await setListing(withTenant, row.id, { state: 'entfernt', removedAt: new Date(), lastError: null });
}

/**
 * The nightly repair for ImmoScout24: what is online there is compared with what should be.
 * A listing of ours online although sold or deselected is taken off; one that should be online
 * but is missing is sent again. Listings the broker placed on the portal by hand are left alone.
 */
export async function reconcileIs24(
  platform: Platform,
  withTenant: WithTenant,
  account: AccountRow,
): Promise<{ takenOff: number; restored: number; foreign: number }> {
  const client = is24ClientFor(platform, account);
  const online = await client.listPublished();
  const rows = await accountRows(withTenant, account.id, null);
  const byExternal = new Map(
    rows.flatMap((r) => {
      const ext = r.property?.externalId ?? r.listing.item?.externalId;
      return ext ? [[ext, r] as const] : [];
    }),
  );
  const ours = await withTenant((tx) =>
    tx.select({ id: property.id, externalId: property.externalId, status: property.status }).from(property),
  );
  const ourExternal = new Map(ours.map((p) => [p.externalId, p]));
  let takenOff = 0;
  let foreign = 0;
  const onlineIds = new Set<string>();
  for (const entry of online) {
    onlineIds.add(entry.id);
    const row = entry.externalId ? byExternal.get(entry.externalId) : undefined;
    if (row) {
      if (!belongsOnline(row.listing, row.property)) {
        await client.unpublish(entry.id);
        takenOff++;
      }
      continue;
    }
    // One of our listings, online there but not managed here (e.g. a lost answer): off if not on the market.
    const mine = entry.externalId ? ourExternal.get(entry.externalId) : undefined;
    if (mine && !(PUBLIC_STATUSES as readonly string[]).includes(mine.status)) {
      await client.unpublish(entry.id);
      takenOff++;
    } else foreign++;
  }
  let restored = 0;
  for (const { listing, property: p } of rows) {
    if (!p || !belongsOnline(listing, p)) continue;
    if (listing.portalObjectId && onlineIds.has(listing.portalObjectId)) continue;
    await setListing(withTenant, listing.id, { state: 'wartet', portalObjectId: listing.portalObjectId });
    restored++;
  }
  await markAccount(withTenant, account.id, { lastReconcileAt: new Date() });
  return { takenOff, restored, foreign };
}
