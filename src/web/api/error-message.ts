import type { TFunction } from 'i18next';
import { ApiError } from './client.js';

/** A message a broker can act on, from whatever went wrong. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.code === 'network_error') return t('errors.network');
    if (error.code === 'validation_failed') {
      const issues =
        (error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? [];
      if (issues.length > 0) return issues.map((i) => issueText(i, t)).join(' · ');
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

/** Where field labels live: the shared list first, then the forms of each module. */
const LABEL_KEYS = (field: string) => [
  `fields.${field}`,
  `crm:form.${field}`,
  `crm:contactForm.${field}`,
  `crm:viewings.${field}`,
  `documents:fields.${field}`,
  `finance:fields.${field}`,
  `social:fields.${field}`,
  `ai:fields.${field}`,
  `admin:settings.${field}`,
  `admin:settings.legal.${field}`,
];

/**
 * "Wohnfläche (m²): muss größer als 0 sein" — the field by its label, never its API name. A field
 * without a label is left out rather than shown as "livingArea".
 */
export function issueText(issue: { path: string; message: string }, t: TFunction): string {
  const field = issue.path.replace(/^(body|querystring|params)\.?/, '').split('.')[0] ?? '';
  if (!field || /^\d+$/.test(field)) return issue.message;
  const label = fieldLabel(field, t);
  return label ? `${label}: ${issue.message}` : issue.message;
}

/** A field's label in the reader's language, or '' when no module names it. */
export function fieldLabel(field: string, t: TFunction): string {
  return t(LABEL_KEYS(field), { defaultValue: '' });
}
