import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { formatDateTime } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { ConfirmDialog } from '../../../web/components/confirm-dialog.js';
import { CheckboxField, TextField } from '../../../web/components/field.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { ConnectorView, PullResult } from '../integration-contract.js';

const KEY = ['projects', 'connectors', 'plane'];

/** The Plane connection: settings checked against Plane on save, first mirror, pull of Plane's changes. */
export function PlaneCard() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const connector = useQuery({
    queryKey: KEY,
    queryFn: () => api<{ connector: ConnectorView | null }>('/projects/connectors/plane'),
  });
  const current = connector.data?.connector ?? null;
  const [form, setForm] = useState({
    baseUrl: 'https://api.plane.so',
    workspaceSlug: '',
    remoteProjectId: '',
    apiKey: '',
    enabled: true,
  });
  const [disconnecting, setDisconnecting] = useState(false);
  useEffect(() => {
    if (current)
      setForm({
        baseUrl: current.baseUrl,
        workspaceSlug: current.workspaceSlug,
        remoteProjectId: current.remoteProjectId,
        apiKey: '',
        enabled: current.enabled,
      });
  }, [current]);
  const refresh = () => client.invalidateQueries({ queryKey: KEY });
  const onError = (error: unknown) => toast.error(errorMessage(error, t));
  const save = useMutation({
    mutationFn: () => {
      const { apiKey, ...rest } = form;
      return api('/projects/connectors/plane', { method: 'PUT', body: apiKey ? form : rest });
    },
    onSuccess: () => {
      toast.success(t('projects:integrations.plane.saved'));
      void refresh();
    },
    onError,
  });
  const pushAll = useMutation({
    mutationFn: () => api<{ queued: number }>('/projects/connectors/plane/push-all', { method: 'POST' }),
    onSuccess: (answer) => toast.success(t('projects:integrations.plane.pushed', { count: answer.queued })),
    onError,
  });
  const pull = useMutation({
    mutationFn: () => api<PullResult>('/projects/connectors/plane/pull', { method: 'POST' }),
    onSuccess: (answer) => {
      toast.success(t('projects:integrations.plane.pulled', answer));
      void refresh();
      void client.invalidateQueries({ queryKey: ['projects'] });
    },
    onError,
  });
  const disconnect = useMutation({
    mutationFn: () => api('/projects/connectors/plane', { method: 'DELETE' }),
    onSuccess: () => {
      setDisconnecting(false);
      void refresh();
    },
    onError,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [field]: e.target.value }));
  return (
    <Card title={t('projects:integrations.plane.title')}>
      <p className="text-sm text-slate-600">{t('projects:integrations.plane.text')}</p>
      <QueryState query={connector}>
        {() => (
          <>
            <form onSubmit={submit} className="mt-4 grid gap-4 sm:grid-cols-2">
              <TextField
                label={t('projects:integrations.plane.baseUrl')}
                hint={t('projects:integrations.plane.baseUrlHint')}
                type="url"
                required
                value={form.baseUrl}
                onChange={set('baseUrl')}
              />
              <TextField
                label={t('projects:integrations.plane.workspace')}
                required
                value={form.workspaceSlug}
                onChange={set('workspaceSlug')}
              />
              <TextField
                label={t('projects:integrations.plane.project')}
                required
                value={form.remoteProjectId}
                onChange={set('remoteProjectId')}
              />
              <TextField
                label={t('projects:integrations.plane.apiKey')}
                type="password"
                autoComplete="off"
                required={!current}
                placeholder={current ? t('projects:integrations.plane.apiKeyStored') : 'plane_api_…'}
                value={form.apiKey}
                onChange={set('apiKey')}
              />
              <CheckboxField
                label={t('projects:integrations.plane.enabled')}
                checked={form.enabled}
                onChange={(e) => setForm((f) => ({ ...f, enabled: e.target.checked }))}
              />
              <div className="flex justify-end sm:col-span-2">
                <Button type="submit" loading={save.isPending}>
                  {t('projects:integrations.plane.save')}
                </Button>
              </div>
            </form>
            {current ? (
              <div className="mt-4 space-y-3 border-t border-slate-100 pt-4 text-sm">
                <p className="text-slate-600">
                  {t('projects:integrations.plane.linked', { count: current.linkedTasks })} ·{' '}
                  {current.lastPullAt
                    ? t('projects:integrations.plane.lastPull', {
                        date: formatDateTime(current.lastPullAt, i18n.language),
                      })
                    : t('projects:integrations.plane.neverPulled')}
                </p>
                {current.lastError ? (
                  <p className="text-red-700">
                    {t('projects:integrations.plane.lastError')}: {current.lastError}
                  </p>
                ) : null}
                <div className="flex flex-wrap gap-2">
                  <Button variant="secondary" loading={pushAll.isPending} onClick={() => pushAll.mutate()}>
                    {t('projects:integrations.plane.pushAll')}
                  </Button>
                  <Button variant="secondary" loading={pull.isPending} onClick={() => pull.mutate()}>
                    {t('projects:integrations.plane.pull')}
                  </Button>
                  <Button variant="ghost" onClick={() => setDisconnecting(true)}>
                    {t('projects:integrations.plane.disconnect')}
                  </Button>
                </div>
              </div>
            ) : null}
          </>
        )}
      </QueryState>
      <ConfirmDialog
        open={disconnecting}
        title={t('projects:integrations.plane.disconnectTitle')}
        text={t('projects:integrations.plane.disconnectText')}
        confirmLabel={t('projects:integrations.plane.disconnect')}
        busy={disconnect.isPending}
        onConfirm={() => disconnect.mutate()}
        onClose={() => setDisconnecting(false)}
      />
    </Card>
  );
}
