import './i18n.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { formatDateTime } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { ListingStateView } from '../contract.js';

const TONE = { wartet: 'blue', gesendet: 'blue', online: 'green', fehler: 'red', entfernt: 'gray' } as const;

/** A listing's portals: choose where it appears and see what each portal has of it. */
export default function PropertyPortals({ propertyId }: { propertyId: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const me = useMe().data;
  const canPublish = hasPermission(me, 'portals.publish');
  const key = ['portals', 'listing', propertyId];
  const query = useQuery({
    queryKey: key,
    queryFn: () => api<ListingStateView>(`/portals/listings/${propertyId}`),
    // While something is on its way, look again: the transfer runs as a job.
    refetchInterval: (q) =>
      q.state.data?.items.some((i) => i.chosen && i.state === 'wartet') ? 2000 : false,
  });
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  useEffect(() => {
    if (query.data) setChosen(new Set(query.data.items.filter((i) => i.chosen).map((i) => i.accountId)));
  }, [query.data]);
  const save = useMutation({
    mutationFn: () =>
      api<ListingStateView>(`/portals/listings/${propertyId}`, {
        method: 'PUT',
        body: { accountIds: [...chosen] },
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(key, data);
      toast.success(t('portals:savedChoice'));
      // A second look shortly after: the first transfer usually finishes within seconds.
      setTimeout(() => void queryClient.invalidateQueries({ queryKey: key }), 1500);
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const lang = i18n.language;

  return (
    <section className="space-y-3">
      <h2 className="text-base font-semibold text-slate-900">{t('portals:listingTitle')}</h2>
      <p className="text-sm text-slate-600">{t('portals:listingIntro')}</p>
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="text-sm text-slate-600">
              {t('portals:noAccounts')}{' '}
              {hasPermission(me, 'portals.manage') ? (
                <Link className="text-brand hover:underline" to="/portale">
                  {t('portals:noAccountsLink')}
                </Link>
              ) : null}
            </p>
          ) : (
            <div className="space-y-3">
              {data.onMarket ? null : (
                <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
                  {t('portals:notOnMarket')}
                </p>
              )}
              <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200">
                {data.items.map((item) => (
                  <li key={item.accountId} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-start">
                    <label className="flex min-w-0 flex-1 items-start gap-3">
                      <input
                        type="checkbox"
                        className="mt-1 size-4"
                        disabled={!canPublish || item.accountStatus === 'zugang_ungueltig'}
                        checked={chosen.has(item.accountId)}
                        onChange={(e) => {
                          const next = new Set(chosen);
                          if (e.target.checked) next.add(item.accountId);
                          else next.delete(item.accountId);
                          setChosen(next);
                        }}
                      />
                      <span className="min-w-0">
                        <span className="block font-medium text-slate-900">{item.portalName}</span>
                        <span className="block text-xs text-slate-500">
                          {t(`portals:transport.${item.transport}`)}
                        </span>
                        {item.accountStatus === 'zugang_ungueltig' ? (
                          <span className="block text-xs text-red-700">{t('portals:accountInvalid')}</span>
                        ) : null}
                      </span>
                    </label>
                    <div
                      className="space-y-1 text-sm sm:w-1/2 sm:text-right"
                      data-testid={`portal-state-${item.portalName}`}
                    >
                      <Badge tone={item.state ? TONE[item.state] : 'gray'}>
                        {t(`portals:state.${item.state ?? 'none'}`)}
                      </Badge>
                      {item.state === 'online' && item.onlineAt ? (
                        <span className="ml-2 text-xs text-slate-500">
                          {t('portals:stateSince', { when: formatDateTime(item.onlineAt, lang) })}
                        </span>
                      ) : null}
                      {item.state === 'gesendet' && item.sentAt ? (
                        <p className="text-xs text-slate-500">
                          {formatDateTime(item.sentAt, lang)} · {t('portals:sentHint')}
                        </p>
                      ) : null}
                      {item.state === 'entfernt' && item.removedAt ? (
                        <span className="ml-2 text-xs text-slate-500">
                          {formatDateTime(item.removedAt, lang)}
                        </span>
                      ) : null}
                      {item.portalObjectId ? (
                        <p className="text-xs text-slate-500">
                          {t('portals:portalId', { id: item.portalObjectId })}
                        </p>
                      ) : null}
                      {item.url && item.state === 'online' ? (
                        <a
                          className="text-xs text-brand hover:underline"
                          href={item.url}
                          target="_blank"
                          rel="noreferrer"
                        >
                          {t('portals:openOnPortal')}
                        </a>
                      ) : null}
                      {item.state === 'fehler' && item.lastError ? (
                        <p role="alert" className="text-xs text-red-700">
                          {item.lastError}
                        </p>
                      ) : null}
                    </div>
                  </li>
                ))}
              </ul>
              {canPublish ? (
                <Button loading={save.isPending} onClick={() => save.mutate()}>
                  {t('portals:save')}
                </Button>
              ) : null}
            </div>
          )
        }
      </QueryState>
    </section>
  );
}
