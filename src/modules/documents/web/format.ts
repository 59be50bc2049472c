import type { DocumentView } from '../contract.js';

const locale = (lang: string) => (lang === 'en' ? 'en-GB' : 'de-DE');

export { formatBytes } from '../../../platform/format/format-de.js';

/** A calendar day (YYYY-MM-DD) in the reader's format, without shifting it through time zones. */
export function formatDay(day: string, lang: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).toLocaleDateString(locale(lang), {
    dateStyle: 'medium',
    timeZone: 'UTC',
  });
}

export { formatDateTime } from '../../crm/web/format.js';

export const EXPIRY_TONE: Record<DocumentView['expiry'], 'gray' | 'green' | 'amber' | 'red'> = {
  keine: 'gray',
  gueltig: 'green',
  laeuft_ab: 'amber',
  abgelaufen: 'red',
};

/** Documents whose text is still being read; their list is polled until it settles. */
export const isReading = (d: Pick<DocumentView, 'text'>) =>
  d.text.status === 'ausstehend' || d.text.status === 'laeuft';
