import { createHash, randomUUID } from 'node:crypto';
import type { TextStreamPart, ToolSet } from 'ai';
import type { TenantRequestContext } from '../../../platform/http/access-control.js';
import { AppError, badRequest } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import type {
  BudgetState,
  ComplianceResult,
  GenerationView,
  TextProviderId,
  TextRequest,
  TextStreamEvent,
} from '../contract.js';
import { checkListingText } from '../domain/compliance/check-listing-text.js';
import { splitSubject } from '../domain/email-subject.js';
import { generateOfflineText, type OfflineFacts, offlineSupports } from '../domain/offline/offline-text.js';
import type { PriceEntry } from '../domain/price-table.js';
import { priceUsage } from '../domain/price-table.js';
import { buildTextPrompt } from '../domain/prompt.js';
import { AiProviderError, toProviderError } from '../providers/provider-error.js';
import { aiSdk, textModel } from '../providers/text-models.js';
import {
  type ConfiguredProvider,
  checkBudgets,
  providerChain,
  readAiSettings,
  type TenantAiRow,
} from './ai-settings.js';
import { recordGeneration } from './generation-store.js';
import { loadFacts } from './load-facts.js';

export const OFFLINE_TEXT_MODEL = 'vorlagen-v1';
const MAX_TOKENS = { short: 400, medium: 900, long: 1600 } as const;

interface CachedText {
  text: string;
  tokensIn: number | null;
  tokensOut: number | null;
}

/** A prepared text generation: the events to stream, produced whether or not anyone still listens. */
export type TextRun = AsyncGenerator<TextStreamEvent>;

const LISTING_TYPES = new Set(['property_description', 'social_post']);

/** The compliance check for texts that advertise a listing; other texts get none. */
export function complianceFor(
  request: TextRequest,
  facts: OfflineFacts,
  text: string,
): ComplianceResult | null {
  if (!facts.listing || !LISTING_TYPES.has(request.type)) return null;
  return checkListingText(text, request.language, {
    ...facts.listing,
    currentYear: new Date().getFullYear(),
  });
}

export function cacheKeyOf(
  provider: string,
  model: string,
  system: string,
  prompt: string,
  params: object,
): string {
  const hash = createHash('sha256')
    .update(JSON.stringify({ provider, model, system, prompt, params }))
    .digest('hex');
  return `ai:text:${hash}`;
}

export class TextService {
  constructor(
    private readonly platform: Platform,
    private readonly prices: () => PriceEntry[],
  ) {}

  /**
   * Everything that can refuse the request happens before the first event: validation,
   * budget, and the first provider's first chunk (so fallback can still step in).
   */
  async start(ctx: TenantRequestContext, request: TextRequest): Promise<TextRun> {
    const facts = await loadFacts(this.platform, ctx, request);
    const settings = await ctx.db((tx) => readAiSettings(tx));
    const requested = request.provider === 'offline' ? undefined : request.provider;
    const chain =
      request.provider === 'offline'
        ? []
        : providerChain(this.platform, settings, 'text', requested, request.model);
    if (requested && chain.length === 0)
      throw badRequest(
        'provider_not_configured',
        `Der Anbieter „${requested}“ ist nicht eingerichtet oder abgeschaltet.`,
      );
    if (chain.length === 0) return this.offline(ctx, request, facts);
    return this.online(ctx, request, facts, chain, settings.tenant);
  }

  private async offline(
    ctx: TenantRequestContext,
    request: TextRequest,
    facts: OfflineFacts,
  ): Promise<TextRun> {
    const support = offlineSupports(request);
    if (!support.ok) throw badRequest(support.code, support.message);
    const started = Date.now();
    const { text, subject } = generateOfflineText(request, facts);
    const id = randomUUID();
    const generation = await recordGeneration(ctx, {
      id,
      kind: 'text',
      request,
      provider: 'offline',
      model: OFFLINE_TEXT_MODEL,
      prompt: '',
      outputText: subject ? `Betreff: ${subject}\n\n${text}` : text,
      durationMs: Date.now() - started,
    });
    return completeRun(
      {
        generationId: id,
        provider: 'offline',
        model: OFFLINE_TEXT_MODEL,
        offline: true,
        cacheHit: false,
        fallbackFrom: null,
        budgetWarnings: [],
      },
      generation,
      complianceFor(request, facts, text),
    );
  }

