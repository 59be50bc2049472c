import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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
import { TextField } from '../../../web/components/field.js';
import { QueryState } from '../../../web/components/query-state.js';
import { SecretOnce } from '../../../web/components/secret-once.js';
import type { SyncClientView } from '../integration-contract.js';

const KEY = ['projects', 'sync-clients'];

/** Tokens for the inbound sync API: issue (shown once), see last use, revoke. */
export function SyncClientsCard() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [token, setToken] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<SyncClientView | null>(null);
  const clients = useQuery({
    queryKey: KEY,
    queryFn: () => api<{ items: SyncClientView[] }>('/projects/sync-clients'),
  });
  const onError = (error: unknown) => toast.error(errorMessage(error, t));
  const issue = useMutation({
    mutationFn: () => api<{ token: string }>('/projects/sync-clients', { method: 'POST', body: { name } }),
    onSuccess: (answer) => {
      setName('');
      setToken(answer.token);
      void client.invalidateQueries({ queryKey: KEY });
    },
    onError,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api(`/projects/sync-clients/${id}/revoke`, { method: 'POST' }),
    onSuccess: () => {
      setRevoking(null);
      void client.invalidateQueries({ queryKey: KEY });
    },
    onError,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    issue.mutate();
  };
  return (
    <Card title={t('projects:integrations.sync.title')}>
      <p className="text-sm text-slate-600">{t('projects:integrations.sync.text')}</p>
      <form onSubmit={submit} className="mt-4 flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <TextField
            label={t('projects:integrations.sync.name')}
            value={name}
            required
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <Button type="submit" loading={issue.isPending}>
          {t('projects:integrations.sync.new')}
        </Button>
      </form>
      <QueryState query={clients}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="mt-4 text-sm text-slate-500">{t('projects:integrations.sync.empty')}</p>
          ) : (
            <ul className="mt-4 divide-y divide-slate-100 text-sm">
              {data.items.map((c) => (
                <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <div>
                    <p className="font-medium text-slate-800">{c.name}</p>
                    <p className="text-xs text-slate-500">
                      {t('projects:integrations.sync.hint', { hint: c.tokenHint })} ·{' '}
                      {c.lastUsedAt
                        ? t('projects:integrations.sync.lastUsed', {
                            date: formatDateTime(c.lastUsedAt, i18n.language),
                          })
                        : t('projects:integrations.sync.neverUsed')}
                    </p>
                  </div>
                  {c.revokedAt ? (
                    <Badge>{t('projects:integrations.sync.revoked')}</Badge>
                  ) : (
                    <Button variant="ghost" onClick={() => setRevoking(c)}>
                      {t('projects:integrations.sync.revoke')}
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      <ConfirmDialog
        open={revoking !== null}
        title={t('projects:integrations.sync.revokeTitle')}
        text={t('projects:integrations.sync.revokeText')}
        confirmLabel={t('projects:integrations.sync.revoke')}
        busy={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
        onClose={() => setRevoking(null)}
      />
      <SecretOnce
        title={t('projects:integrations.sync.tokenTitle')}
        text={t('projects:integrations.sync.tokenText')}
        secret={token}
        onClose={() => setToken(null)}
      />
    </Card>
  );
}
