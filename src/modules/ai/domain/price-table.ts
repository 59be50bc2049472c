import { z } from 'zod';

/**
 * Prices per provider and model in US dollars, each with the date it applies from. A call is
 * priced by the newest entry that was valid on the day of the call, so an old history keeps
 * its old prices when the table gets a new row. Offices can override or extend it with
 * `AI_PRICE_TABLE_FILE` (a JSON array of the same entries).
 */
export const priceEntrySchema = z.object({
  provider: z.string().min(1),
  model: z.string().min(1),
  validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  inputPerMillionTokens: z.number().min(0).default(0),
  outputPerMillionTokens: z.number().min(0).default(0),
  perImage: z.number().min(0).default(0),
  perVideoSecond: z.number().min(0).default(0),
  source: z.string().default(''),
});
export type PriceEntry = z.infer<typeof priceEntrySchema>;

const entry = (e: z.input<typeof priceEntrySchema>) => priceEntrySchema.parse(e);

export const DEFAULT_PRICES: PriceEntry[] = [
  entry({
    provider: 'deepseek',
    model: 'deepseek-chat',
    validFrom: '2025-09-05',
    inputPerMillionTokens: 0.56,
    outputPerMillionTokens: 1.68,
    source: 'https://api-docs.deepseek.com/quick_start/pricing',
  }),
  entry({
    provider: 'deepseek',
    model: 'deepseek-chat',
    validFrom: '2025-09-29',
    inputPerMillionTokens: 0.28,
    outputPerMillionTokens: 0.42,
    source: 'https://api-docs.deepseek.com/quick_start/pricing',
  }),
  entry({
    provider: 'deepseek',
    model: 'deepseek-reasoner',
    validFrom: '2025-09-29',
    inputPerMillionTokens: 0.28,
    outputPerMillionTokens: 0.42,
    source: 'https://api-docs.deepseek.com/quick_start/pricing',
  }),
  entry({
    provider: 'openai',
    model: 'gpt-4.1-mini',
    validFrom: '2025-04-14',
    inputPerMillionTokens: 0.4,
    outputPerMillionTokens: 1.6,
    source: 'https://openai.com/api/pricing/',
  }),
  entry({
    provider: 'openai',
    model: 'gpt-4.1',
    validFrom: '2025-04-14',
    inputPerMillionTokens: 2,
    outputPerMillionTokens: 8,
    source: 'https://openai.com/api/pricing/',
  }),
  entry({
    provider: 'openai',
    model: 'gpt-4o-mini',
    validFrom: '2024-07-18',
    inputPerMillionTokens: 0.15,
    outputPerMillionTokens: 0.6,
    source: 'https://openai.com/api/pricing/',
  }),
  entry({
    provider: 'openai',
    model: 'gpt-image-1',
    validFrom: '2025-04-23',
    perImage: 0.042,
    source: 'https://openai.com/api/pricing/ (1024×1024, medium)',
  }),
  entry({
    provider: 'openai',
    model: 'dall-e-3',
    validFrom: '2023-11-06',
    perImage: 0.04,
    source: 'https://openai.com/api/pricing/ (1024×1024, standard)',
  }),
  entry({
    provider: 'gemini',
    model: 'gemini-2.5-flash',
    validFrom: '2025-06-17',
    inputPerMillionTokens: 0.3,
    outputPerMillionTokens: 2.5,
    source: 'https://ai.google.dev/gemini-api/docs/pricing',
  }),
  entry({
    provider: 'gemini',
    model: 'gemini-2.5-pro',
    validFrom: '2025-06-17',
    inputPerMillionTokens: 1.25,
    outputPerMillionTokens: 10,
    source: 'https://ai.google.dev/gemini-api/docs/pricing',
  }),
  entry({
    provider: 'qwen',
    model: 'qwen-plus',
    validFrom: '2025-04-28',
    inputPerMillionTokens: 0.4,
    outputPerMillionTokens: 1.2,
    source: 'https://www.alibabacloud.com/help/en/model-studio/models',
  }),
  entry({
    provider: 'qwen',
    model: 'qwen-max',
    validFrom: '2025-01-25',
    inputPerMillionTokens: 1.6,
    outputPerMillionTokens: 6.4,
    source: 'https://www.alibabacloud.com/help/en/model-studio/models',
  }),
  entry({
    provider: 'qwen',
    model: 'qwen-turbo',
    validFrom: '2024-11-01',
    inputPerMillionTokens: 0.05,
    outputPerMillionTokens: 0.2,
    source: 'https://www.alibabacloud.com/help/en/model-studio/models',
  }),
  entry({
    provider: 'stability',
    model: 'core',
    validFrom: '2024-04-17',
    perImage: 0.03,
    source: 'https://platform.stability.ai/pricing (3 credits)',
  }),
  entry({
    provider: 'stability',
    model: 'ultra',
    validFrom: '2024-04-17',
    perImage: 0.08,
    source: 'https://platform.stability.ai/pricing (8 credits)',
  }),
  entry({
    provider: 'stability',
    model: 'sd3.5-large',
    validFrom: '2024-10-22',
    perImage: 0.065,
    source: 'https://platform.stability.ai/pricing (6.5 credits)',
  }),
  entry({
    provider: 'runway',
    model: 'gen4_turbo',
    validFrom: '2025-04-01',
    perVideoSecond: 0.05,
    source: 'https://docs.dev.runwayml.com/guides/pricing/ (5 credits/s)',
  }),
];

export interface Usage {
  tokensIn?: number | null;
  tokensOut?: number | null;
  images?: number | null;
  videoSeconds?: number | null;
}

export interface PricedUsage {
  costMicros: number;
  priceRef: string | null;
}

/** The newest entry for provider and model valid on `at`; self-hosted endpoints have none and cost 0. */
export function findPrice(table: PriceEntry[], provider: string, model: string, at: Date): PriceEntry | null {
  const day = at.toISOString().slice(0, 10);
  return (
    table
      .filter((e) => e.provider === provider && e.model === model && e.validFrom <= day)
      .sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0] ?? null
  );
}

/** Cost in millionths of a dollar; rounded once, at the end, so tiny calls do not vanish. */
export function priceUsage(
  table: PriceEntry[],
  provider: string,
  model: string,
  usage: Usage,
  at: Date,
): PricedUsage {
  const price = findPrice(table, provider, model, at);
  if (!price) return { costMicros: 0, priceRef: null };
  const dollars =
    ((usage.tokensIn ?? 0) * price.inputPerMillionTokens) / 1_000_000 +
    ((usage.tokensOut ?? 0) * price.outputPerMillionTokens) / 1_000_000 +
    (usage.images ?? 0) * price.perImage +
    (usage.videoSeconds ?? 0) * price.perVideoSecond;
  return { costMicros: Math.round(dollars * 1_000_000), priceRef: `${provider}/${model}@${price.validFrom}` };
}

/** The built-in table with an office's file on top: same provider, model and date replaces. */
export function mergePriceTables(base: PriceEntry[], extra: PriceEntry[]): PriceEntry[] {
  const key = (e: PriceEntry) => `${e.provider}|${e.model}|${e.validFrom}`;
  const merged = new Map(base.map((e) => [key(e), e]));
  for (const e of extra) merged.set(key(e), e);
  return [...merged.values()];
}
