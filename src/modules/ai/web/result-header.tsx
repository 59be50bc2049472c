import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../web/components/badge.js';
import type { BudgetState } from '../contract.js';
import { formatUsd } from './format-usd.js';

/** Title row of a result: who made it (or that it was made locally), cache, fallback and cost. */
export function ResultHeader({
  source,
  offlineLabel,
  cacheHit,
  costUsd,
  children,
}: {
  source: { offline: boolean; provider: string; model: string; fallbackFrom: string | null } | null;
  offlineLabel: string;
  cacheHit?: boolean;
  costUsd?: number | null;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2 text-sm text-slate-600">
      <h2 className="mr-auto text-base font-semibold text-slate-900">{t('ai:studio.result')}</h2>
      {source ? (
        source.offline ? (
          <Badge tone="amber">{offlineLabel}</Badge>
        ) : (
          <Badge tone="brand">
            {t('ai:studio.viaProvider', { provider: source.provider, model: source.model })}
          </Badge>
        )
      ) : null}
      {cacheHit ? <Badge tone="green">{t('ai:studio.cacheHit')}</Badge> : null}
      {source?.fallbackFrom ? (
        <Badge tone="amber">{t('ai:studio.fallback', { from: source.fallbackFrom })}</Badge>
      ) : null}
      {source && !source.offline && costUsd != null ? (
        <span>{t('ai:studio.cost', { cost: formatUsd(costUsd) })}</span>
      ) : null}
      {children}
    </div>
  );
}

/** The budgets at 80 % or more, as the answer to a paid call reported them. */
export function BudgetWarnings({ warnings }: { warnings: BudgetState[] | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      {warnings?.map((w) => (
        <p key={w.scope} className="mb-3 rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
          {t('ai:studio.budgetWarning', { scope: w.scope, percent: Math.round((w.ratio ?? 0) * 100) })}
        </p>
      ))}
    </>
  );
}
