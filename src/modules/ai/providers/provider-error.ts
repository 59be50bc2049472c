import { redactSecrets } from '../../../platform/crypto/redact-secrets.js';
import { loadedAiSdk } from './text-models.js';

/** A provider call that failed, reduced to what the history and the broker need to know. */
export class AiProviderError extends Error {
  constructor(
    readonly provider: string,
    readonly status: number | null,
    message: string,
    /** Worth trying the next provider: rate limits, outages, timeouts — not a bad request. */
    readonly fallbackWorthy: boolean,
  ) {
    super(message);
    this.name = 'AiProviderError';
  }
}

const statusText = (status: number | null) =>
  status === 401 || status === 403
    ? 'API-Schlüssel abgelehnt'
    : status === 429
      ? 'Rate-Limit erreicht'
      : status === 402
        ? 'Guthaben beim Anbieter aufgebraucht'
        : status !== null && status >= 500
          ? 'Anbieter gestört'
          : 'Anfrage abgelehnt';

/**
 * Maps whatever the SDK or fetch threw onto an AiProviderError with a German message. The
 * provider's own words are kept only as far as they are a JSON error message, shortened and with
 * anything shaped like a key removed (providers echo the key they refused).
 */
export function toProviderError(provider: string, error: unknown): AiProviderError {
  const mapped = mapProviderError(provider, error);
  if (mapped === error) return mapped;
  return new AiProviderError(provider, mapped.status, redactSecrets(mapped.message), mapped.fallbackWorthy);
}

function mapProviderError(provider: string, error: unknown): AiProviderError {
  if (error instanceof AiProviderError) return error;
  const sdk = loadedAiSdk();
  const last = sdk?.RetryError.isInstance(error) ? error.lastError : error;
  if (sdk?.APICallError.isInstance(last)) {
    const status = last.statusCode ?? null;
    return new AiProviderError(
      provider,
      status,
      `${provider}: ${statusText(status)} (HTTP ${status ?? '–'})${upstreamNote(providerMessage(last.responseBody))}`,
      status === null || status === 408 || status === 429 || status >= 500,
    );
  }
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return new AiProviderError(provider, null, `${provider}: keine Antwort innerhalb der Zeitgrenze`, true);
  const message = error instanceof Error ? error.message : String(error);
  return new AiProviderError(provider, null, `${provider}: ${message}`, true);
}

const upstreamNote = (message: string | null) => (message ? ` – ${message.slice(0, 240)}` : '');

/** OpenAI, DeepSeek, Qwen: `{error:{message}}`; Gemini: `{error:{message,status}}`; Stability: `{errors:[…]}`. */
export function providerMessage(body: string | undefined): string | null {
  if (!body) return null;
  try {
    const parsed = JSON.parse(body) as {
      error?: { message?: string } | string;
      errors?: string[];
      message?: string;
    };
    if (typeof parsed.error === 'string') return parsed.error;
    return parsed.error?.message ?? parsed.errors?.join('; ') ?? parsed.message ?? null;
  } catch {
    // Not an API error but some page (a proxy, an internal host): never shown back.
    return null;
  }
}
