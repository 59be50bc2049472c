import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { defineJob, PermanentJobError } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import { siblingModule } from '../../../platform/threads/module-url.js';
import { OffThreadError, runOffThread } from '../../../platform/threads/off-thread.js';
import { officeBrand, photoKeys, readPhotos } from './listing-photos.js';
import { RenderError } from './render/ffmpeg.js';
import type { renderReel } from './render/reel.js';
import {
  failGeneration,
  finishGeneration,
  inputOfRow,
  runningGeneration,
  steppedProgress,
} from './video-job-support.js';
import { REEL_MAX_PHOTOS, RENDER_REEL_JOB } from './video-service.js';

/** A reel never needs longer than this on two cores; anything beyond is a hung ffmpeg. */
const RENDER_TIMEOUT_MS = 10 * 60_000;

/**
 * Renders a property reel with the bundled ffmpeg. Progress follows ffmpeg's own clock; the
 * finished file is checked with ffprobe before it is stored. A failed render on the last try —
 * or one that can never work — marks the generation as failed with the reason.
 */
export const renderReelJob = (platform: Platform) =>
  defineJob({
    name: RENDER_REEL_JOB,
    version: 1,
    payload: z.object({ generationId: z.string().uuid() }),
    attempts: 2,
    backoffSeconds: 5,
    concurrency: 1,
    handler: async ({ tenantId, payload, withTenant, reportProgress, attempt, maxAttempts }) => {
      if (!tenantId) throw new PermanentJobError('reel without tenant');
      const row = await runningGeneration(withTenant, payload.generationId);
      if (!row?.propertyId) return { skipped: 'not running' };
      const input = inputOfRow(row);
      const workDir = await mkdtemp(join(tmpdir(), 'immoxx-reel-'));
      try {
        await reportProgress(2, 'Fotos werden geladen');
        const keys = await photoKeys(withTenant, row.propertyId, {
          mediaIds: input.mediaIds,
          limit: REEL_MAX_PHOTOS,
        });
        if (keys.length === 0) throw new RenderError('Das Objekt hat keine Fotos mehr.');
        const [photos, brand] = await Promise.all([
          readPhotos(platform, keys),
          officeBrand(platform, tenantId),
        ]);
        const progress = steppedProgress(reportProgress, 'Video wird gerendert');
        // On a thread of its own: starting ffmpeg from the server's big process (fork) and
        // preparing the slides held the event loop for up to 50 ms each time (issue 19).
        const { file, probe } = await runOffThread<Awaited<ReturnType<typeof renderReel>>>(
          siblingModule(import.meta.url, './render/reel'),
          'renderReelTask',
          {
            input: {
              photos,
              captions: input.reelScript?.captions ?? [],
              outro: input.reelScript?.outro ?? [brand.name],
              brandColor: brand.brandColor,
              secondsPerPhoto: input.secondsPerPhoto ?? 3,
            },
            workDir,
            timeoutMs: RENDER_TIMEOUT_MS,
          },
          (share: number) => progress(5 + share * 90),
        ).catch((error: unknown) => {
          throw error instanceof OffThreadError && error.originalName === 'RenderError'
            ? new RenderError(error.message)
            : error;
        });
        await reportProgress(96, 'Video wird gespeichert');
        const key = `tenants/${tenantId}/ai/${row.id}/reel.mp4`;
        await platform.files.put(key, await readFile(file));
        await finishGeneration(withTenant, row, {
          files: [
            {
              key,
              contentType: 'video/mp4',
              label: `Reel ${probe.width} × ${probe.height}`,
              sizeBytes: probe.sizeBytes,
              width: probe.width,
              height: probe.height,
              durationSeconds: Math.round(probe.durationSeconds * 10) / 10,
            },
          ],
          videoSeconds: Math.round(probe.durationSeconds),
        });
        await reportProgress(100, 'Fertig');
        return { rendered: row.id, seconds: probe.durationSeconds, bytes: probe.sizeBytes };
      } catch (error) {
        const final = error instanceof RenderError || attempt >= maxAttempts;
        if (final)
          await failGeneration(
            withTenant,
            row,
            error instanceof RenderError ? error.message : 'Das Video konnte nicht gerendert werden.',
          );
        if (error instanceof RenderError) throw new PermanentJobError(error.message);
        throw error;
      } finally {
        await rm(workDir, { recursive: true, force: true });
      }
    },
  });
