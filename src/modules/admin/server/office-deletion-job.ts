import { z } from 'zod';
import { defineJob, type JobDefinition } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import { officesDueForDeletion, purgeOffice } from '../../../platform/tenancy/office-deletion.js';

export const PURGE_OFFICES_JOB = 'admin.purge-offices';
/** Offices whose grace period is over are looked for this often. */
export const PURGE_EVERY_MS = 60 * 60_000;

/** Deletes every office whose grace period is over, one after the other. */
export const purgeOfficesJob = (platform: Platform): JobDefinition<Record<string, never>> =>
  defineJob({
    name: PURGE_OFFICES_JOB,
    version: 1,
    payload: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
    attempts: 3,
    concurrency: 1,
    timeoutSeconds: 60 * 60,
    handler: async (ctx) => {
      const due = await officesDueForDeletion(platform);
      const results = [];
      for (const [i, tenantId] of due.entries()) {
        await ctx.reportProgress(Math.round((i / due.length) * 100), `Büro ${i + 1} von ${due.length}`);
        results.push(await purgeOffice(platform, tenantId));
      }
      return { deleted: results.length, results };
    },
  });

/** Once per hour across all replicas (the key is the hour). */
export function enqueueOfficePurge(platform: Platform, now = Date.now()) {
  const slot = Math.floor(now / PURGE_EVERY_MS);
  return platform.jobs.enqueue(PURGE_OFFICES_JOB, {}, { key: `slot-${slot}`, tenantId: null });
}
