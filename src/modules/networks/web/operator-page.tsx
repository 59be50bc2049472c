import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Network } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage, fieldErrors } from '../../../web/api/error-message.js';
import { meQueryKey } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { ConfirmDialog } from '../../../web/components/confirm-dialog.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { TextField } from '../../../web/components/field.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { OperatorNetwork } from '../contract.js';

interface OfficeMatches {
  items: { id: string; name: string; slug: string }[];
}

function CreateNetwork() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const create = useMutation({
    mutationFn: () => api<OperatorNetwork>('/superadmin/networks', { method: 'POST', body: { name, slug } }),
    onSuccess: async (network) => {
      toast.success(t('networks:operator.created', { name: network.name }));
      setName('');
      setSlug('');
      await client.invalidateQueries({ queryKey: ['superadmin', 'networks'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const errors = create.error ? fieldErrors(create.error) : {};
  return (
    <form
      className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <TextField
        label={t('networks:operator.name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        error={errors.name}
      />
      <TextField
        label={t('networks:operator.slug')}
        hint={t('networks:operator.slugHint')}
        value={slug}
        onChange={(e) => setSlug(e.target.value.toLowerCase())}
        required
        error={errors.slug}
      />
      <Button type="submit" disabled={create.isPending}>
        {t('networks:operator.create')}
      </Button>
    </form>
  );
}

function NetworkCard({ network }: { network: OperatorNetwork }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [officeQuery, setOfficeQuery] = useState('');
  const [adminEmail, setAdminEmail] = useState('');
  const [removing, setRemoving] = useState<{ tenantId: string; name: string } | null>(null);
  const matches = useQuery({
    queryKey: ['superadmin', 'offices', 'match', officeQuery],
    queryFn: () =>
      api<OfficeMatches>(
        `/superadmin/offices?${new URLSearchParams({ q: officeQuery.trim(), pageSize: '8', page: '1' })}`,
      ),
    enabled: officeQuery.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
  const change = useMutation({
    mutationFn: (request: { method: 'POST' | 'DELETE'; path: string; body?: unknown }) =>
      api<OperatorNetwork>(`/superadmin/networks/${network.id}${request.path}`, {
        method: request.method,
        ...(request.body ? { body: request.body } : {}),
      }),
    onSuccess: async () => {
      setRemoving(null);
      setAdminEmail('');
      setOfficeQuery('');
      await client.invalidateQueries({ queryKey: ['superadmin', 'networks'] });
      // The operator may have made themself an administrator: their menu gains the network.
      await client.invalidateQueries({ queryKey: meQueryKey });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const memberIds = new Set(network.members.map((m) => m.tenantId));
  return (
    <Card title={`${network.name} · /n/${network.slug}`}>
      <div className="grid gap-6 lg:grid-cols-2">
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-900">{t('networks:operator.members')}</h3>
          {network.members.length === 0 ? (
            <p className="text-sm text-slate-500">{t('networks:operator.noMembers')}</p>
          ) : null}
          <ul className="divide-y divide-slate-100 text-sm">
            {network.members.map((m) => (
              <li key={m.tenantId} className="flex items-center justify-between py-1.5">
                <span>{m.name}</span>
                <button type="button" className="text-red-700 hover:underline" onClick={() => setRemoving(m)}>
                  {t('networks:operator.remove')}
                </button>
              </li>
            ))}
          </ul>
          <div className="mt-3">
            <TextField
              label={t('networks:operator.addOffice')}
              placeholder={t('networks:operator.chooseOffice')}
              value={officeQuery}
              onChange={(e) => setOfficeQuery(e.target.value)}
            />
            {officeQuery.trim().length >= 2 && matches.data ? (
              <ul className="mt-1 rounded-lg text-sm ring-1 ring-slate-200">
                {matches.data.items
                  .filter((o) => !memberIds.has(o.id))
                  .map((o) => (
                    <li key={o.id}>
                      <button
                        type="button"
                        className="w-full px-3 py-1.5 text-left hover:bg-slate-50"
                        onClick={() =>
                          change.mutate({ method: 'POST', path: '/members', body: { tenantId: o.id } })
                        }
                      >
                        {o.name} <span className="text-xs text-slate-500">({o.slug})</span>
                      </button>
                    </li>
                  ))}
              </ul>
            ) : null}
          </div>
        </div>
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-900">{t('networks:operator.admins')}</h3>
          {network.admins.length === 0 ? (
            <p className="text-sm text-slate-500">{t('networks:operator.noAdmins')}</p>
          ) : null}
          <ul className="divide-y divide-slate-100 text-sm">
            {network.admins.map((a) => (
              <li key={a.userId} className="flex items-center justify-between py-1.5">
                <span>
                  {a.name} <span className="text-xs text-slate-500">{a.email}</span>
                </span>
                <button
                  type="button"
                  className="text-red-700 hover:underline"
                  onClick={() => change.mutate({ method: 'DELETE', path: `/admins/${a.userId}` })}
                >
                  {t('networks:operator.remove')}
                </button>
              </li>
            ))}
          </ul>
          <form
            className="mt-3 flex items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              change.mutate({ method: 'POST', path: '/admins', body: { email: adminEmail } });
            }}
          >
            <div className="flex-1">
              <TextField
                label={t('networks:operator.addAdmin')}
                type="email"
                value={adminEmail}
                onChange={(e) => setAdminEmail(e.target.value)}
                required
              />
            </div>
            <Button type="submit" variant="secondary" disabled={change.isPending}>
              {t('networks:operator.add')}
            </Button>
          </form>
        </div>
      </div>
      <ConfirmDialog
        open={removing !== null}
        title={t('networks:operator.removeOffice', { office: removing?.name ?? '' })}
        text={t('networks:operator.removeOfficeText')}
        confirmLabel={t('networks:operator.remove')}
        busy={change.isPending}
        onConfirm={() =>
          removing && change.mutate({ method: 'DELETE', path: `/members/${removing.tenantId}` })
        }
        onClose={() => setRemoving(null)}
      />
    </Card>
  );
}

/** `/superadmin/netzwerke`: the operators set up broker networks, their offices and administrators. */
export function OperatorNetworksPage() {
  const { t } = useTranslation();
  const networks = useQuery({
    queryKey: ['superadmin', 'networks'],
    queryFn: () => api<{ networks: OperatorNetwork[] }>('/superadmin/networks'),
  });
  return (
    <>
      <PageHeader title={t('networks:operator.title')} />
      <div className="space-y-6">
        <Card title={t('networks:operator.create')}>
          <CreateNetwork />
        </Card>
        <QueryState query={networks}>
          {(data) =>
            data.networks.length === 0 ? (
              <EmptyState icon={Network} title={t('networks:operator.empty')} />
            ) : (
              <div className="space-y-6">
                {data.networks.map((n) => (
                  <NetworkCard key={n.id} network={n} />
                ))}
              </div>
            )
          }
        </QueryState>
      </div>
    </>
  );
}
