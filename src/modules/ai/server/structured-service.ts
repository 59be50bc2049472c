import { randomUUID } from 'node:crypto';
import type { TenantRequestContext } from '../../../platform/http/access-control.js';
import { AppError } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import type {
  StructuredOutputRequest,
  StructuredOutputResult,
} from '../../../platform/modules/structured-output.js';
import type { TextProviderId } from '../contract.js';
import { type PriceEntry, priceUsage } from '../domain/price-table.js';
import { type AiProviderError, toProviderError } from '../providers/provider-error.js';
import { aiSdk, textModel } from '../providers/text-models.js';
import { checkBudgets, providerChain, readAiSettings } from './ai-settings.js';
import { recordGeneration } from './generation-store.js';

/**
 * A schema-checked object from the office's text provider (JSON-schema output through the AI
 * SDK), with the same budget, fallback and history as studio texts. Without a configured
 * provider it answers `unconfigured`, and the caller uses its offline way.
 */
export async function generateStructured<T>(
  platform: Platform,
  ctx: TenantRequestContext,
  request: StructuredOutputRequest<T>,
  prices: () => PriceEntry[],
): Promise<StructuredOutputResult<T>> {
  const settings = await ctx.db((tx) => readAiSettings(tx));
  const chain = providerChain(platform, settings, 'text', undefined, undefined);
  if (chain.length === 0) return { status: 'unconfigured' };
  const env = platform.config.env;
  const failures: AiProviderError[] = [];
  let refused: string | null = null;
  for (const provider of chain) {
    try {
      await ctx.db((tx) => checkBudgets(tx, settings.tenant, provider.row));
    } catch (error) {
      if (error instanceof AppError && error.statusCode === 402) {
        refused ??= error.message;
        continue;
      }
      throw error;
    }
    const started = Date.now();
    const base = {
      id: randomUUID(),
      kind: 'text' as const,
      request: { type: request.purpose, prompt: request.prompt },
      provider: provider.id,
      model: provider.connection.model,
      prompt: request.prompt,
      fallbackFrom: failures[0] ? { from: failures[0].provider, reason: failures[0].message } : null,
    };
    try {
      const { generateObject } = await aiSdk();
      const result = await generateObject({
        model: await textModel(provider.id as TextProviderId, provider.connection),
        schema: request.schema,
        schemaName: request.schemaName,
        system: request.system,
        prompt: request.prompt,
        maxRetries: env.AI_MAX_RETRIES,
        abortSignal: AbortSignal.timeout(env.AI_TIMEOUT_SECONDS * 1000),
      });
      const tokensIn = result.usage.inputTokens ?? null;
      const tokensOut = result.usage.outputTokens ?? null;
      await recordGeneration(ctx, {
        ...base,
        outputText: JSON.stringify(result.object),
        tokensIn,
        tokensOut,
        ...priceUsage(prices(), provider.id, provider.connection.model, { tokensIn, tokensOut }, new Date()),
        durationMs: Date.now() - started,
      });
      return {
        status: 'ok',
        value: result.object as T,
        provider: provider.id,
        model: provider.connection.model,
      };
    } catch (error) {
      const failure = toProviderError(provider.id, error);
      failures.push(failure);
      await recordGeneration(ctx, {
        ...base,
        status: 'fehler',
        error: failure.message,
        durationMs: Date.now() - started,
      });
      if (!failure.fallbackWorthy) break;
    }
  }
  return {
    status: 'failed',
    reason: failures.map((f) => f.message).join(' · ') || refused || 'Kein KI-Anbieter verfügbar.',
  };
}
