import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { toast } from 'sonner';
import { formatCents, formatDate } from '../../../platform/format/format-de.js';
import { formatStorage } from '../../../platform/plans/plan-catalogue.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { BillingOverview } from '../contract.js';
import { SubscriptionInvoicesCard } from './subscription-invoices-card.js';

type Lang = 'de' | 'en';

/** One limit as a bar: used of the plan's allowance, red when full. */
function UsageBar({
  label,
  hint,
  used,
  limit,
  format = String,
}: {
  label: string;
  hint?: string;
  used: number;
  limit: number | null;
  format?: (n: number) => string;
}) {
  const { t } = useTranslation();
  const share = limit === null ? 0 : Math.min(1, used / Math.max(limit, 1));
  const full = limit !== null && used >= limit;
  return (
    <div>
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium text-slate-700">{label}</span>
        <span className={full ? 'font-semibold text-red-700' : 'text-slate-600'}>
          {limit === null
            ? t('billing:unlimited', { used: format(used) })
            : t('billing:of', { used: format(used), limit: format(limit) })}
          {full ? ` · ${t(used > (limit ?? 0) ? 'billing:over' : 'billing:full')}` : ''}
        </span>
      </div>
      {limit === null ? null : (
        <div
          className="mt-1.5 h-2 overflow-hidden rounded-full bg-slate-100"
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={limit}
          aria-valuenow={used}
        >
          <div
            className={`h-full ${full ? 'bg-red-600' : 'bg-brand'}`}
            style={{ width: `${share * 100}%` }}
          />
        </div>
      )}
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}

/** The office's plan, its usage against the limits, and the plans there are. */
export function BillingPage() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'de';
  const locale = lang === 'en' ? 'en-GB' : 'de-DE';
  const storage = (bytes: number) => formatStorage(bytes, locale);
  const [params] = useSearchParams();
  const returned = params.get('checkout');
  const overview = useQuery({
    queryKey: ['billing', 'plan'],
    queryFn: () => api<BillingOverview>('/billing/plan'),
    // Back from Stripe, the plan changes when its webhook arrives: look again until then.
    refetchInterval: (query) =>
      returned === 'erfolg' && !query.state.data?.changeBy.subscription ? 3000 : false,
  });
  const me = useMe().data;
  const canManage = me ? hasPermission(me, 'billing.manage') : false;
  // Stripe's pages live elsewhere: the browser goes there and comes back to /abrechnung.
  const leave = (url: string) => window.location.assign(url);
  const checkout = useMutation({
    mutationFn: (plan: 'professional' | 'enterprise') =>
      api<{ url: string }>('/billing/checkout', { method: 'POST', body: { plan } }),
    onSuccess: (r) => leave(r.url),
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const portal = useMutation({
    mutationFn: () => api<{ url: string }>('/billing/portal', { method: 'POST' }),
    onSuccess: (r) => leave(r.url),
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  return (
    <>
      <PageHeader title={t('billing:title')} description={t('billing:intro')} />
      <QueryState query={overview}>
        {(view) => {
          const current = view.current;
          const seats = view.usage.users + view.usage.openInvitations;
          return (
            <div className="space-y-6">
              {returned === 'erfolg' || returned === 'abgebrochen' ? (
                <p
                  role="status"
                  className={`rounded-lg p-3 text-sm ${returned === 'erfolg' ? 'bg-emerald-50 text-emerald-900' : 'bg-amber-50 text-amber-900'}`}
                >
                  {t(returned === 'erfolg' ? 'billing:paid' : 'billing:cancelled')}
                </p>
              ) : null}
              <Card title={t('billing:current')}>
                {current ? (
                  <div className="space-y-1" data-testid="current-plan">
                    <p className="flex flex-wrap items-center gap-2 text-lg font-semibold text-slate-900">
                      {current.plan.name}
                      <Badge
                        tone={
                          current.status === 'active' || current.status === 'trialing' ? 'green' : 'amber'
                        }
                      >
                        {t(`billing:status.${current.status}`)}
                      </Badge>
                    </p>
                    <p className="text-sm text-slate-600">
                      {current.plan.monthlyPriceCents === 0
                        ? t('billing:free')
                        : t('billing:perMonth', { price: formatCents(current.plan.monthlyPriceCents, lang) })}
                    </p>
                    {current.trialEndsAt ? (
                      <p className="text-sm text-slate-600">
                        {t('billing:trialEnds', { date: formatDate(current.trialEndsAt, lang) })}
                      </p>
                    ) : null}
                    {current.readOnly ? (
                      <p role="alert" className="rounded-lg bg-red-50 p-2 text-sm text-red-800">
                        {t('billing:readOnly')}
                      </p>
                    ) : current.graceEndsAt ? (
                      <p role="alert" className="rounded-lg bg-amber-50 p-2 text-sm text-amber-900">
                        {t('billing:grace', { date: formatDate(current.graceEndsAt, lang) })}
                      </p>
                    ) : null}
                    {current.currentPeriodEnd ? (
                      <p className="text-sm text-slate-600">
                        {t('billing:periodEnds', { date: formatDate(current.currentPeriodEnd, lang) })}
                      </p>
                    ) : null}
                  </div>
                ) : (
                  <div data-testid="current-plan">
                    <p className="text-lg font-semibold text-slate-900">{t('billing:noPlan')}</p>
                    <p className="mt-1 text-sm text-slate-600">{t('billing:noPlanHint')}</p>
                  </div>
                )}
              </Card>
              <Card title={t('billing:usage')}>
                <div className="space-y-4" data-testid="usage">
                  <UsageBar
                    label={t('billing:users')}
                    hint={t('billing:usersHint', {
                      members: view.usage.users,
                      open: view.usage.openInvitations,
                    })}
                    used={seats}
                    limit={current?.plan.limits.users ?? null}
                  />
                  <UsageBar
                    label={t('billing:properties')}
                    used={view.usage.properties}
                    limit={current?.plan.limits.properties ?? null}
                  />
                  <UsageBar
                    label={t('billing:storage')}
                    used={view.usage.storageBytes}
                    limit={current?.plan.limits.storageBytes ?? null}
                    format={storage}
                  />
                </div>
              </Card>
              <Card title={t('billing:plans')}>
                <ul className="grid gap-4 md:grid-cols-3" data-testid="plans">
                  {view.plans.map((p) => (
                    <li
                      key={p.id}
                      className={`rounded-xl p-4 ring-1 ${current?.plan.id === p.id ? 'ring-2 ring-brand' : 'ring-slate-200'}`}
                    >
                      <p className="flex items-center justify-between font-semibold text-slate-900">
                        {p.name}
                        {current?.plan.id === p.id ? <Badge tone="green">{t('billing:yours')}</Badge> : null}
                      </p>
                      <p className="mt-1 text-sm text-slate-600">
                        {p.monthlyPriceCents === 0
                          ? t('billing:free')
                          : t('billing:perMonth', { price: formatCents(p.monthlyPriceCents, lang) })}
                      </p>
                      <ul className="mt-3 space-y-1 text-sm text-slate-700">
                        <li>
                          {p.limits.users === null
                            ? t('billing:unlimitedUsers')
                            : t('billing:limitUsers', { n: p.limits.users })}
                        </li>
                        <li>
                          {p.limits.properties === null
                            ? t('billing:unlimitedProperties')
                            : t('billing:limitProperties', { n: p.limits.properties })}
                        </li>
                        <li>
                          {p.limits.storageBytes === null
                            ? t('billing:unlimitedStorage')
                            : t('billing:limitStorage', { size: storage(p.limits.storageBytes) })}
                        </li>
                        <li>
                          {t(p.aiOverage === 'metered' ? 'billing:aiMetered' : 'billing:aiBlocked', {
                            usd: (p.aiIncludedMicros / 1_000_000).toLocaleString(locale),
                          })}
                        </li>
                        <li className={p.lockedModules.length > 0 ? 'text-slate-500' : undefined}>
                          {p.lockedModules.length > 0
                            ? t('billing:without', { modules: p.lockedModules.map((m) => m.name).join(', ') })
                            : t('billing:allModules')}
                        </li>
                      </ul>
                      {view.changeBy.mode === 'stripe' &&
                      canManage &&
                      !view.changeBy.subscription &&
                      p.id !== 'free' &&
                      current?.plan.id !== p.id ? (
                        <Button
                          className="mt-4 w-full"
                          loading={checkout.isPending && checkout.variables === p.id}
                          onClick={() => checkout.mutate(p.id as 'professional' | 'enterprise')}
                        >
                          {t('billing:choose', { plan: p.name })}
                        </Button>
                      ) : null}
                    </li>
                  ))}
                </ul>
                <div
                  className="mt-4 rounded-lg bg-slate-50 p-3 text-sm text-slate-700"
                  data-testid="change-by"
                >
                  <p className="font-medium">{t('billing:change')}</p>
                  <p className="mt-1">{view.changeBy.note}</p>
                  {view.changeBy.mode === 'stripe' && view.changeBy.subscription && canManage ? (
                    <Button
                      className="mt-3"
                      variant="secondary"
                      loading={portal.isPending}
                      onClick={() => portal.mutate()}
                    >
                      {t('billing:manage')}
                    </Button>
                  ) : null}
                </div>
              </Card>
              {current ? <SubscriptionInvoicesCard /> : null}
            </div>
          );
        }}
      </QueryState>
    </>
  );
}
