import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Spinner } from './spinner.js';

/** A dashboard figure with its icon; links on to the list behind the figure. */
export function StatTile({
  icon,
  label,
  value,
  hint,
  to,
  loading = false,
}: {
  icon: ReactNode;
  label: string;
  value: ReactNode;
  hint?: string;
  to?: string;
  loading?: boolean;
}) {
  const body = (
    <div className="flex h-full items-center gap-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 transition hover:ring-brand/40">
      <div className="rounded-lg bg-brand/10 p-2.5 text-brand">{icon}</div>
      <div className="min-w-0">
        <p className="text-sm text-slate-500">{label}</p>
        <p className="mt-0.5 text-xl font-semibold text-slate-900">
          {loading ? <Spinner className="size-4" /> : value}
        </p>
        {hint ? <p className="mt-0.5 text-xs text-slate-500">{hint}</p> : null}
      </div>
    </div>
  );
  return to ? (
    <Link to={to} className="block">
      {body}
    </Link>
  ) : (
    body
  );
}
