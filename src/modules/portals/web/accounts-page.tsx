import './i18n.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Globe } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { formatDateTime } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { ConfirmDialog } from '../../../web/components/confirm-dialog.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { SelectField, TextField } from '../../../web/components/field.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import { IS24_DEFAULT_URL, type AccountView as PortalAccount } from '../contract.js';

const KEY = ['portals', 'accounts'];

/** Portals an office usually connects, with what they take; "Anderes Portal" for the rest. */
const PRESETS = [
  { id: 'is24', name: 'ImmoScout24', transport: 'is24' },
  { id: 'immowelt', name: 'Immowelt', transport: 'ftp' },
  { id: 'kleinanzeigen', name: 'Kleinanzeigen', transport: 'ftp' },
  { id: 'homegate', name: 'Homegate', transport: 'ftp' },
  { id: 'other', name: '', transport: 'ftp' },
] as const;

/** The office's portal accounts: state, reconciliation, uploads; connect a new one. */
export function AccountsPage() {
  const { t } = useTranslation();
  const canManage = hasPermission(useMe().data, 'portals.manage');
  const query = useQuery({
    queryKey: KEY,
    queryFn: () => api<{ items: PortalAccount[] }>('/portals/accounts'),
  });
  const [editing, setEditing] = useState<PortalAccount | null>(null);
  return (
    <>
      <PageHeader title={t('portals:title')} />
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('portals:intro')}</p>
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <Card>
              <EmptyState icon={Globe} title={t('portals:empty')} text={t('portals:emptyHint')} />
            </Card>
          ) : (
            <div className="grid gap-4 lg:grid-cols-2">
              {data.items.map((a) => (
                <AccountCard key={a.id} account={a} canManage={canManage} onEdit={() => setEditing(a)} />
              ))}
            </div>
          )
        }
      </QueryState>
      {canManage ? (
        <div className="mt-6">
          <Card>
            <ConnectForm key={editing?.id ?? 'new'} editing={editing} onDone={() => setEditing(null)} />
          </Card>
        </div>
      ) : null}
    </>
  );
}

