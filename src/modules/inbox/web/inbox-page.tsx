import './i18n.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Inbox } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { formatDateTime } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { CheckboxField, SelectField, TextField } from '../../../web/components/field.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';

interface Mailbox {
  id: string;
  label: string;
  office: boolean;
  imapHost: string;
  username: string;
  lastSyncAt: string | null;
  lastError: string | null;
}

interface Message {
  id: string;
  fromAddress: string;
  fromName: string;
  subject: string;
  receivedAt: string;
  outcome: 'anfrage' | 'nicht_erkannt' | 'mail';
  portal: string | null;
  reason: string | null;
  contactId: string | null;
}

const FILTERS = ['alle', 'anfrage', 'nicht_erkannt', 'mail'] as const;
const TONE = { anfrage: 'green', nicht_erkannt: 'amber', mail: 'gray' } as const;

/** What came in through the connected mailboxes, and the mailboxes themselves. */
export function InboxPage() {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('alle');
  const mailboxes = useQuery({
    queryKey: ['inbox', 'mailboxes'],
    queryFn: () => api<{ items: Mailbox[] }>('/inbox/mailboxes'),
  });
  const messages = useQuery({
    queryKey: ['inbox', 'messages', filter],
    queryFn: () =>
      api<{ items: Message[]; total: number }>(
        `/inbox/messages${filter === 'alle' ? '' : `?outcome=${filter}`}`,
      ),
    refetchInterval: 60_000,
  });
  return (
    <>
      <PageHeader title={t('inbox:title')} />
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('inbox:intro')}</p>
      <div role="tablist" className="mb-3 flex flex-wrap gap-2">
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            role="tab"
            aria-selected={filter === f}
            onClick={() => setFilter(f)}
            className={`rounded-full px-3 py-1 text-sm ${filter === f ? 'bg-brand text-white' : 'bg-slate-100 text-slate-700 hover:bg-slate-200'}`}
          >
            {t(`inbox:filter.${f}`)}
          </button>
        ))}
      </div>
      <Card>
        <QueryState query={messages}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState
                icon={Inbox}
                title={t('inbox:empty')}
                text={mailboxes.data?.items.length ? undefined : t('inbox:emptyNoMailbox')}
              />
            ) : (
              <ul className="divide-y divide-slate-200">
                {data.items.map((m) => (
                  <li key={m.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-start sm:gap-4">
                    <div className="min-w-0 flex-1">
                      <p className="truncate font-medium text-slate-900">{m.subject || '(ohne Betreff)'}</p>
                      <p className="truncate text-sm text-slate-600">
                        {m.fromName ? `${m.fromName} <${m.fromAddress}>` : m.fromAddress}
                      </p>
                      {m.reason ? (
                        <p role="alert" className="text-sm text-amber-800">
                          {m.reason}
                        </p>
                      ) : null}
                    </div>
                    <div className="flex flex-wrap items-center gap-2 text-sm sm:justify-end">
                      <span className="text-xs text-slate-500">
                        {formatDateTime(m.receivedAt, i18n.language)}
                      </span>
                      {m.portal ? (
                        <Badge tone="blue">{t(`inbox:portal.${m.portal}`, { defaultValue: m.portal })}</Badge>
                      ) : null}
                      <Badge tone={TONE[m.outcome]}>{t(`inbox:outcome.${m.outcome}`)}</Badge>
                      {m.contactId ? (
                        <Link className="text-brand hover:underline" to={`/kontakte/${m.contactId}`}>
                          {t('inbox:toContact')}
                        </Link>
                      ) : null}
                    </div>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      </Card>
      <h2 className="mt-6 mb-2 text-base font-semibold text-slate-900">{t('inbox:mailboxes')}</h2>
      <QueryState query={mailboxes}>
        {(data) => (
          <div className="grid gap-4 lg:grid-cols-2">
            {data.items.map((b) => (
              <MailboxCard key={b.id} box={b} />
            ))}
          </div>
        )}
      </QueryState>
      <div className="mt-4">
        <Card>
          <ConnectForm />
        </Card>
      </div>
    </>
  );
}

function MailboxCard({ box }: { box: Mailbox }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['inbox'] });
  const fetchNow = useMutation({
    mutationFn: () =>
      api<{ read: number; inquiries: number; unreadable: number }>(`/inbox/mailboxes/${box.id}/fetch`, {
        method: 'POST',
      }),
    onSuccess: (r) => {
      toast.success(t('inbox:fetched', { ...r }));
      refresh();
    },
    onError: (error) => {
      toast.error(errorMessage(error, t));
      refresh();
    },
  });
  const disconnect = useMutation({
    mutationFn: () => api(`/inbox/mailboxes/${box.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      toast.success(t('inbox:disconnected'));
      refresh();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  return (
    <Card>
      <div className="space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 className="font-semibold text-slate-900">{box.label}</h3>
          <Badge tone={box.office ? 'brand' : 'gray'}>
            {box.office ? t('inbox:office') : t('inbox:personal')}
          </Badge>
        </div>
        <p className="text-sm text-slate-600">
          {box.username} · {box.imapHost}
        </p>
        <p className="text-xs text-slate-500">
          {t('inbox:lastSync', {
            when: box.lastSyncAt ? formatDateTime(box.lastSyncAt, i18n.language) : t('inbox:never'),
          })}
        </p>
        {box.lastError ? (
          <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
            {box.lastError}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" loading={fetchNow.isPending} onClick={() => fetchNow.mutate()}>
            {t('inbox:fetchNow')}
          </Button>
          <Button variant="ghost" loading={disconnect.isPending} onClick={() => disconnect.mutate()}>
            {t('inbox:disconnect')}
          </Button>
        </div>
      </div>
    </Card>
  );
}

function ConnectForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canManage = hasPermission(useMe().data, 'inbox.manage');
  const [form, setForm] = useState({
    label: 'Anfragen',
    imapHost: '',
    imapPort: '993',
    username: '',
    password: '',
    sinceDays: '0',
  });
  const [tls, setTls] = useState(true);
  const [office, setOffice] = useState(canManage);
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [field]: e.target.value }));
  const connect = useMutation({
    mutationFn: () =>
      api('/inbox/mailboxes', {
        method: 'POST',
        body: {
          label: form.label,
          imapHost: form.imapHost.trim(),
          imapPort: Number(form.imapPort) || (tls ? 993 : 143),
          imapTls: tls,
          username: form.username.trim(),
          password: form.password,
          office,
          sinceDays: Number(form.sinceDays),
        },
      }),
    onSuccess: () => {
      toast.success(t('inbox:connected'));
      setForm((f) => ({ ...f, password: '' }));
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    connect.mutate();
  };
  return (
    <form className="space-y-3" onSubmit={submit}>
      <h2 className="text-base font-semibold text-slate-900">{t('inbox:connectTitle')}</h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label={t('inbox:label')} required value={form.label} onChange={set('label')} />
        <TextField
          label={t('inbox:imapHost')}
          hint={t('inbox:imapHostHint')}
          required
          value={form.imapHost}
          onChange={set('imapHost')}
        />
        <TextField
          label={t('inbox:imapPort')}
          inputMode="numeric"
          value={form.imapPort}
          onChange={set('imapPort')}
        />
        <TextField
          label={t('inbox:username')}
          required
          autoComplete="off"
          value={form.username}
          onChange={set('username')}
        />
        <TextField
          label={t('inbox:password')}
          hint={t('inbox:passwordHint')}
          type="password"
          required
          autoComplete="new-password"
          value={form.password}
          onChange={set('password')}
        />
        <SelectField
          label={t('inbox:sinceDays')}
          value={form.sinceDays}
          onChange={set('sinceDays')}
          options={(['0', '7', '14'] as const).map((v) => ({ value: v, label: t(`inbox:since.${v}`) }))}
        />
      </div>
      <CheckboxField label={t('inbox:imapTls')} checked={tls} onChange={(e) => setTls(e.target.checked)} />
      {canManage ? (
        <CheckboxField
          label={t('inbox:officeBox')}
          checked={office}
          onChange={(e) => setOffice(e.target.checked)}
        />
      ) : null}
      <Button type="submit" loading={connect.isPending}>
        {t('inbox:connect')}
      </Button>
    </form>
  );
}
