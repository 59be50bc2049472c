import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICES, findPrice, mergePriceTables, priceEntrySchema, priceUsage } from './price-table.js';

describe('price table', () => {
  it('prices tokens with the entry valid on the day of the call', () => {
    const before = priceUsage(
      DEFAULT_PRICES,
      'deepseek',
      'deepseek-chat',
      { tokensIn: 1_000_000, tokensOut: 1_000_000 },
      new Date('2025-09-10'),
    );
    expect(before).toEqual({ costMicros: 2_240_000, priceRef: 'deepseek/deepseek-chat@2025-09-05' });
    const after = priceUsage(
      DEFAULT_PRICES,
      'deepseek',
      'deepseek-chat',
      { tokensIn: 1200, tokensOut: 350 },
      new Date('2026-11-24'),
    );
    // 1200 × 0.28 / 1e6 + 350 × 0.42 / 1e6 = 0.000336 + 0.000147 dollars
    expect(after).toEqual({ costMicros: 483, priceRef: 'deepseek/deepseek-chat@2025-09-29' });
  });

  it('prices images and video seconds', () => {
    expect(
      priceUsage(DEFAULT_PRICES, 'stability', 'core', { images: 2 }, new Date('2026-01-01')).costMicros,
    ).toBe(60_000);
    expect(
      priceUsage(DEFAULT_PRICES, 'runway', 'gen4_turbo', { videoSeconds: 5 }, new Date('2026-01-01'))
        .costMicros,
    ).toBe(250_000);
  });

  it('charges nothing for models without a price (self-hosted) and before a price existed', () => {
    expect(priceUsage(DEFAULT_PRICES, 'compatible', 'llama3.1', { tokensIn: 5000 }, new Date())).toEqual({
      costMicros: 0,
      priceRef: null,
    });
    expect(findPrice(DEFAULT_PRICES, 'openai', 'gpt-4.1', new Date('2024-01-01'))).toBeNull();
  });

  it("lets an office's table replace and extend the built-in one", () => {
    const extra = [
      priceEntrySchema.parse({
        provider: 'compatible',
        model: 'llama3.1',
        validFrom: '2026-01-01',
        inputPerMillionTokens: 0.1,
      }),
      priceEntrySchema.parse({
        provider: 'openai',
        model: 'gpt-4o-mini',
        validFrom: '2024-07-18',
        inputPerMillionTokens: 1,
      }),
    ];
    const merged = mergePriceTables(DEFAULT_PRICES, extra);
    expect(merged).toHaveLength(DEFAULT_PRICES.length + 1);
    expect(
      priceUsage(merged, 'openai', 'gpt-4o-mini', { tokensIn: 1_000_000 }, new Date('2026-01-01')).costMicros,
    ).toBe(1_000_000);
  });
});
