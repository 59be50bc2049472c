import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage, fieldErrors } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { TextField } from '../../../web/components/field.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { SettingsInput, SettingsView } from '../contract.js';
import {
  ENGAGEMENT_FACTORS,
  FACTOR_MAX,
  type FactorId,
  MAX_WEIGHT,
  QUALIFICATION_FACTORS,
} from '../domain/factors.js';
import { PageFrame } from './page-frame.js';

export function WeightsPage() {
  const settings = useQuery({
    queryKey: ['leadscoring', 'settings'],
    queryFn: () => api<SettingsView>('/leadscoring/settings'),
  });
  return (
    <PageFrame>
      <QueryState query={settings}>{(data) => <WeightsForm initial={data} />}</QueryState>
    </PageFrame>
  );
}

function WeightsForm({ initial }: { initial: SettingsView }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const canManage = hasPermission(useMe().data, 'leadscoring.manage');
  const [weights, setWeights] = useState<Record<string, number>>(initial.weights);
  const [halfLife, setHalfLife] = useState(String(initial.halfLifeDays));
  const [retention, setRetention] = useState(String(initial.retentionDays));
  const save = useMutation({
    mutationFn: (body: SettingsInput) => api<SettingsView>('/leadscoring/settings', { method: 'PUT', body }),
    onSuccess: (data) => {
      queryClient.setQueryData(['leadscoring', 'settings'], data);
      toast.success(t('leadscoring:weights.saved'));
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ weights, halfLifeDays: Number(halfLife), retentionDays: Number(retention) });
  };
  const group = (title: string, ids: readonly FactorId[]) => (
    <fieldset className="space-y-3">
      <legend className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</legend>
      {ids.map((id) => (
        <label
          key={id}
          className="grid grid-cols-[1fr_auto] items-center gap-x-3 gap-y-1 sm:grid-cols-[16rem_1fr_3rem]"
        >
          <span className="text-sm text-slate-800">
            {t(`leadscoring:factor.${id}`)}
            <span className="block text-xs text-slate-500">
              {t('leadscoring:weights.max', { n: FACTOR_MAX[id] })}
            </span>
          </span>
          <input
            type="range"
            min={0}
            max={MAX_WEIGHT}
            step={0.5}
            value={weights[id] ?? 1}
            disabled={!canManage}
            onChange={(e) => setWeights({ ...weights, [id]: Number(e.target.value) })}
            className="order-3 col-span-2 accent-brand sm:order-none sm:col-span-1"
            aria-label={t(`leadscoring:factor.${id}`)}
          />
          <span className="text-right text-sm font-semibold tabular-nums">
            {(weights[id] ?? 1).toLocaleString(i18n.language, { minimumFractionDigits: 1 })}
          </span>
        </label>
      ))}
    </fieldset>
  );
  return (
    <Card title={t('leadscoring:weights.title')}>
      <form onSubmit={submit} className="space-y-6">
        <p className="max-w-3xl text-sm text-slate-600">{t('leadscoring:weights.intro')}</p>
        {!canManage ? (
          <p className="rounded-lg bg-slate-50 p-3 text-sm text-slate-600">
            {t('leadscoring:weights.readOnly')}
          </p>
        ) : null}
        <div className="grid gap-8 xl:grid-cols-2">
          {group(t('leadscoring:weights.qualification'), QUALIFICATION_FACTORS)}
          {group(t('leadscoring:weights.engagement'), ENGAGEMENT_FACTORS)}
        </div>
        <div className="grid max-w-2xl gap-4 sm:grid-cols-2">
          <TextField
            label={t('leadscoring:weights.halfLife')}
            hint={t('leadscoring:weights.halfLifeHint')}
            type="number"
            min={1}
            max={365}
            value={halfLife}
            disabled={!canManage}
            error={errors.halfLifeDays}
            onChange={(e) => setHalfLife(e.target.value)}
          />
          <TextField
            label={t('leadscoring:weights.retention')}
            hint={t('leadscoring:weights.retentionHint')}
            type="number"
            min={7}
            max={730}
            value={retention}
            disabled={!canManage}
            error={errors.retentionDays}
            onChange={(e) => setRetention(e.target.value)}
          />
        </div>
        {canManage ? (
          <Button type="submit" loading={save.isPending}>
            {t('leadscoring:weights.save')}
          </Button>
        ) : null}
      </form>
    </Card>
  );
}
