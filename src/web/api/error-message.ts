import type { TFunction } from 'i18next';
import { ApiError } from './client.js';

/** A message a broker can act on, from whatever went wrong. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.code === 'network_error') return t('errors.network');
    if (error.code === 'validation_failed') {
      const issues =
        (error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? [];
      if (issues.length > 0)
        return issues.map((i) => `${i.path.replace(/^body\./, '')}: ${i.message}`).join(' · ');
    }
    return error.message;
  }
  return t('common.error');
}

/** Field-level messages of a validation error, keyed by the body field's path ("energyValue"). */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return {};
  const issues =
    (error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? [];
  const out: Record<string, string> = {};
  for (const issue of issues) out[issue.path.replace(/^body\./, '')] ??= issue.message;
  return out;
}
