import { AiProviderError, providerMessage } from './provider-error.js';

export interface RetryPolicy {
  maxRetries: number;
  timeoutMs: number;
  /** First wait; doubles with every retry unless the provider says how long (Retry-After). */
  baseDelayMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function retryAfterMs(response: Response, fallback: number): number {
  const ms = Number(response.headers.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return Math.min(ms, 60_000);
  const seconds = Number(response.headers.get('retry-after'));
  if (Number.isFinite(seconds) && seconds >= 0 && response.headers.get('retry-after') !== null)
    return Math.min(seconds * 1000, 60_000);
  return fallback;
}

/**
 * fetch for the providers the AI SDK does not cover (Stability, Runway): a timeout per try,
 * retries on 429 and 5xx with exponential backoff or the provider's Retry-After, and a
 * German error naming the provider when it gives up.
 */
export async function fetchWithRetry(
  provider: string,
  url: string,
  init: RequestInit,
  policy: RetryPolicy,
): Promise<Response> {
  let delay = policy.baseDelayMs;
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(policy.timeoutMs) });
    } catch (error) {
      if (attempt < policy.maxRetries) {
        await sleep(delay);
        delay *= 2;
        continue;
      }
      const timeout =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new AiProviderError(
        provider,
        null,
        timeout ? `${provider}: keine Antwort innerhalb der Zeitgrenze` : `${provider}: nicht erreichbar`,
        true,
      );
    }
    if (response.ok) return response;
    const retryable = response.status === 429 || response.status >= 500;
    if (retryable && attempt < policy.maxRetries) {
      await response.body?.cancel();
      await sleep(retryAfterMs(response, delay));
      delay *= 2;
      continue;
    }
    const body = await response.text();
    throw new AiProviderError(
      provider,
      response.status,
      `${provider}: HTTP ${response.status} – ${providerMessage(body) ?? response.statusText}`,
      retryable,
    );
  }
}