function AccountCard({
  account: a,
  canManage,
  onEdit,
}: {
  account: PortalAccount;
  canManage: boolean;
  onEdit: () => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const lang = i18n.language;
  const reconcile = useMutation({
    mutationFn: () => api(`/portals/accounts/${a.id}/reconcile`, { method: 'POST' }),
    onSuccess: () => toast.success(t('portals:reconcileStarted')),
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const remove = useMutation({
    mutationFn: () => api(`/portals/accounts/${a.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      toast.success(t('portals:removed'));
      void queryClient.invalidateQueries({ queryKey: KEY });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
    onSettled: () => setConfirming(false),
  });
  const uploads = useQuery({
    queryKey: ['portals', 'uploads', a.id],
    queryFn: () =>
      api<{
        items: {
          id: string;
          scope: 'TEIL' | 'VOLL';
          fileName: string;
          sizeBytes: number;
          listingCount: number;
          deletedCount: number;
          status: string;
          error: string | null;
          createdAt: string;
        }[];
      }>(`/portals/accounts/${a.id}/uploads`),
    enabled: a.transport !== 'is24',
  });
  return (
    <Card>
      <div className="space-y-2" data-testid={`portal-account-${a.portalName}`}>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-base font-semibold text-slate-900">{a.portalName}</h2>
          <Badge tone={a.status === 'aktiv' ? 'green' : 'red'}>
            {t(`portals:accountStatus.${a.status}`)}
          </Badge>
        </div>
        <p className="text-sm text-slate-600">
          {t(`portals:transport.${a.transport}`)} ·{' '}
          {a.transport === 'is24' ? a.username : `${a.username}@${a.host}${a.remoteDir}`}
        </p>
        <p className="text-sm text-slate-700">
          {t('portals:counts', { online: a.onlineCount, all: a.listingCount })}
        </p>
        <p className="text-xs text-slate-500">
          {t('portals:lastSync', {
            when: a.lastSyncAt ? formatDateTime(a.lastSyncAt, lang) : t('portals:never'),
          })}{' '}
          ·{' '}
          {t('portals:lastReconcile', {
            when: a.lastReconcileAt ? formatDateTime(a.lastReconcileAt, lang) : t('portals:never'),
          })}
        </p>
        {a.lastError ? (
          <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
            {a.lastError}
          </p>
        ) : null}
        {a.transport !== 'is24' ? (
          <details className="text-sm">
            <summary className="cursor-pointer text-slate-700">{t('portals:uploads')}</summary>
            {uploads.data?.items.length ? (
              <ul className="mt-2 space-y-1 text-xs text-slate-600">
                {uploads.data.items.slice(0, 10).map((u) => (
                  <li key={u.id} className={u.status === 'fehler' ? 'text-red-700' : ''}>
                    {t('portals:uploadLine', {
                      when: formatDateTime(u.createdAt, lang),
                      scope: t(`portals:scope.${u.scope}`),
                      listings: u.listingCount,
                      deleted: u.deletedCount,
                      size: `${(u.sizeBytes / 1024).toLocaleString(lang === 'en' ? 'en-GB' : 'de-DE', { maximumFractionDigits: 0 })} KB`,
                    })}
                    {u.error ? ` – ${u.error}` : ''}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-2 text-xs text-slate-500">{t('portals:noUploads')}</p>
            )}
          </details>
        ) : null}
        {canManage ? (
          <div className="flex flex-wrap gap-2 pt-1">
            <Button variant="secondary" loading={reconcile.isPending} onClick={() => reconcile.mutate()}>
              {t('portals:reconcile')}
            </Button>
            <Button variant="ghost" onClick={onEdit}>
              {t('portals:edit')}
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(true)}>
              {t('portals:remove')}
            </Button>
          </div>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('portals:remove')}
        text={t('portals:removeConfirm', { portal: a.portalName })}
        confirmLabel={t('portals:remove')}
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirming(false)}
      />
    </Card>
  );
}

/** Connect a portal, or replace an account's credentials; the server logs in before it saves. */
function ConnectForm({ editing, onDone }: { editing: PortalAccount | null; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [preset, setPreset] = useState<(typeof PRESETS)[number]['id']>(
    editing ? (editing.transport === 'is24' ? 'is24' : 'other') : 'is24',
  );
  const [transport, setTransport] = useState<PortalAccount['transport']>(editing?.transport ?? 'is24');
  const [form, setForm] = useState({
    portalName: editing?.portalName ?? 'ImmoScout24',
    host: editing?.host ?? IS24_DEFAULT_URL,
    port: editing?.port ? String(editing.port) : '',
    username: editing?.username ?? 'me',
    password: '',
    remoteDir: editing?.remoteDir ?? '/',
    providerId: editing?.providerId ?? '',
    feedScope: editing?.feedScope ?? 'TEIL',
    consumerKey: '',
    consumerSecret: '',
    accessToken: '',
    accessTokenSecret: '',
  });
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [field]: e.target.value }));
  const choosePreset = (id: (typeof PRESETS)[number]['id']) => {
    const p = PRESETS.find((x) => x.id === id)!;
    setPreset(id);
    setTransport(p.transport);
    setForm((f) => ({
      ...f,
      portalName: p.name,
      host: p.transport === 'is24' ? IS24_DEFAULT_URL : '',
      username: p.transport === 'is24' ? 'me' : '',
    }));
  };
  const save = useMutation({
    mutationFn: () => {
      const body =
        transport === 'is24'
          ? {
              transport,
              portalName: form.portalName || 'ImmoScout24',
              host: form.host,
              username: form.username || 'me',
              consumerKey: form.consumerKey,
              consumerSecret: form.consumerSecret,
              accessToken: form.accessToken,
              accessTokenSecret: form.accessTokenSecret,
            }
          : {
              transport,
              portalName: form.portalName,
              host: form.host,
              port: form.port ? Number(form.port) : null,
              username: form.username,
              password: form.password,
              remoteDir: form.remoteDir || '/',
              providerId: form.providerId,
              feedScope: form.feedScope,
            };
      return editing
        ? api<PortalAccount>(`/portals/accounts/${editing.id}`, { method: 'PUT', body })
        : api<PortalAccount>('/portals/accounts', { method: 'POST', body });
    },
    onSuccess: (a) => {
      toast.success(editing ? t('portals:saved') : t('portals:connected', { portal: a.portalName }));
      void queryClient.invalidateQueries({ queryKey: KEY });
      onDone();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="space-y-3" onSubmit={submit}>
      <h2 className="text-base font-semibold text-slate-900">
        {editing ? `${editing.portalName}: ${t('portals:edit')}` : t('portals:connectTitle')}
      </h2>
      <div className="grid gap-3 sm:grid-cols-2">
        {editing ? null : (
          <SelectField
            label={t('portals:preset')}
            value={preset}
            onChange={(e) => choosePreset(e.target.value as (typeof PRESETS)[number]['id'])}
            options={PRESETS.map((p) => ({ value: p.id, label: p.name || 'Anderes Portal (OpenImmo)' }))}
          />
        )}
        {transport === 'is24' || editing ? null : (
          <SelectField
            label={t('portals:kind')}
            value={transport}
            onChange={(e) => setTransport(e.target.value as PortalAccount['transport'])}
            options={(['ftp', 'sftp'] as const).map((v) => ({
              value: v,
              label: t(`portals:transport.${v}`),
            }))}
          />
        )}
        <TextField
          label={t('portals:portalName')}
          required
          value={form.portalName}
          onChange={set('portalName')}
        />
      </div>
      {transport === 'is24' ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label={t('portals:is24Url')}
            hint={t('portals:is24UrlHint')}
            type="url"
            required
            value={form.host}
            onChange={set('host')}
          />
          <TextField
            label={t('portals:is24User')}
            hint={t('portals:is24UserHint')}
            value={form.username}
            onChange={set('username')}
          />
          <TextField
            label={t('portals:consumerKey')}
            required
            autoComplete="off"
            value={form.consumerKey}
            onChange={set('consumerKey')}
          />
          <TextField
            label={t('portals:consumerSecret')}
            hint={t('portals:secretHint')}
            type="password"
            required
            autoComplete="new-password"
            value={form.consumerSecret}
            onChange={set('consumerSecret')}
          />
          <TextField
            label={t('portals:accessToken')}
            required
            autoComplete="off"
            value={form.accessToken}
            onChange={set('accessToken')}
          />
          <TextField
            label={t('portals:accessTokenSecret')}
            type="password"
            required
            autoComplete="new-password"
            value={form.accessTokenSecret}
            onChange={set('accessTokenSecret')}
          />
        </div>
      ) : (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label={t('portals:host')}
            hint={t('portals:hostHint')}
            required
            value={form.host}
            onChange={set('host')}
          />
          <TextField
            label={t('portals:port')}
            hint={t('portals:portHint')}
            inputMode="numeric"
            value={form.port}
            onChange={set('port')}
          />
          <TextField
            label={t('portals:username')}
            required
            autoComplete="off"
            value={form.username}
            onChange={set('username')}
          />
          <TextField
            label={t('portals:password')}
            hint={t('portals:secretHint')}
            type="password"
            required
            autoComplete="new-password"
            value={form.password}
            onChange={set('password')}
          />
          <TextField label={t('portals:remoteDir')} value={form.remoteDir} onChange={set('remoteDir')} />
          <TextField
            label={t('portals:providerId')}
            hint={t('portals:providerIdHint')}
            value={form.providerId}
            onChange={set('providerId')}
          />
          <SelectField
            label={t('portals:feedScope')}
            value={form.feedScope}
            onChange={set('feedScope')}
            options={(['TEIL', 'VOLL'] as const).map((v) => ({ value: v, label: t(`portals:scope.${v}`) }))}
          />
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" loading={save.isPending}>
          {t('portals:connect')}
        </Button>
        {editing ? (
          <Button variant="ghost" onClick={onDone}>
            {t('portals:cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
