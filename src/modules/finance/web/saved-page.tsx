import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Calculator, FileDown, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { useListPages } from '../../../web/api/use-list-pages.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { LoadMore } from '../../../web/components/load-more.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { ScenarioView } from '../contract.js';
import { FinanceTabs } from './finance-tabs.js';
import { eur, pct } from './format.js';

/** The headline of a saved calculation, from the summary the server stored with it. */
function headline(s: ScenarioView, t: (key: string, options?: Record<string, unknown>) => string): string {
  const v = s.summary as Record<string, number | string | null>;
  switch (s.kind) {
    case 'annuity':
      return t('finance:saved.annuity', {
        rate: eur(Number(v.totalRateCents)),
        effective: pct(v.effectiveRatePercent as number),
      });
    case 'compare':
      return t('finance:saved.compare', { cheapest: v.cheapest, years: v.horizonYears });
    case 'purchase_costs':
      return t('finance:saved.costs', {
        side: eur(Number(v.sideCostsCents)),
        equity: eur(Number(v.equityNeededCents)),
      });
    case 'affordability':
      return t('finance:saved.affordability', { price: eur(Number(v.maxPriceCents)) });
    case 'investment':
      return t('finance:saved.investment', {
        gross: pct(v.grossYieldPercent as number),
        irr: pct(v.irrPercent as number),
      });
  }
}

export function SavedPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const scenarios = useListPages<ScenarioView>(['finance', 'scenarios'], '/finance/scenarios');
  const remove = useMutation({
    mutationFn: (id: string) => api(`/finance/scenarios/${id}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['finance', 'scenarios'] }),
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const when = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div>
      <PageHeader title={t('finance:title')} description={t('finance:saved.description')} />
      <FinanceTabs />
      <Card>
        <QueryState query={scenarios}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState
                icon={Calculator}
                title={t('finance:saved.empty')}
                text={t('finance:saved.emptyHint')}
              />
            ) : (
              <ul className="divide-y divide-slate-100">
                {data.items.map((s) => (
                  <li key={s.id} className="flex flex-wrap items-center gap-3 py-3">
                    <div className="mr-auto">
                      <p className="font-medium text-slate-900">
                        {s.name}{' '}
                        <span className="text-xs font-normal text-slate-500">
                          · {t(`finance:tabs.${s.kind === 'purchase_costs' ? 'costs' : s.kind}`)}
                        </span>
                      </p>
                      <p className="text-sm text-slate-600">{headline(s, t)}</p>
                      <p className="text-xs text-slate-500">
                        {when.format(new Date(s.createdAt))}
                        {s.propertyTitle ? (
                          <>
                            {' · '}
                            <Link to={`/objekte/${s.propertyId}`} className="text-brand hover:underline">
                              {s.propertyTitle}
                            </Link>
                          </>
                        ) : null}
                      </p>
                    </div>
                    <a
                      href={`/api/finance/scenarios/${s.id}/pdf`}
                      className="inline-flex items-center gap-2 rounded-lg bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
                    >
                      <FileDown className="h-4 w-4" aria-hidden="true" />
                      PDF
                    </a>
                    {hasPermission(me, 'finance.scenarios.write') ? (
                      <Button
                        variant="secondary"
                        onClick={() => remove.mutate(s.id)}
                        aria-label={t('finance:saved.delete', { name: s.name })}
                      >
                        <Trash2 className="h-4 w-4" aria-hidden="true" />
                      </Button>
                    ) : null}
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
        <LoadMore list={scenarios} />
      </Card>
    </div>
  );
}
