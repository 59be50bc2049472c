/**
 * What went wrong at a platform, in the terms the publisher acts on:
 * - `auth`: the token is expired or revoked → refresh once, else "needs reconnect";
 * - `rate_limit`: wait `retryAfterSeconds`, then try again (delay, do not fail);
 * - `retryable`: a 5xx or transient error → retry with backoff;
 * - `unknown_outcome`: the request may have reached the platform → check, never re-post blindly;
 * - `permanent`: the post itself is refused → show the message, do not retry.
 */
export type ProviderErrorKind = 'auth' | 'rate_limit' | 'retryable' | 'unknown_outcome' | 'permanent';

export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    readonly kind: ProviderErrorKind,
    /** Platform error code, e.g. "190", "9007/2207027", "http_503". */
    readonly code: string,
    /** German, for the broker; the platform's own text goes to `detail`. */
    message: string,
    readonly detail?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