  private async online(
    ctx: TenantRequestContext,
    request: TextRequest,
    facts: OfflineFacts,
    chain: ConfiguredProvider[],
    tenantSettings: TenantAiRow | null,
  ): Promise<TextRun> {
    const { system, prompt } = buildTextPrompt(request, facts);
    const env = this.platform.config.env;
    const failures: AiProviderError[] = [];
    let refused: AppError | null = null;
    for (const provider of chain) {
      let warnings: BudgetState[];
      try {
        warnings = await ctx.db((tx) => checkBudgets(tx, tenantSettings, provider.row));
      } catch (error) {
        if (error instanceof AppError && error.statusCode === 402) {
          refused ??= error;
          continue;
        }
        throw error;
      }
      const params = {
        tone: request.tone,
        language: request.language,
        length: request.length,
        variant: request.variant,
      };
      const key = cacheKeyOf(provider.id, provider.connection.model, system, prompt, params);
      const fallbackFrom = failures[0] ? { from: failures[0].provider, reason: failures[0].message } : null;
      const cached = env.AI_CACHE_TTL_HOURS > 0 ? await this.platform.cache.get<CachedText>(key) : undefined;
      if (cached)
        return this.fromCache(
          ctx,
          request,
          facts,
          provider,
          { system, prompt },
          cached,
          warnings,
          fallbackFrom,
        );

      const started = Date.now();
      const { streamText } = await aiSdk();
      const stream = streamText({
        model: await textModel(provider.id as TextProviderId, provider.connection),
        system,
        prompt,
        maxOutputTokens: request.type.startsWith('email_') ? 700 : MAX_TOKENS[request.length],
        maxRetries: env.AI_MAX_RETRIES,
        abortSignal: AbortSignal.timeout(env.AI_TIMEOUT_SECONDS * 1000),
        // Errors arrive as stream parts and are handled there; the SDK would print them too.
        onError: () => undefined,
      });
      const parts = stream.fullStream[Symbol.asyncIterator]();
      const first = await firstText(parts);
      if (first.text === undefined) {
        failures.push(toProviderError(provider.id, first.error));
        if (!failures.at(-1)?.fallbackWorthy) break;
        continue;
      }
      return this.streamOnline(
        ctx,
        request,
        facts,
        provider,
        { system, prompt, key },
        first.text,
        parts,
        started,
        warnings,
        fallbackFrom,
      );
    }
    if (failures.length === 0 && refused) throw refused;
    const failure = failures[0] ?? new AiProviderError('ki', null, 'Kein KI-Anbieter verfügbar.', false);
    await recordGeneration(ctx, {
      id: randomUUID(),
      kind: 'text',
      request,
      provider: failure.provider,
      model: chain.find((p) => p.id === failure.provider)?.connection.model ?? '',
      prompt,
      status: 'fehler',
      error: failures.map((f) => f.message).join(' · '),
    });
    throw new AppError(
      502,
      'provider_failed',
      failures.map((f) => f.message).join(' · ') || failure.message,
      {
        providers: failures.map((f) => ({ provider: f.provider, status: f.status })),
      },
    );
  }

  private async fromCache(
    ctx: TenantRequestContext,
    request: TextRequest,
    facts: OfflineFacts,
    provider: ConfiguredProvider,
    prompts: { system: string; prompt: string },
    cached: CachedText,
    warnings: BudgetState[],
    fallbackFrom: { from: string; reason: string } | null,
  ): Promise<TextRun> {
    const id = randomUUID();
    const generation = await recordGeneration(ctx, {
      id,
      kind: 'text',
      request,
      provider: provider.id,
      model: provider.connection.model,
      prompt: prompts.prompt,
      outputText: cached.text,
      tokensIn: cached.tokensIn,
      tokensOut: cached.tokensOut,
      cacheHit: true,
      durationMs: 0,
      fallbackFrom,
    });
    return completeRun(
      {
        generationId: id,
        provider: provider.id,
        model: provider.connection.model,
        offline: false,
        cacheHit: true,
        fallbackFrom: fallbackFrom?.from ?? null,
        budgetWarnings: warnings,
      },
      generation,
      complianceFor(request, facts, splitSubject(cached.text).body),
    );
  }

