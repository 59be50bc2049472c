import type { DocumentView } from '../contract.js';

const locale = (lang: string) => (lang === 'en' ? 'en-GB' : 'de-DE');

export function formatBytes(bytes: number, lang: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

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
