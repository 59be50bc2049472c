import { AppError } from '../http/app-error.js';

interface BetterAuthApiError {
  statusCode: number;
  body?: { code?: string; message?: string };
}

export function isAuthApiError(error: unknown): error is BetterAuthApiError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as BetterAuthApiError).statusCode === 'number' &&
    'body' in error
  );
}

/** Maps a better-auth API error to our error shape; other errors pass through unchanged. */
export function mapAuthError(error: unknown, fallback: { code: string; message: string }): unknown {
  if (!isAuthApiError(error)) return error;
  const status = error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  return new AppError(
    status,
    fallback.code,
    fallback.message,
    error.body?.code ? { reason: error.body.code } : undefined,
  );
}
