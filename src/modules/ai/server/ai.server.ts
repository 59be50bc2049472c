import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { JobDefinition } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import {
  DEFAULT_PRICES,
  mergePriceTables,
  type PriceEntry,
  priceEntrySchema,
} from '../domain/price-table.js';
import { generateRoutes } from './generate.routes.js';
import { generationMediaSource } from './generation-media-source.js';
import { generationsRoutes } from './generations.routes.js';
import { ImageService } from './image-service.js';
import { mediaRoutes } from './media.routes.js';
import { providersRoutes } from './providers.routes.js';
import { renderReelJob } from './reel-job.js';
import { runwayVideoJob } from './runway-job.js';
import { generateStructured } from './structured-service.js';
import { TextService } from './text-service.js';
import { usageRoutes } from './usage.routes.js';
import { VideoService } from './video-service.js';

/** The built-in prices, with the office's `AI_PRICE_TABLE_FILE` on top; a broken file stops the start. */
export function loadPriceTable(file: string | undefined): PriceEntry[] {
  if (!file) return DEFAULT_PRICES;
  const parsed = z.array(priceEntrySchema).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(`AI_PRICE_TABLE_FILE ${file}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return mergePriceTables(DEFAULT_PRICES, parsed.data);
}

const priceTables = new WeakMap<Platform, PriceEntry[]>();
export const pricesOf = (platform: Platform) => {
  let table = priceTables.get(platform);
  if (!table) {
    table = loadPriceTable(platform.config.env.AI_PRICE_TABLE_FILE);
    priceTables.set(platform, table);
  }
  return table;
};

export const aiServer: ModuleServer = {
  mediaSources: { 'ai.generation-file': generationMediaSource },
  routes: async (app, { platform }) => {
    const texts = new TextService(platform, () => pricesOf(platform));
    await app.register(generateRoutes, { platform, texts });
    await app.register(generationsRoutes, { platform });
    await app.register(mediaRoutes, {
      platform,
      images: new ImageService(platform, () => pricesOf(platform)),
      videos: new VideoService(platform),
    });
    await app.register(providersRoutes, { platform });
    await app.register(usageRoutes, { platform });
  },
  jobs: (platform) => [
    renderReelJob(platform) as JobDefinition<never>,
    runwayVideoJob(platform, () => pricesOf(platform)) as JobDefinition<never>,
  ],
  structuredOutput: (platform, ctx, request) =>
    generateStructured(platform, ctx, request, () => pricesOf(platform)),
  onStart: async (platform) => {
    pricesOf(platform);
  },
};
