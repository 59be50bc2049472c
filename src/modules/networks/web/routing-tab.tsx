import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowDown, ArrowUp, Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { formatDateTime } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { SelectField, TextField } from '../../../web/components/field.js';
import { QueryState } from '../../../web/components/query-state.js';
import { MARKETING_TYPES, OBJECT_TYPES } from '../../crm/domain/property-enums.js';
import type { NetworkDetail, RoutingView } from '../contract.js';

interface DraftRule {
  key: number;
  postalPrefix: string;
  marketingType: string;
  objectType: string;
  targetTenantId: string;
}

interface RoutedLeads {
  leads: {
    id: string;
    officeName: string;
    postalCode: string;
    marketingType: string;
    objectType: string | null;
    byRule: number | null;
    createdAt: string;
  }[];
}

let nextKey = 1;
type SavedRule = Partial<
  Record<'postalPrefix' | 'marketingType' | 'objectType' | 'targetTenantId', string | null>
>;
const draftOf = (rule: SavedRule = {}): DraftRule => ({
  key: nextKey++,
  postalPrefix: rule.postalPrefix ?? '',
  marketingType: rule.marketingType ?? '',
  objectType: rule.objectType ?? '',
  targetTenantId: rule.targetTenantId ?? '',
});

function RulesEditor({
  networkId,
  routing,
  detail,
}: {
  networkId: string;
  routing: RoutingView;
  detail: NetworkDetail;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [rules, setRules] = useState<DraftRule[]>(() => routing.rules.map((r) => draftOf(r)));
  const [fallback, setFallback] = useState(routing.fallbackTenantId ?? '');
  useEffect(() => {
    setRules(routing.rules.map((r) => draftOf(r)));
    setFallback(routing.fallbackTenantId ?? '');
  }, [routing]);
  const save = useMutation({
    mutationFn: () =>
      api<RoutingView>(`/networks/${networkId}/routing`, {
        method: 'PUT',
        body: {
          rules: rules.map((r) => ({
            postalPrefix: r.postalPrefix.trim() || null,
            marketingType: r.marketingType || null,
            objectType: r.objectType || null,
            targetTenantId: r.targetTenantId,
          })),
          fallbackTenantId: fallback || null,
        },
      }),
    onSuccess: async () => {
      toast.success(t('networks:routing.saved'));
      await client.invalidateQueries({ queryKey: ['networks', networkId] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const change = (key: number, patch: Partial<DraftRule>) =>
    setRules((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const move = (index: number, by: number) =>
    setRules((all) => {
      const copy = [...all];
      const [rule] = copy.splice(index, 1);
      if (rule) copy.splice(index + by, 0, rule);
      return copy;
    });
  const offices = detail.members.map((m) => ({ value: m.tenantId, label: m.name }));
  const incomplete = rules.some((r) => !r.targetTenantId);
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (incomplete) toast.error(t('networks:routing.memberRequired'));
        else save.mutate();
      }}
    >
      <p className="text-sm text-slate-600">{t('networks:routing.hint')}</p>
      {rules.length === 0 ? <p className="text-sm text-slate-500">{t('networks:routing.empty')}</p> : null}
      <ol className="space-y-3" data-testid="routing-rules">
        {rules.map((rule, index) => (
          <li key={rule.key} className="rounded-lg p-3 ring-1 ring-slate-200">
            <div className="mb-2 flex items-center justify-between text-xs font-medium text-slate-500">
              <span>{t('networks:routing.leadRule', { n: index + 1 })}</span>
              <span className="flex gap-1">
                <Button
                  type="button"
                  variant="secondary"
                  aria-label={t('networks:routing.up')}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  <ArrowUp className="size-4" aria-hidden="true" />
                </Button>
                <Button
                  type="button"
                  variant="secondary"
                  aria-label={t('networks:routing.down')}
                  disabled={index === rules.length - 1}
                  onClick={() => move(index, 1)}
                >
                  <ArrowDown className="size-4" aria-hidden="true" />
                </Button>
                <Button
                  type="button"
                  variant="secondary"
                  aria-label={t('networks:routing.remove')}
                  onClick={() => setRules((all) => all.filter((r) => r.key !== rule.key))}
                >
                  <Trash2 className="size-4" aria-hidden="true" />
                </Button>
              </span>
            </div>
            <div className="grid gap-3 sm:grid-cols-4">
              <TextField
                label={t('networks:routing.postalPrefix')}
                inputMode="numeric"
                maxLength={5}
                placeholder={t('networks:routing.any')}
                value={rule.postalPrefix}
                onChange={(e) => change(rule.key, { postalPrefix: e.target.value.replace(/\D/g, '') })}
              />
              <SelectField
                label={t('networks:routing.marketingType')}
                value={rule.marketingType}
                onChange={(e) => change(rule.key, { marketingType: e.target.value })}
                options={[
                  { value: '', label: t('networks:routing.any') },
                  ...MARKETING_TYPES.map((m) => ({ value: m, label: t(`crm:enum.marketingType.${m}`) })),
                ]}
              />
              <SelectField
                label={t('networks:routing.objectType')}
                value={rule.objectType}
                onChange={(e) => change(rule.key, { objectType: e.target.value })}
                options={[
                  { value: '', label: t('networks:routing.any') },
                  ...OBJECT_TYPES.map((o) => ({ value: o, label: t(`crm:enum.objectType.${o}`) })),
                ]}
              />
              <SelectField
                label={t('networks:routing.target')}
                value={rule.targetTenantId}
                onChange={(e) => change(rule.key, { targetTenantId: e.target.value })}
                options={[{ value: '', label: t('networks:operator.chooseOffice') }, ...offices]}
              />
            </div>
          </li>
        ))}
      </ol>
      <Button type="button" variant="secondary" onClick={() => setRules((all) => [...all, draftOf()])}>
        {t('networks:routing.add')}
      </Button>
      <SelectField
        label={t('networks:routing.fallback')}
        value={fallback}
        onChange={(e) => setFallback(e.target.value)}
        options={[{ value: '', label: t('networks:routing.noFallback') }, ...offices]}
      />
      {!fallback ? (
        <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
          {t('networks:routing.fallbackWarning')}
        </p>
      ) : null}
      <Button type="submit" disabled={save.isPending}>
        {t('networks:routing.save')}
      </Button>
    </form>
  );
}

/** Lead routing: the rules in order, the fallback office, and where the latest leads went. */
export function RoutingTab({ networkId }: { networkId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const routing = useQuery({
    queryKey: ['networks', networkId, 'routing'],
    queryFn: () => api<RoutingView>(`/networks/${networkId}/routing`),
  });
  const detail = useQuery({
    queryKey: ['networks', networkId, 'detail'],
    queryFn: () => api<NetworkDetail>(`/networks/${networkId}`),
  });
  const leads = useQuery({
    queryKey: ['networks', networkId, 'leads'],
    queryFn: () => api<RoutedLeads>(`/networks/${networkId}/leads`),
  });
  return (
    <div className="space-y-6">
      <Card
        title={t('networks:routing.title')}
        actions={
          detail.data ? (
            <a
              className="text-sm text-brand hover:underline"
              href={detail.data.inquiryUrl}
              target="_blank"
              rel="noreferrer"
            >
              {t('networks:routing.formLink')}
            </a>
          ) : null
        }
      >
        <QueryState query={routing}>
          {(view) => (
            <QueryState query={detail}>
              {(d) => <RulesEditor networkId={networkId} routing={view} detail={d} />}
            </QueryState>
          )}
        </QueryState>
      </Card>
      <Card title={t('networks:routing.leads')}>
        <p className="mb-3 text-xs text-slate-500">{t('networks:routing.leadsHint')}</p>
        <QueryState query={leads}>
          {(data) =>
            data.leads.length === 0 ? (
              <p className="text-sm text-slate-500">{t('networks:routing.leadsEmpty')}</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm" data-testid="routed-leads">
                {data.leads.map((lead) => (
                  <li key={lead.id} className="flex flex-wrap justify-between gap-2 py-2">
                    <span>
                      <span className="font-medium text-slate-900">{lead.officeName}</span> · PLZ{' '}
                      {lead.postalCode} · {t(`crm:enum.marketingType.${lead.marketingType}`)}
                      {lead.objectType ? ` · ${t(`crm:enum.objectType.${lead.objectType}`)}` : ''}
                    </span>
                    <span className="text-slate-500">
                      {lead.byRule
                        ? t('networks:routing.leadRule', { n: lead.byRule })
                        : t('networks:routing.leadFallback')}{' '}
                      · {formatDateTime(lead.createdAt, lang)}
                    </span>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      </Card>
    </div>
  );
}
