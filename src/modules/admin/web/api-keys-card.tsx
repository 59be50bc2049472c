import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { formatDate, formatDateTime } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { ConfirmDialog } from '../../../web/components/confirm-dialog.js';
import { QueryState } from '../../../web/components/query-state.js';
import { SecretOnce } from '../../../web/components/secret-once.js';
import type { ApiKeyItem, ApiKeyList } from '../contract.js';
import { NewApiKeyDialog } from './new-api-key-dialog.js';

export const API_KEYS_QUERY = ['admin', 'api-keys'];

/**
 * API keys for integrations: issue one with chosen rights (shown once), see when it was last
 * used, revoke it. Buttons and a dialog, not a form: the card sits inside the settings form.
 */
export function ApiKeysCard() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [token, setToken] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyItem | null>(null);
  const keys = useQuery({ queryKey: API_KEYS_QUERY, queryFn: () => api<ApiKeyList>('/admin/api-keys') });
  const revoke = useMutation({
    mutationFn: (id: string) => api<ApiKeyItem>(`/admin/api-keys/${id}`, { method: 'DELETE' }),
    onSuccess: (key) => {
      setRevoking(null);
      toast.success(t('admin:settings.apiKeys.revokedToast', { name: key.name }));
      void client.invalidateQueries({ queryKey: API_KEYS_QUERY });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const expired = (key: ApiKeyItem) => key.expiresAt !== null && Date.parse(key.expiresAt) <= Date.now();
  return (
    <Card title={t('admin:settings.apiKeys.title')}>
      <p className="text-sm text-slate-600">{t('admin:settings.apiKeys.text')}</p>
      <p className="mt-1 text-sm text-slate-600">
        {t('admin:settings.apiKeys.docs')}{' '}
        <a href="/api/docs" target="_blank" rel="noreferrer" className="font-medium text-brand underline">
          /api/docs
        </a>
      </p>
      <div className="mt-4">
        <Button type="button" icon={<KeyRound className="size-4" />} onClick={() => setCreating(true)}>
          {t('admin:settings.apiKeys.new')}
        </Button>
      </div>
      <QueryState query={keys}>
        {(data) => {
          const labels = new Map(data.scopes.map((scope) => [scope.id, scope.label[lang]]));
          return data.items.length === 0 ? (
            <p className="mt-4 text-sm text-slate-500" data-testid="api-keys-empty">
              {t('admin:settings.apiKeys.empty')}
            </p>
          ) : (
            <ul className="mt-4 divide-y divide-slate-100 text-sm" data-testid="api-keys">
              {data.items.map((key) => (
                <li key={key.id} className="flex flex-wrap items-start justify-between gap-2 py-2.5">
                  <div className="min-w-0">
                    <p className="font-medium text-slate-800">
                      {key.name} <code className="ml-1 text-xs text-slate-500">{key.tokenHint}…</code>
                    </p>
                    <p className="text-xs text-slate-500">
                      {t('admin:settings.apiKeys.scopes', { count: key.scopes.length })} ·{' '}
                      {t('admin:settings.apiKeys.createdBy', {
                        name: key.createdByName,
                        date: formatDate(key.createdAt, lang),
                      })}{' '}
                      ·{' '}
                      {key.lastUsedAt
                        ? t('admin:settings.apiKeys.lastUsed', { date: formatDateTime(key.lastUsedAt, lang) })
                        : t('admin:settings.apiKeys.neverUsed')}
                      {key.expiresAt && !expired(key)
                        ? ` · ${t('admin:settings.apiKeys.validUntil', {
                            date: formatDateTime(key.expiresAt, lang),
                          })}`
                        : ''}
                    </p>
                    <p className="mt-0.5 break-words text-xs text-slate-400">
                      {key.scopes.map((id) => labels.get(id) ?? id).join(', ')}
                    </p>
                  </div>
                  {key.revokedAt ? (
                    <Badge>{t('admin:settings.apiKeys.revoked')}</Badge>
                  ) : expired(key) ? (
                    <Badge tone="amber">{t('admin:settings.apiKeys.expired')}</Badge>
                  ) : (
                    <Button type="button" variant="ghost" onClick={() => setRevoking(key)}>
                      {t('admin:settings.apiKeys.revoke')}
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          );
        }}
      </QueryState>
      {keys.data ? (
        <NewApiKeyDialog
          open={creating}
          scopes={keys.data.scopes}
          onClose={() => setCreating(false)}
          onIssued={(issued) => {
            setCreating(false);
            setToken(issued);
            void client.invalidateQueries({ queryKey: API_KEYS_QUERY });
          }}
        />
      ) : null}
      <ConfirmDialog
        open={revoking !== null}
        title={t('admin:settings.apiKeys.revokeTitle', { name: revoking?.name ?? '' })}
        text={t('admin:settings.apiKeys.revokeText')}
        confirmLabel={t('admin:settings.apiKeys.revoke')}
        busy={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
        onClose={() => setRevoking(null)}
      />
      <SecretOnce
        title={t('admin:settings.apiKeys.tokenTitle')}
        text={t('admin:settings.apiKeys.tokenText')}
        secret={token}
        onClose={() => setToken(null)}
      />
    </Card>
  );
}
