import { formatPercent } from '../../../platform/format/format-de.js';

/**
 * Close probabilities are rough: whole percent below 10 %, otherwise in steps of 5, and the
 * ends as "über 95 %" / "unter 2 %" — no false precision.
 */
export function formatProbability(p: number, lang: string): string {
  const de = lang.startsWith('de');
  if (p > 0.95) return `${de ? 'über' : 'over'} ${formatPercent(95, lang, 0)}`;
  if (p < 0.02) return `${de ? 'unter' : 'under'} ${formatPercent(2, lang, 0)}`;
  const percent = p * 100;
  const rounded = percent < 10 ? Math.round(percent) : Math.round(percent / 5) * 5;
  return formatPercent(Math.max(rounded, percent > 0 ? 1 : 0), lang, 0);
}

/** Tailwind tone of a score: hot from 70, warm from 40. */
export const scoreTone = (total: number) =>
  total >= 70
    ? 'bg-red-50 text-red-700 ring-red-600/20'
    : total >= 40
      ? 'bg-amber-50 text-amber-800 ring-amber-600/20'
      : 'bg-slate-100 text-slate-700 ring-slate-500/20';

export const euroToCents = (value: string): number | null | 'invalid' => {
  const trimmed = value.trim().replace(/\./g, '').replace(',', '.');
  if (!trimmed) return null;
  const n = Number(trimmed);
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 100) : 'invalid';
};

export const centsToEuro = (cents: number | null) => (cents === null ? '' : String(Math.round(cents / 100)));
