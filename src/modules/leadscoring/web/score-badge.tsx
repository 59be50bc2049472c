import { scoreTone } from './format.js';

/** The score as a small pill: the same colours in the list, the card and the dashboard. */
export function ScoreBadge({ total, overridden = false }: { total: number; overridden?: boolean }) {
  return (
    <span
      className={`inline-flex min-w-9 items-center justify-center rounded-md px-2 py-0.5 text-sm font-semibold tabular-nums ring-1 ring-inset ${scoreTone(total)}`}
      title={overridden ? 'manuell gesetzt' : undefined}
    >
      {total}
      {overridden ? '*' : ''}
    </span>
  );
}
