import { asc, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob, PermanentJobError } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import { PUBLIC_STATUSES } from '../domain/property-lifecycle.js';
import { openimmoExport, property } from '../schema.js';
import { buildFeedZip, defaultProviderId, feedItemOf } from './openimmo-feed.js';

export const OPENIMMO_EXPORT_JOB = 'crm.openimmo-export';
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

        const { zip } = await buildFeedZip(platform, tenantId, withTenant, {
          scope: partial ? 'TEIL' : 'VOLL',
          entries: chosen.map((p) => ({
            property: p,
            action: partial && sentBefore.has(p.id) ? 'CHANGE' : 'NEW',
          })),
          removed,
          providerId: defaultProviderId(tenantId),
          onProgress: (done, total) =>
            reportProgress(
              Math.round((done / Math.max(1, total)) * 90),
              `${done} von ${total} Objekten aufbereitet`,
            ),
        });
        const fileKey = `openimmo/${tenantId}/${run.id}.zip`;
        await platform.files.put(fileKey, Buffer.from(zip));
        const changedCount = partial ? chosen.filter((p) => sentBefore.has(p.id)).length : 0;
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
              items: listings.map(feedItemOf),
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
