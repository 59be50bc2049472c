import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { TenantRequestContext } from '../../../platform/http/access-control.js';
import { AppError, badRequest } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import type {
  BudgetState,
  GenerationFile,
  GenerationView,
  GraphicFormat,
  ImageRequest,
} from '../contract.js';
import { graphicLines } from '../domain/graphic-lines.js';
import { type PriceEntry, priceUsage } from '../domain/price-table.js';
import { PROVIDERS } from '../providers/catalog.js';
import type { ProviderConnection } from '../providers/connection.js';
import { AiProviderError, toProviderError } from '../providers/provider-error.js';
import { stabilityGenerate } from '../providers/stability.js';
import { aiSdk } from '../providers/text-models.js';
import { type ConfiguredProvider, checkBudgets, providerChain, readAiSettings } from './ai-settings.js';
import { recordGeneration } from './generation-store.js';
import { officeBrand, photoKeys, readPhotos } from './listing-photos.js';
import { loadFacts } from './load-facts.js';
import { type RenderedImage, renderSocialGraphic } from './render/social-graphic.js';

export const OFFLINE_GRAPHIC_MODEL = 'grafik-v1';

export interface ImageResult {
  generation: GenerationView;
  budgetWarnings: BudgetState[];
}

const FORMAT_LABELS: Record<GraphicFormat, string> = {
  feed: 'Feed 1080 × 1080',
  story: 'Story/Reel 1080 × 1920',
};

/** OpenAI sizes per model; the square one for feeds, the tallest for stories. */
function openaiSize(model: string, format: GraphicFormat): `${number}x${number}` {
  if (format === 'feed') return '1024x1024';
  return model.startsWith('dall-e-3') ? '1024x1792' : '1024x1536';
}

/**
 * Images: social graphics are always composed here from the listing's own photos (an advert
 * must show the real property, so no provider invents it); free images go to an image
 * provider — OpenAI or Stability AI — with budget check, retries and fallback.
 */
export class ImageService {
  constructor(
    private readonly platform: Platform,
    private readonly prices: () => PriceEntry[],
  ) {}

  async generate(ctx: TenantRequestContext, request: ImageRequest): Promise<ImageResult> {
    if (request.type === 'social_graphic')
      return { generation: await this.graphic(ctx, request), budgetWarnings: [] };
    return this.online(ctx, request);
  }

  private fileKey(ctx: TenantRequestContext, id: string, name: string) {
    return `tenants/${ctx.tenantId}/ai/${id}/${name}`;
  }

  private async graphic(ctx: TenantRequestContext, request: ImageRequest): Promise<GenerationView> {
    const started = Date.now();
    const propertyId = request.propertyId as string;
    const facts = await loadFacts(this.platform, ctx, { propertyId });
    if (!facts.listing) throw new Error('listing expected');
    const [keys, brand] = await Promise.all([
      photoKeys(ctx.db, propertyId, { mediaIds: request.mediaId ? [request.mediaId] : undefined, limit: 1 }),
      officeBrand(this.platform, ctx.tenantId),
    ]);
    const [original] = await readPhotos(this.platform, keys);
    // Decoded once at the smallest size that still fills both frames, not once per format.
    const photo = original
      ? await sharp(original, { failOn: 'error' })
          .rotate()
          .resize(1080, 1920, { fit: 'outside', withoutEnlargement: true })
          .jpeg({ quality: 95 })
          .toBuffer()
      : null;
    const lines = graphicLines(facts.listing);
    const id = randomUUID();
    const files: GenerationFile[] = [];
    return this.keepFilesOnlyIfRecorded(files, async () => {
      for (const format of request.formats) {
        const image = await renderSocialGraphic({
          photo,
          lines,
          office: brand,
          brandColor: brand.brandColor,
          format,
        });
        files.push(await this.store(ctx, id, format, image, FORMAT_LABELS[format]));
      }
      return recordGeneration(ctx, {
        id,
        kind: 'image',
        request,
        provider: 'offline',
        model: OFFLINE_GRAPHIC_MODEL,
        prompt: '',
        outputText: [lines.headline, lines.price, lines.keyFacts.join(' · '), lines.energy]
          .filter(Boolean)
          .join('\n'),
        files,
        images: files.length,
        durationMs: Date.now() - started,
      });
    });
  }

