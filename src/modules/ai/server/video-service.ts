import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { TenantRequestContext } from '../../../platform/http/access-control.js';
import { badRequest } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import type { BudgetState, GenerationView, VideoRequest } from '../contract.js';
import { energyLine, outroLines, reelCaptions } from '../domain/graphic-lines.js';
import { aiGeneration } from '../schema.js';
import { checkBudgets, providerChain, readAiSettings } from './ai-settings.js';
import { readGeneration, recordGeneration } from './generation-store.js';
import { photoKeys } from './listing-photos.js';
import { loadFacts } from './load-facts.js';

export const RENDER_REEL_JOB = 'ai.render-reel';
export const RUNWAY_VIDEO_JOB = 'ai.runway-video';
export const OFFLINE_REEL_MODEL = 'reel-v1';
export const REEL_MAX_PHOTOS = 6;

export interface VideoResult {
  generation: GenerationView;
  budgetWarnings: BudgetState[];
}

/**
 * Videos are long work: the request checks everything that can refuse it (property, photos,
 * provider, budget), records the generation as running and hands it to a job; the answer comes
 * back at once with the job's id for the progress.
 */
export class VideoService {
  constructor(private readonly platform: Platform) {}

  async start(ctx: TenantRequestContext, request: VideoRequest): Promise<VideoResult> {
    const facts = await loadFacts(this.platform, ctx, { propertyId: request.propertyId });
    if (!facts.listing) throw new Error('listing expected');
    const keys = await photoKeys(ctx.db, request.propertyId, {
      mediaIds: request.mediaIds,
      limit: request.type === 'property_reel' ? REEL_MAX_PHOTOS : 1,
    });
    if (keys.length === 0)
      throw badRequest('no_photos', 'Das Objekt hat noch keine Fotos – bitte zuerst Fotos hochladen.');

    if (request.type === 'property_reel') {
      const captions = reelCaptions(facts.listing, keys.length);
      const outro = outroLines(facts.office, facts.listing.publicUrl, energyLine(facts.listing));
      const generation = await this.enqueue(ctx, RENDER_REEL_JOB, {
        request: { ...request, reelScript: { captions, outro } },
        provider: 'offline',
        model: OFFLINE_REEL_MODEL,
        prompt: [...captions, ...outro].join('\n'),
      });
      return { generation, budgetWarnings: [] };
    }

    const settings = await ctx.db((tx) => readAiSettings(tx));
    const requested = request.provider === 'offline' ? undefined : request.provider;
    const [provider] = providerChain(this.platform, settings, 'video', requested, request.model);
    if (!provider)
      throw badRequest(
        'no_video_provider',
        'Für KI-Videos aus einem Foto ist RunwayML nötig (KI-Studio → Anbieter). Ohne Anbieter rendert das Studio ein Objekt-Reel aus den Fotos.',
      );
    const budgetWarnings = await ctx.db((tx) => checkBudgets(tx, settings.tenant, provider.row));
    const generation = await this.enqueue(ctx, RUNWAY_VIDEO_JOB, {
      request: { ...request, mediaIds: request.mediaIds?.slice(0, 1) },
      provider: provider.id,
      model: provider.connection.model,
      prompt: request.prompt ?? 'Langsame, ruhige Kamerafahrt durch den Raum, natürliches Licht.',
    });
    return { generation, budgetWarnings };
  }

  private async enqueue(
    ctx: TenantRequestContext,
    job: string,
    g: {
      request: VideoRequest & { reelScript?: { captions: string[]; outro: string[] } };
      provider: string;
      model: string;
      prompt: string;
    },
  ): Promise<GenerationView> {
    const id = randomUUID();
    await recordGeneration(ctx, { id, kind: 'video', ...g, status: 'laeuft' });
    const run = await this.platform.jobs.enqueue(
      job,
      { generationId: id },
      { tenantId: ctx.tenantId, key: id, createdBy: ctx.auth.user.id },
    );
    await ctx.db((tx) => tx.update(aiGeneration).set({ jobRunId: run.id }).where(eq(aiGeneration.id, id)));
    const view = await readGeneration(ctx, id);
    if (!view) throw new Error('generation vanished after insert');
    return view;
  }
}
