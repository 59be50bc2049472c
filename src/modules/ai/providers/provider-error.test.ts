import { describe, expect, it } from 'vitest';
import { toProviderError } from './provider-error.js';
import { aiSdk } from './text-models.js';

describe('toProviderError', () => {
  it('reads the SDK’s API errors (loaded on first use) into German with the provider’s message', async () => {
    const { APICallError, RetryError } = await aiSdk();
    const limited = new APICallError({
      message: 'Too Many Requests',
      url: 'https://api.openai.com/v1/chat/completions',
      requestBodyValues: {},
      statusCode: 429,
      responseBody: JSON.stringify({ error: { message: 'Rate limit reached for gpt-4o-mini' } }),
    });
    const retried = new RetryError({
      message: 'failed after 3 attempts',
      reason: 'maxRetriesExceeded',
      errors: [limited],
    });
    const mapped = toProviderError('openai', retried);
    expect(mapped.status).toBe(429);
    expect(mapped.fallbackWorthy).toBe(true);
    expect(mapped.message).toBe(
      'openai: Rate-Limit erreicht (HTTP 429) – Rate limit reached for gpt-4o-mini',
    );
    const refused = new APICallError({
      message: 'Bad Request',
      url: 'https://api.openai.com/v1/chat/completions',
      requestBodyValues: {},
      statusCode: 400,
    });
    expect(toProviderError('openai', refused).fallbackWorthy).toBe(false);
  });

  it('treats timeouts as worth trying the next provider', () => {
    const timeout = new DOMException('The operation timed out.', 'TimeoutError');
    expect(toProviderError('gemini', timeout)).toMatchObject({ status: null, fallbackWorthy: true });
  });
});
