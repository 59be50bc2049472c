import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, Webhook } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { formatDateTime } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { ConfirmDialog } from '../../../web/components/confirm-dialog.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { CheckboxField, TextField } from '../../../web/components/field.js';
import { Modal } from '../../../web/components/modal.js';
import { QueryState } from '../../../web/components/query-state.js';
import { SecretOnce } from '../../../web/components/secret-once.js';
import {
  WEBHOOK_EVENT_IDS,
  WEBHOOK_EVENTS,
  type WebhookEvent,
  type WebhookView,
} from '../integration-contract.js';
import { WebhookDeliveries } from './webhook-deliveries.js';

const KEY = ['projects', 'webhooks'];

function NewWebhook({ open, onClose }: { open: boolean; onClose: (secret?: string) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('https://');
  const [events, setEvents] = useState<WebhookEvent[]>(['task.created', 'task.updated', 'task.deleted']);
  const create = useMutation({
    mutationFn: () =>
      api<WebhookView & { secret: string }>('/projects/webhooks', {
        method: 'POST',
        body: { name, url, events },
      }),
    onSuccess: (created) => onClose(created.secret),
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <Modal open={open} title={t('projects:integrations.webhooks.new')} onClose={() => onClose()} wide>
      <form onSubmit={submit} className="space-y-4">
        <TextField
          label={t('projects:integrations.webhooks.name')}
          value={name}
          required
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
        />
        <TextField
          label={t('projects:integrations.webhooks.url')}
          type="url"
          value={url}
          required
          onChange={(e) => setUrl(e.target.value)}
        />
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">
            {t('projects:integrations.webhooks.events')}
          </legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {WEBHOOK_EVENT_IDS.map((id) => (
              <CheckboxField
                key={id}
                label={WEBHOOK_EVENTS[id]}
                checked={events.includes(id)}
                onChange={(e) =>
                  setEvents((current) =>
                    e.target.checked ? [...current, id] : current.filter((x) => x !== id),
                  )
                }
              />
            ))}
          </div>
        </fieldset>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" type="button" onClick={() => onClose()}>
            {t('projects:cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} disabled={events.length === 0}>
            {t('projects:create')}
          </Button>
        </div>
      </form>
    </Modal>
  );
}

function WebhookRow({ hook, onSecret }: { hook: WebhookView; onSecret: (secret: string) => void }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [confirm, setConfirm] = useState<'rotate' | 'delete' | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: KEY });
  const onError = (error: unknown) => toast.error(errorMessage(error, t));
  const toggle = useMutation({
    mutationFn: () =>
      api(`/projects/webhooks/${hook.id}`, { method: 'PATCH', body: { enabled: !hook.enabled } }),
    onSuccess: refresh,
    onError,
  });
  const ping = useMutation({
    mutationFn: () => api(`/projects/webhooks/${hook.id}/ping`, { method: 'POST' }),
    onSuccess: () => {
      toast.success(t('projects:integrations.webhooks.pinged'));
      setOpen(true);
      void refresh();
    },
    onError,
  });
  const rotate = useMutation({
    mutationFn: () =>
      api<{ secret: string }>(`/projects/webhooks/${hook.id}/rotate-secret`, { method: 'POST' }),
    onSuccess: (answer) => {
      setConfirm(null);
      onSecret(answer.secret);
      void refresh();
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: () => api(`/projects/webhooks/${hook.id}`, { method: 'DELETE' }),
    onSuccess: refresh,
    onError,
  });
  return (
    <li className="px-5 py-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="font-medium text-slate-900">{hook.name}</p>
          <p className="break-all text-sm text-slate-500">{hook.url}</p>
          <p className="mt-1 text-xs text-slate-500">
            {hook.events.map((e) => WEBHOOK_EVENTS[e as WebhookEvent] ?? e).join(' · ')}
          </p>
          {hook.previousSecretUntil ? (
            <p className="mt-1 text-xs text-amber-700">
              {t('projects:integrations.webhooks.graceUntil', {
                date: formatDateTime(hook.previousSecretUntil, i18n.language),
              })}
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          {hook.failedDeliveries > 0 ? (
            <Badge tone="red">
              {t('projects:integrations.webhooks.failed', { count: hook.failedDeliveries })}
            </Badge>
          ) : null}
          {hook.lastDelivery ? (
            <span className="text-xs text-slate-500">
              {t('projects:integrations.webhooks.lastDelivery')}:{' '}
              {formatDateTime(hook.lastDelivery.createdAt, i18n.language)}
            </span>
          ) : null}
          <CheckboxField
            label={t('projects:integrations.webhooks.enabled')}
            checked={hook.enabled}
            onChange={() => toggle.mutate()}
          />
        </div>
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => setOpen(!open)}>
          {open
            ? t('projects:integrations.webhooks.hideDeliveries')
            : t('projects:integrations.webhooks.deliveries')}
        </Button>
        <Button variant="secondary" loading={ping.isPending} onClick={() => ping.mutate()}>
          {t('projects:integrations.webhooks.ping')}
        </Button>
        <Button variant="ghost" onClick={() => setConfirm('rotate')}>
          {t('projects:integrations.webhooks.rotate')}
        </Button>
        <Button variant="ghost" onClick={() => setConfirm('delete')}>
          {t('projects:integrations.webhooks.delete')}
        </Button>
      </div>
      {open ? (
        <div className="mt-3 rounded-lg bg-slate-50 px-4 py-2">
          <WebhookDeliveries webhookId={hook.id} />
        </div>
      ) : null}
      <ConfirmDialog
        open={confirm === 'rotate'}
        title={t('projects:integrations.webhooks.rotateTitle')}
        text={t('projects:integrations.webhooks.rotateText')}
        confirmLabel={t('projects:integrations.webhooks.rotate')}
        busy={rotate.isPending}
        onConfirm={() => rotate.mutate()}
        onClose={() => setConfirm(null)}
      />
      <ConfirmDialog
        open={confirm === 'delete'}
        title={t('projects:integrations.webhooks.deleteTitle')}
        text={t('projects:integrations.webhooks.deleteText')}
        confirmLabel={t('projects:integrations.webhooks.delete')}
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirm(null)}
      />
    </li>
  );
}

/** The office's webhooks: create (secret shown once), switch, test, rotate, delivery log. */
export function WebhooksCard() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const hooks = useQuery({
    queryKey: KEY,
    queryFn: () => api<{ items: WebhookView[] }>('/projects/webhooks'),
    // While a delivery is under way its outcome (and the failure count) is worth showing.
    refetchInterval: (query) =>
      query.state.data?.items.some((h) => h.lastDelivery?.status === 'pending') ? 2000 : false,
  });
  return (
    <Card
      title={t('projects:integrations.webhooks.title')}
      actions={
        <Button icon={<Plus className="size-4" />} onClick={() => setCreating(true)}>
          {t('projects:integrations.webhooks.new')}
        </Button>
      }
    >
      <div className="-m-5">
        <QueryState query={hooks}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState
                icon={Webhook}
                title={t('projects:integrations.webhooks.empty')}
                text={t('projects:integrations.webhooks.emptyText')}
              />
            ) : (
              <ul className="divide-y divide-slate-100">
                {data.items.map((hook) => (
                  <WebhookRow key={hook.id} hook={hook} onSecret={setSecret} />
                ))}
              </ul>
            )
          }
        </QueryState>
      </div>
      <NewWebhook
        open={creating}
        onClose={(created) => {
          setCreating(false);
          if (created) {
            setSecret(created);
            void client.invalidateQueries({ queryKey: KEY });
          }
        }}
      />
      <SecretOnce
        title={t('projects:integrations.webhooks.secretTitle')}
        text={t('projects:integrations.webhooks.secretText')}
        secret={secret}
        onClose={() => setSecret(null)}
      />
    </Card>
  );
}