  /**
   * Files are written before their generation row: when rendering or the row fails, the files
   * written so far are removed again instead of staying behind as orphans.
   */
  private async keepFilesOnlyIfRecorded<T>(files: GenerationFile[], work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      await Promise.all(files.map((f) => this.platform.files.delete(f.key).catch(() => undefined)));
      throw error;
    }
  }

  private async store(
    ctx: TenantRequestContext,
    id: string,
    name: string,
    image: RenderedImage,
    label: string,
  ): Promise<GenerationFile> {
    const ext = image.contentType === 'image/jpeg' ? 'jpg' : (image.contentType.split('/')[1] ?? 'bin');
    const key = this.fileKey(ctx, id, `${name}.${ext}`);
    await this.platform.files.put(key, image.data);
    return {
      key,
      contentType: image.contentType,
      label,
      sizeBytes: image.data.length,
      width: image.width,
      height: image.height,
    };
  }

  private async online(ctx: TenantRequestContext, request: ImageRequest): Promise<ImageResult> {
    const settings = await ctx.db((tx) => readAiSettings(tx));
    const requested = request.provider === 'offline' ? undefined : request.provider;
    const chain =
      request.provider === 'offline'
        ? []
        : providerChain(this.platform, settings, 'image', requested, undefined);
    if (chain.length === 0)
      throw badRequest(
        'no_image_provider',
        requested
          ? `Der Bildanbieter „${requested}“ ist nicht eingerichtet oder abgeschaltet.`
          : 'Für frei beschriebene Bilder ist ein Bildanbieter nötig (OpenAI oder Stability AI unter KI-Studio → Anbieter). Ohne Anbieter erstellt das Studio Social-Grafiken aus den Objektfotos.',
      );
    const format = request.formats[0] ?? 'feed';
    const failures: AiProviderError[] = [];
    let refused: AppError | null = null;
    for (const [index, provider] of chain.entries()) {
      let warnings: BudgetState[];
      try {
        warnings = await ctx.db((tx) => checkBudgets(tx, settings.tenant, provider.row));
      } catch (error) {
        if (error instanceof AppError && error.statusCode === 402) {
          refused ??= error;
          continue;
        }
        throw error;
      }
      const model =
        index === 0 && request.model
          ? request.model
          : (PROVIDERS[provider.id].defaultImageModel ?? provider.connection.model);
      const connection = { ...provider.connection, model };
      const started = Date.now();
      let image: RenderedImage;
      try {
        image = await this.callProvider(provider, connection, request.prompt ?? '', format);
      } catch (error) {
        failures.push(toProviderError(provider.id, error));
        if (!failures.at(-1)?.fallbackWorthy) break;
        continue;
      }
      const id = randomUUID();
      const file = await this.store(ctx, id, 'bild', image, `${provider.id} ${model}`);
      const generation = await this.keepFilesOnlyIfRecorded([file], () =>
        recordGeneration(ctx, {
          id,
          kind: 'image',
          request,
          provider: provider.id,
          model,
          prompt: request.prompt ?? '',
          files: [file],
          images: 1,
          ...priceUsage(this.prices(), provider.id, model, { images: 1 }, new Date()),
          durationMs: Date.now() - started,
          fallbackFrom: failures[0] ? { from: failures[0].provider, reason: failures[0].message } : null,
        }),
      );
      return { generation, budgetWarnings: warnings };
    }
    if (failures.length === 0 && refused) throw refused;
    const message = failures.map((f) => f.message).join(' · ') || 'Kein Bildanbieter verfügbar.';
    await recordGeneration(ctx, {
      id: randomUUID(),
      kind: 'image',
      request,
      provider: failures[0]?.provider ?? chain[0]?.id ?? 'ki',
      model: chain[0]?.connection.model ?? '',
      prompt: request.prompt ?? '',
      status: 'fehler',
      error: message,
    });
    throw new AppError(502, 'provider_failed', message, {
      providers: failures.map((f) => ({ provider: f.provider, status: f.status })),
    });
  }

  private async callProvider(
    provider: ConfiguredProvider,
    connection: ProviderConnection,
    prompt: string,
    format: GraphicFormat,
  ): Promise<RenderedImage> {
    const env = this.platform.config.env;
    if (provider.id === 'stability') {
      const result = await stabilityGenerate(
        connection,
        { prompt, aspectRatio: format === 'feed' ? '1:1' : '9:16' },
        {
          maxRetries: env.AI_MAX_RETRIES,
          timeoutMs: env.AI_TIMEOUT_SECONDS * 1000,
          baseDelayMs: env.AI_RETRY_BASE_MS,
        },
      );
      return withSize(provider.id, result.bytes, result.contentType);
    }
    // The AI SDK loads with the first image, not with the server (issue 19).
    const [{ generateImage }, { openaiImageModel }] = await Promise.all([
      aiSdk(),
      import('../providers/openai.js'),
    ]);
    const { image } = await generateImage({
      model: openaiImageModel(connection),
      prompt,
      n: 1,
      size: openaiSize(connection.model, format),
      maxRetries: env.AI_MAX_RETRIES,
      abortSignal: AbortSignal.timeout(env.AI_TIMEOUT_SECONDS * 1000),
    });
    return withSize(provider.id, Buffer.from(image.uint8Array), image.mediaType);
  }
}

/** Reads width and height from the provider's bytes; a reply that is no image is the provider's fault. */
async function withSize(provider: string, data: Buffer, contentType: string): Promise<RenderedImage> {
  try {
    const meta = await sharp(data).metadata();
    return {
      data,
      width: meta.width ?? 0,
      height: meta.height ?? 0,
      contentType: meta.format ? `image/${meta.format === 'jpeg' ? 'jpeg' : meta.format}` : contentType,
    };
  } catch {
    throw new AiProviderError(provider, null, 'Der Anbieter hat kein lesbares Bild geliefert.', true);
  }
}
