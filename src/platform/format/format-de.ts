/**
 * The one place that decides how ImmoXX writes dates, numbers, money and areas for people.
 * Pure Intl, no Node or DOM APIs, so server-rendered pages, PDFs, e-mails and the web client
 * all print "14.03.2034", "12,4 m²" and "450.000 €" the same way.
 */
export type Lang = 'de' | 'en' | string;

const localeOf = (lang: Lang = 'de') => (lang === 'en' ? 'en-GB' : 'de-DE');
const TIME_ZONE = 'Europe/Berlin';

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let nf = cache.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(localeOf(lang), options);
    cache.set(key, nf);
  }
  return nf;
}

const DAY_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar day: "2034-03-14" (kept as that day, never shifted through time zones) or an
 * instant (shown as the day it is in Berlin). "–" for nothing, so a PDF never prints "null".
 */
export function formatDate(value: string | Date | null | undefined, lang: Lang = 'de'): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'string') {
    const day = DAY_ONLY.exec(value);
    if (day) {
      const date = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
      return date.toLocaleDateString(localeOf(lang), {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        timeZone: 'UTC',
      });
    }
  }
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toLocaleDateString(localeOf(lang), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: TIME_ZONE,
  });
}

/** "14.03.2034, 09:30" in Berlin time. */
export function formatDateTime(value: string | Date | null | undefined, lang: Lang = 'de'): string {
  if (value === null || value === undefined || value === '') return '–';
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toLocaleString(localeOf(lang), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: TIME_ZONE,
  });
}

/** "09:30" in Berlin time. */
export function formatTime(value: string | Date, lang: Lang = 'de'): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  return date.toLocaleTimeString(localeOf(lang), { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE });
}

/** "12,4" — at most `digits` decimals, German grouping. */
export function formatNumber(value: number | null | undefined, lang: Lang = 'de', digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return numberFormat(lang, { maximumFractionDigits: digits }).format(value);
}

/** "12,4 m²". */
export function formatArea(value: number | null | undefined, lang: Lang = 'de', digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `${formatNumber(value, lang, digits)}\u00a0m²`;
}

/** "450.000 €" for whole amounts, "1.234,50 €" otherwise; `whole` rounds to euros. */
export function formatEuro(
  value: number | null | undefined,
  lang: Lang = 'de',
  options: { whole?: boolean } = {},
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const whole = options.whole ?? Number.isInteger(value);
  return numberFormat(lang, {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(value);
}

/** A cents amount as euros. */
export const formatCents = (
  cents: number | null | undefined,
  lang: Lang = 'de',
  options: { whole?: boolean } = {},
) => (cents === null || cents === undefined ? '–' : formatEuro(cents / 100, lang, options));

/** "3,50 %" — rates with fixed decimals, as banks print them. */
export function formatPercent(value: number | null | undefined, lang: Lang = 'de', digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `${numberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value)}\u00a0%`;
}

/** "2026-12" → "12/2026". */
export const formatMonth = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

const WIN_ANSI_STAND_INS: Record<string, string> = { '\u2212': '-', '\u2264': '<=', '\u2265': '>=' };

/**
 * Standard PDF fonts speak WinAnsi: the narrow no-break space Intl puts before "€", the
 * no-break space before units and the minus sign of a valuation step are not in it (pdfkit
 * would print the minus as a quotation mark).
 */
export const winAnsi = (text: string) =>
  text.replace(/[\u202f\u00a0]/g, ' ').replace(/[\u2212\u2264\u2265]/g, (c) => WIN_ANSI_STAND_INS[c] ?? c);

/** File sizes in binary steps (1 KB = 1024 B), as file managers show them: 12,4 MB. */
export function formatBytes(bytes: number, lang: Lang = 'de'): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** Costs in US dollars with enough digits that a 0.0005 $ call does not read as zero. */
export function formatUsd(value: number): string {
  const digits = value === 0 ? 2 : value < 0.01 ? 4 : 2;
  return `${value.toLocaleString('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits })} US-$`;
}
