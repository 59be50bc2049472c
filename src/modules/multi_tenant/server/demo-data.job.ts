import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob, PermanentJobError } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import { officeSignup } from '../schema.js';

export const DEMO_DATA_JOB = 'multi_tenant.demo-data';

/**
 * Fills a freshly signed-up office with every enabled module's sample data, as the demo office
 * gets at first start. One try only: the seeds are not idempotent, a second run would double them.
 */
export function demoDataJob(platform: Platform) {
  const setStatus = (tenantId: string, status: 'done' | 'failed') =>
    platform.database.db
      .update(officeSignup)
      .set({ demoDataStatus: status })
      .where(eq(officeSignup.tenantId, tenantId));
  return defineJob({
    name: DEMO_DATA_JOB,
    version: 1,
    payload: z.object({ tenantId: z.string().min(1) }),
    attempts: 1,
    timeoutSeconds: 600,
    handler: async ({ payload, reportProgress }) => {
      const [signup] = await platform.database.db
        .select({ status: officeSignup.demoDataStatus })
        .from(officeSignup)
        .where(eq(officeSignup.tenantId, payload.tenantId));
      if (signup?.status !== 'pending') throw new PermanentJobError('no sample data pending for this office');
      const seeds = [...platform.moduleServers].filter(([, server]) => server.seedDemo);
      for (const [index, [id, server]] of seeds.entries()) {
        await reportProgress(Math.round((100 * index) / seeds.length), `Beispieldaten: ${id}`);
        await server.seedDemo?.(platform, payload.tenantId);
      }
      await setStatus(payload.tenantId, 'done');
      return { modules: seeds.map(([id]) => id) };
    },
    onGiveUp: async ({ payload }) => {
      await setStatus(payload.tenantId, 'failed');
    },
  });
}
