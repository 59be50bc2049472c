import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { z } from 'zod';
import { defineJob, PermanentJobError } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import { type PriceEntry, priceUsage } from '../domain/price-table.js';
import type { RetryPolicy } from '../providers/http-with-retry.js';
import { AiProviderError } from '../providers/provider-error.js';
import { runwayDownload, runwayStart, runwayTask } from '../providers/runway.js';
import { aiGeneration, aiProviderSetting } from '../schema.js';
import { usableProvider } from './ai-settings.js';
import { photoKeys, readPhotos } from './listing-photos.js';
import {
  failGeneration,
  finishGeneration,
  inputOfRow,
  runningGeneration,
  steppedProgress,
} from './video-job-support.js';
import { RUNWAY_VIDEO_JOB } from './video-service.js';

/** Runway takes a minute or two; after this the task is given up as lost. */
const GIVE_UP_AFTER_MS = 20 * 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runway accepts the first frame as a data URI; a 1280-px JPEG stays far below its 5 MB limit. */
async function promptImage(photo: Buffer): Promise<string> {
  const jpeg = await sharp(photo)
    .rotate()
    .resize(1280, 1280, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 85 })
    .toBuffer();
  return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
}

/**
 * Image-to-video with RunwayML: starts the task once (its id is stored, so a retried job polls
 * the same task rather than paying for a second), polls `GET /v1/tasks/{id}` every
 * `AI_RUNWAY_POLL_SECONDS`, downloads the result and prices it per second of video.
 */
export const runwayVideoJob = (platform: Platform, prices: () => PriceEntry[]) =>
  defineJob({
    name: RUNWAY_VIDEO_JOB,
    version: 1,
    payload: z.object({ generationId: z.string().uuid() }),
    attempts: 3,
    backoffSeconds: 10,
    concurrency: 4,
    handler: async ({ tenantId, payload, withTenant, reportProgress, attempt, maxAttempts }) => {
      if (!tenantId) throw new PermanentJobError('video without tenant');
      const row = await runningGeneration(withTenant, payload.generationId);
      if (!row?.propertyId) return { skipped: 'not running' };
      const env = platform.config.env;
      const policy: RetryPolicy = {
        maxRetries: env.AI_MAX_RETRIES,
        timeoutMs: env.AI_TIMEOUT_SECONDS * 1000,
        baseDelayMs: env.AI_RETRY_BASE_MS,
      };
      const [setting] = await withTenant((tx) =>
        tx.select().from(aiProviderSetting).where(eq(aiProviderSetting.provider, 'runway')),
      );
      const provider = setting ? usableProvider(platform, setting, row.model) : null;
      if (!provider) {
        await failGeneration(withTenant, row, 'RunwayML ist nicht mehr eingerichtet.');
        return { failed: 'not_configured' };
      }
      const input = inputOfRow(row);
      const clipSeconds = input.clipSeconds === 10 ? 10 : 5;
      try {
        let taskId = row.externalTaskId;
        if (!taskId) {
          await reportProgress(2, 'Auftrag wird an RunwayML gesendet');
          const keys = await photoKeys(withTenant, row.propertyId, { mediaIds: input.mediaIds, limit: 1 });
          const [photo] = await readPhotos(platform, keys);
          if (!photo) throw new AiProviderError('runway', null, 'Das Objekt hat keine Fotos mehr.', false);
          taskId = await runwayStart(
            provider.connection,
            {
              promptImage: await promptImage(photo),
              promptText: row.prompt,
              duration: clipSeconds,
              ratio: '720:1280',
            },
            policy,
          );
          const started = taskId;
          await withTenant((tx) =>
            tx.update(aiGeneration).set({ externalTaskId: started }).where(eq(aiGeneration.id, row.id)),
          );
        }
        const progress = steppedProgress(reportProgress, 'RunwayML erzeugt das Video');
        const deadline = row.createdAt.getTime() + GIVE_UP_AFTER_MS;
        for (;;) {
          const task = await runwayTask(provider.connection, taskId, policy);
          if (task.status === 'SUCCEEDED') {
            const url = task.output?.[0];
            if (!url) throw new AiProviderError('runway', 200, 'runway: Aufgabe ohne Video', false);
            await reportProgress(95, 'Video wird geladen');
            const video = await runwayDownload(url, policy);
            const key = `tenants/${tenantId}/ai/${row.id}/runway.mp4`;
            await platform.files.put(key, video);
            await finishGeneration(withTenant, row, {
              files: [
                {
                  key,
                  contentType: 'video/mp4',
                  label: `RunwayML ${row.model}`,
                  sizeBytes: video.length,
                  width: 720,
                  height: 1280,
                  durationSeconds: clipSeconds,
                },
              ],
              videoSeconds: clipSeconds,
              ...priceUsage(prices(), 'runway', row.model, { videoSeconds: clipSeconds }, new Date()),
            });
            await reportProgress(100, 'Fertig');
            return { task: taskId, seconds: clipSeconds };
          }
          if (task.status === 'FAILED' || task.status === 'CANCELLED') {
            const reason = task.failure ?? (task.status === 'CANCELLED' ? 'abgebrochen' : 'fehlgeschlagen');
            throw new AiProviderError(
              'runway',
              200,
              `runway: ${reason}${task.failureCode ? ` (${task.failureCode})` : ''}`,
              false,
            );
          }
          if (Date.now() > deadline)
            throw new AiProviderError('runway', null, 'runway: keine Fertigmeldung nach 20 Minuten', false);
          progress(5 + (task.progress ?? 0) * 85);
          await sleep(env.AI_RUNWAY_POLL_SECONDS * 1000);
        }
      } catch (error) {
        const permanent = error instanceof AiProviderError && !error.fallbackWorthy;
        if (permanent || attempt >= maxAttempts)
          await failGeneration(
            withTenant,
            row,
            error instanceof AiProviderError ? error.message : 'Das Video konnte nicht erzeugt werden.',
          );
        if (permanent) throw new PermanentJobError((error as Error).message);
        throw error;
      }
    },
  });
