import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { CheckboxField, SelectField, TextField } from '../../../web/components/field.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import {
  IMAGE_PROVIDERS,
  type ProvidersResponse,
  type ProviderView,
  TEXT_PROVIDERS,
  VIDEO_PROVIDERS,
} from '../contract.js';
import { AiTabs } from './ai-tabs.js';
import { formatUsd } from './format-usd.js';

const numberOrNull = (value: string) => (value.trim() === '' ? null : Number(value.replace(',', '.')));

function ProviderCard({ provider, canManage }: { provider: ProviderView; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [apiKey, setApiKey] = useState('');
  const [form, setForm] = useState({
    enabled: provider.enabled,
    baseUrl: provider.baseUrl,
    defaultModel: provider.defaultModel,
    budget: provider.monthlyBudgetUsd?.toString() ?? '',
    priority: String(provider.priority),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['ai', 'providers'] });
  const save = useMutation({
    mutationFn: (extra: { clearApiKey?: boolean }) =>
      api(`/ai/providers/${provider.id}/configure`, {
        method: 'POST',
        body: {
          enabled: form.enabled,
          baseUrl: form.baseUrl || null,
          defaultModel: form.defaultModel || null,
          monthlyBudgetUsd: numberOrNull(form.budget),
          priority: Number(form.priority) || 100,
          ...(apiKey ? { apiKey } : {}),
          ...extra,
        },
      }),
    onSuccess: () => {
      setApiKey('');
      toast.success(t('ai:providers.saved'));
      void refresh();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const test = useMutation({
    mutationFn: () =>
      api<{ ok: boolean; message: string }>(`/ai/providers/${provider.id}/test`, { method: 'POST' }),
    onSuccess: (r) => {
      (r.ok ? toast.success : toast.error)(r.message);
      void refresh();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const when = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'de-DE', {
    dateStyle: 'short',
    timeStyle: 'short',
  });
  return (
    <Card>
      <form
        className="space-y-3"
        aria-label={provider.label}
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({});
        }}
      >
        <div className="flex flex-wrap items-center gap-2">
          <h3 className="mr-auto text-base font-semibold text-slate-900">{provider.label}</h3>
          {provider.capabilities.map((c) => (
            <Badge key={c}>{t(`ai:providers.capabilities.${c}`)}</Badge>
          ))}
          {provider.enabled && provider.configured ? (
            <Badge tone="green">{t('ai:providers.enabled')}</Badge>
          ) : null}
        </div>
        <CheckboxField
          label={t('ai:providers.enabled')}
          checked={form.enabled}
          disabled={!canManage}
          onChange={(e) => setForm((f) => ({ ...f, enabled: e.target.checked }))}
        />
        <TextField
          label={t('ai:providers.apiKey')}
          type="password"
          autoComplete="off"
          value={apiKey}
          disabled={!canManage}
          placeholder={
            provider.apiKeyLast4
              ? t('ai:providers.apiKeyStored', { last4: provider.apiKeyLast4 })
              : provider.keyRequired
                ? t('ai:providers.apiKeyNew')
                : t('ai:providers.apiKeyOptional')
          }
          onChange={(e) => setApiKey(e.target.value)}
        />
        <TextField
          label={t('ai:providers.baseUrl')}
          value={form.baseUrl}
          disabled={!canManage}
          onChange={(e) => setForm((f) => ({ ...f, baseUrl: e.target.value }))}
        />
        <div className="grid grid-cols-3 gap-3">
          <TextField
            label={t('ai:providers.model')}
            value={form.defaultModel}
            list={`models-${provider.id}`}
            disabled={!canManage}
            onChange={(e) => setForm((f) => ({ ...f, defaultModel: e.target.value }))}
          />
          <datalist id={`models-${provider.id}`}>
            {provider.models.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
          <TextField
            label={t('ai:providers.budget')}
            inputMode="decimal"
            value={form.budget}
            disabled={!canManage}
            onChange={(e) => setForm((f) => ({ ...f, budget: e.target.value }))}
          />
          <TextField
            label={t('ai:providers.priority')}
            type="number"
            min={1}
            max={1000}
            value={form.priority}
            disabled={!canManage}
            onChange={(e) => setForm((f) => ({ ...f, priority: e.target.value }))}
          />
        </div>
        <p className="text-xs text-slate-500">
          {t('ai:providers.spent', { cost: formatUsd(provider.spentThisMonthUsd) })} ·{' '}
          <a href={provider.docsUrl} target="_blank" rel="noreferrer" className="text-brand hover:underline">
            {t('ai:providers.docs')}
          </a>
        </p>
        {provider.lastTest ? (
          <p className={`text-xs ${provider.lastTest.ok ? 'text-emerald-700' : 'text-red-700'}`}>
            {t('ai:providers.lastTest', {
              when: when.format(new Date(provider.lastTest.at)),
              message: provider.lastTest.message,
            })}
          </p>
        ) : null}
        {canManage ? (
          <div className="flex flex-wrap gap-2">
            <Button type="submit" loading={save.isPending}>
              {t('ai:providers.save')}
            </Button>
            <Button
              type="button"
              variant="secondary"
              loading={test.isPending}
              disabled={!provider.configured}
              onClick={() => test.mutate()}
            >
              {test.isPending ? t('ai:providers.testing') : t('ai:providers.test')}
            </Button>
            {provider.apiKeyLast4 ? (
              <Button type="button" variant="ghost" onClick={() => save.mutate({ clearApiKey: true })}>
                {t('ai:providers.removeKey')}
              </Button>
            ) : null}
          </div>
        ) : null}
      </form>
    </Card>
  );
}

function OfficeSettings({ data, canManage }: { data: ProvidersResponse; canManage: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    budget: data.settings.monthlyBudgetUsd?.toString() ?? '',
    fallbackEnabled: data.settings.fallbackEnabled,
    textProvider: data.settings.textProvider ?? '',
    imageProvider: data.settings.imageProvider ?? '',
    videoProvider: data.settings.videoProvider ?? '',
  });
  useEffect(
    () => setForm((f) => ({ ...f, fallbackEnabled: data.settings.fallbackEnabled })),
    [data.settings.fallbackEnabled],
  );
  const save = useMutation({
    mutationFn: () =>
      api('/ai/settings', {
        method: 'PUT',
        body: {
          monthlyBudgetUsd: numberOrNull(form.budget),
          fallbackEnabled: form.fallbackEnabled,
          textProvider: form.textProvider || null,
          imageProvider: form.imageProvider || null,
          videoProvider: form.videoProvider || null,
        },
      }),
    onSuccess: () => {
      toast.success(t('ai:providers.saved'));
      void queryClient.invalidateQueries({ queryKey: ['ai'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const choice = (ids: readonly string[]) => [
    { value: '', label: t('ai:providers.none') },
    ...ids.map((id) => ({ value: id, label: data.providers.find((p) => p.id === id)?.label ?? id })),
  ];
  return (
    <Card>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <h2 className="text-base font-semibold text-slate-900">{t('ai:providers.office')}</h2>
        {data.offline.text ? (
          <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
            {t('ai:providers.offlineActive')}
          </p>
        ) : null}
        <TextField
          label={t('ai:providers.officeBudget')}
          hint={t('ai:providers.budgetHint')}
          inputMode="decimal"
          value={form.budget}
          disabled={!canManage}
          onChange={(e) => setForm((f) => ({ ...f, budget: e.target.value }))}
        />
        <CheckboxField
          label={t('ai:providers.fallback')}
          checked={form.fallbackEnabled}
          disabled={!canManage}
          onChange={(e) => setForm((f) => ({ ...f, fallbackEnabled: e.target.checked }))}
        />
        <div className="grid gap-3 sm:grid-cols-3">
          <SelectField
            label={t('ai:providers.textProvider')}
            value={form.textProvider}
            disabled={!canManage}
            onChange={(e) => setForm((f) => ({ ...f, textProvider: e.target.value }))}
            options={choice(TEXT_PROVIDERS)}
          />
          <SelectField
            label={t('ai:providers.imageProvider')}
            value={form.imageProvider}
            disabled={!canManage}
            onChange={(e) => setForm((f) => ({ ...f, imageProvider: e.target.value }))}
            options={choice(IMAGE_PROVIDERS)}
          />
          <SelectField
            label={t('ai:providers.videoProvider')}
            value={form.videoProvider}
            disabled={!canManage}
            onChange={(e) => setForm((f) => ({ ...f, videoProvider: e.target.value }))}
            options={choice(VIDEO_PROVIDERS)}
          />
        </div>
        {canManage ? (
          <Button type="submit" loading={save.isPending}>
            {t('ai:providers.save')}
          </Button>
        ) : null}
      </form>
    </Card>
  );
}

export function ProvidersPage() {
  const { t } = useTranslation();
  const canManage = hasPermission(useMe().data, 'ai.settings.manage');
  const query = useQuery({
    queryKey: ['ai', 'providers'],
    queryFn: () => api<ProvidersResponse>('/ai/providers'),
  });
  return (
    <div>
      <PageHeader title={t('ai:title')} description={t('ai:providers.description')} />
      <AiTabs />
      <QueryState query={query}>
        {(data) => (
          <div className="space-y-4">
            <OfficeSettings data={data} canManage={canManage} />
            <div className="grid gap-4 lg:grid-cols-2">
              {data.providers.map((p) => (
                <ProviderCard key={p.id} provider={p} canManage={canManage} />
              ))}
            </div>
            <Card>
              <h2 className="mb-2 text-base font-semibold text-slate-900">{t('ai:providers.unavailable')}</h2>
              <ul className="space-y-1 text-sm text-slate-600">
                {data.unavailable.map((u) => (
                  <li key={u.id}>
                    <strong>{u.label}:</strong> {u.reason}
                  </li>
                ))}
              </ul>
            </Card>
          </div>
        )}
      </QueryState>
    </div>
  );
}
