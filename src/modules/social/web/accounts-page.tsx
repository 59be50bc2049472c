import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AlertTriangle, Link2, Plug } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { ConfirmDialog } from '../../../web/components/confirm-dialog.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { AccountView } from '../contract.js';
import { SOCIAL_PLATFORMS, type SocialPlatform } from '../domain/platforms.js';
import { socialKeys, useAccounts } from './social-api.js';
import { ModeBadge, PlatformDot } from './social-badges.js';
import { SocialTabs } from './social-tabs.js';

export function AccountsPage() {
  const { t, i18n } = useTranslation();
  const canManage = hasPermission(useMe().data, 'social.accounts.manage');
  const accounts = useAccounts();
  const queryClient = useQueryClient();
  const [removing, setRemoving] = useState<AccountView | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: socialKeys.accounts });
  const numbers = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'de-DE');
  const [params, setParams] = useSearchParams();

  // Back from the platform's consent page: say what happened once, then tidy the address.
  useEffect(() => {
    const connected = params.get('verbunden');
    const failure = params.get('fehler');
    if (!connected && !failure) return;
    if (connected) toast.success(t('social:accounts.oauthConnected', { count: Number(connected) }));
    else toast.error(params.get('meldung') ?? t('social:accounts.oauthFailed', { code: failure }));
    setParams({}, { replace: true });
  }, [params, setParams, t]);

  const connect = useMutation({
    mutationFn: (body: { platform: SocialPlatform; mode: 'live' | 'sandbox' | 'offline' }) =>
      api<AccountView | { authorizeUrl: string }>('/social-media/accounts/connect', { method: 'POST', body }),
    onSuccess: (result) => {
      // Live connections continue at the platform's consent screen and come back to us.
      if ('authorizeUrl' in result) {
        window.location.assign(result.authorizeUrl);
        return;
      }
      toast.success(t('social:accounts.connected'));
      void refresh();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(`/social-media/accounts/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      toast.success(t('social:accounts.disconnected'));
      setRemoving(null);
      void refresh();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });

  return (
    <>
      <PageHeader title={t('social:title')} description={t('social:accounts.description')} />
      <SocialTabs />
      <QueryState query={accounts}>
        {({ items, sandboxAvailable, versionWarnings }) => (
          <div className="space-y-5">
            {versionWarnings.map((w) => (
              <div
                key={w.variable}
                role="alert"
                className={`flex gap-3 rounded-lg p-4 text-sm ring-1 ${w.level === 'retired' ? 'bg-red-50 text-red-800 ring-red-200' : 'bg-amber-50 text-amber-900 ring-amber-200'}`}
              >
                <AlertTriangle className="size-5 shrink-0" aria-hidden />
                <p>{w.message}</p>
              </div>
            ))}
            <Card>
              {items.length === 0 ? (
                <EmptyState
                  icon={Plug}
                  title={t('social:accounts.empty')}
                  text={t('social:accounts.offlineHint')}
                />
              ) : (
                <ul className="divide-y divide-slate-100">
                  {items.map((account) => (
                    <li key={account.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                      <div>
                        <div className="flex items-center gap-2">
                          <PlatformDot platform={account.platform} />
                          <span className="font-medium text-slate-900">{account.name}</span>
                          <ModeBadge mode={account.mode} />
                          {account.status !== 'verbunden' ? (
                            <span className="text-xs font-semibold text-red-700">
                              {t('social:accounts.needsReconnect')}
                            </span>
                          ) : null}
                        </div>
                        {account.statusMessage ? (
                          <p className="mt-1 text-xs text-slate-600">{account.statusMessage}</p>
                        ) : null}
                        {account.followers !== null ? (
                          <p className="mt-1 text-xs text-slate-500">
                            {t('social:accounts.followers', {
                              count: account.followers,
                              formatted: numbers.format(account.followers),
                            })}
                          </p>
                        ) : null}
                      </div>
                      {canManage ? (
                        <div className="flex gap-2">
                          {account.status !== 'verbunden' && account.mode === 'live' ? (
                            <Button
                              variant="secondary"
                              onClick={() => connect.mutate({ platform: account.platform, mode: 'live' })}
                            >
                              {t('social:accounts.needsReconnect')}
                            </Button>
                          ) : null}
                          <Button variant="ghost" onClick={() => setRemoving(account)}>
                            {t('social:accounts.disconnect')}
                          </Button>
                        </div>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
            </Card>
            {canManage ? (
              <Card title={t('social:accounts.connect')}>
                <div className="grid gap-4 sm:grid-cols-2">
                  {SOCIAL_PLATFORMS.map((platform) => (
                    <div key={platform} className="rounded-lg p-4 ring-1 ring-slate-200">
                      <PlatformDot platform={platform} />
                      <div className="mt-3 flex flex-wrap gap-2">
                        <Button
                          icon={<Link2 className="size-4" />}
                          loading={
                            connect.isPending &&
                            connect.variables?.platform === platform &&
                            connect.variables.mode === 'live'
                          }
                          onClick={() => connect.mutate({ platform, mode: 'live' })}
                        >
                          {t('social:accounts.connectLive', { platform: t(`social:platform.${platform}`) })}
                        </Button>
                        {sandboxAvailable ? (
                          <Button
                            variant="secondary"
                            onClick={() => connect.mutate({ platform, mode: 'sandbox' })}
                          >
                            {t('social:accounts.sandbox')}
                          </Button>
                        ) : null}
                        <Button variant="ghost" onClick={() => connect.mutate({ platform, mode: 'offline' })}>
                          {t('social:accounts.offline')}
                        </Button>
                      </div>
                      {platform === 'facebook' ? (
                        <p className="mt-2 text-xs text-slate-500">{t('social:accounts.groupsNote')}</p>
                      ) : null}
                    </div>
                  ))}
                </div>
                <p className="mt-4 text-xs text-slate-500">
                  {t('social:accounts.offlineHint')}{' '}
                  {sandboxAvailable ? t('social:accounts.sandboxHint') : null}
                </p>
              </Card>
            ) : null}
          </div>
        )}
      </QueryState>
      <ConfirmDialog
        open={removing !== null}
        title={t('social:accounts.disconnectTitle')}
        text={t('social:accounts.disconnectText')}
        confirmLabel={t('social:accounts.disconnect')}
        busy={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing.id)}
        onClose={() => setRemoving(null)}
      />
    </>
  );
}