  private async streamOnline(
    ctx: TenantRequestContext,
    request: TextRequest,
    facts: OfflineFacts,
    provider: ConfiguredProvider,
    prompts: { system: string; prompt: string; key: string },
    firstChunk: string,
    parts: AsyncIterator<TextStreamPart<ToolSet>>,
    started: number,
    warnings: BudgetState[],
    fallbackFrom: { from: string; reason: string } | null,
  ): Promise<TextRun> {
    const { platform, prices } = this;
    const id = randomUUID();
    return (async function* () {
      yield {
        type: 'start',
        generationId: id,
        provider: provider.id,
        model: provider.connection.model,
        offline: false,
        cacheHit: false,
        fallbackFrom: fallbackFrom?.from ?? null,
        budgetWarnings: warnings,
      };
      let text = firstChunk;
      yield { type: 'delta', text: firstChunk };
      let usage: { inputTokens?: number; outputTokens?: number } = {};
      let failure: AiProviderError | null = null;
      for (;;) {
        const next = await parts.next();
        if (next.done) break;
        const part = next.value;
        if (part.type === 'text-delta') {
          text += part.text;
          yield { type: 'delta', text: part.text };
        } else if (part.type === 'finish') usage = part.totalUsage;
        else if (part.type === 'error') failure = toProviderError(provider.id, part.error);
      }
      const tokensIn = usage.inputTokens ?? null;
      const tokensOut = usage.outputTokens ?? null;
      const priced = priceUsage(
        prices(),
        provider.id,
        provider.connection.model,
        { tokensIn, tokensOut },
        new Date(),
      );
      const generation = await recordGeneration(ctx, {
        id,
        kind: 'text',
        request,
        provider: provider.id,
        model: provider.connection.model,
        prompt: prompts.prompt,
        outputText: text,
        tokensIn,
        tokensOut,
        ...priced,
        durationMs: Date.now() - started,
        fallbackFrom,
        status: failure ? 'fehler' : 'fertig',
        error: failure?.message ?? null,
      });
      if (failure) {
        yield { type: 'error', code: 'provider_failed', message: failure.message };
        return;
      }
      const ttl = platform.config.env.AI_CACHE_TTL_HOURS * 3_600_000;
      if (ttl > 0) await platform.cache.set<CachedText>(prompts.key, { text, tokensIn, tokensOut }, ttl);
      yield { type: 'done', generation, compliance: complianceFor(request, facts, splitSubject(text).body) };
    })();
  }
}

/** A run whose text is complete before it starts: offline texts and cache hits. */
function completeRun(
  start: Omit<Extract<TextStreamEvent, { type: 'start' }>, 'type'>,
  generation: GenerationView,
  compliance: ComplianceResult | null,
): TextRun {
  return (async function* (): TextRun {
    yield { type: 'start', ...start };
    yield { type: 'delta', text: generation.outputText ?? '' };
    yield { type: 'done', generation, compliance };
  })();
}

/** Reads the stream up to its first text; an error before that means the provider failed. */
async function firstText(
  parts: AsyncIterator<TextStreamPart<ToolSet>>,
): Promise<{ text: string; error?: undefined } | { error: unknown; text?: undefined }> {
  for (;;) {
    const next = await parts
      .next()
      .catch((error: unknown) => ({ done: false as const, value: { type: 'error' as const, error } }));
    if (next.done) return { error: new Error('leere Antwort') };
    const part = next.value;
    if (part.type === 'text-delta' && part.text) return { text: part.text };
    if (part.type === 'error') return { error: part.error };
  }
}
