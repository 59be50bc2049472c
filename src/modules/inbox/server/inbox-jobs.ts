import { z } from 'zod';
import { defineJob, PermanentJobError } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import { inboxMailbox } from '../schema.js';
import { fetchMailbox } from './imap-fetch.js';

export const FETCH_JOB = 'inbox.fetch';
/** Seconds between two rounds per mailbox. */
const POLL_SECONDS = 60;

export const inboxFetchJob = (platform: Platform) =>
  defineJob({
    name: FETCH_JOB,
    version: 1,
    payload: z.object({ mailboxId: z.string().uuid() }),
    attempts: 1,
    timeoutSeconds: 600,
    handler: async ({ tenantId, payload }) => {
      if (!tenantId) throw new PermanentJobError('inbox fetch needs a tenant');
      return fetchMailbox(platform, tenantId, payload.mailboxId);
    },
  });

/** Every mailbox once per interval, however many servers run the tick (the key per bucket). */
export async function enqueueFetches(platform: Platform): Promise<void> {
  const bucket = Math.floor(Date.now() / (POLL_SECONDS * 1000));
  const boxes = await platform.database.db
    .select({ id: inboxMailbox.id, tenantId: inboxMailbox.tenantId })
    .from(inboxMailbox);
  for (const b of boxes)
    await platform.jobs.enqueue(
      FETCH_JOB,
      { mailboxId: b.id },
      { tenantId: b.tenantId, key: `${b.id}:${bucket}` },
    );
}
