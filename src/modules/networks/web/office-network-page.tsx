import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Network } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { ApiError, api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { MembershipView, PoolView } from '../contract.js';
import { PoolList } from './pool-list.js';

function SharingForm({ view }: { view: MembershipView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const me = useMe().data;
  const canManage = hasPermission(me, 'networks.manage');
  const [listings, setListings] = useState(view.sharesListings);
  const [reports, setReports] = useState(view.sharesReports);
  useEffect(() => {
    setListings(view.sharesListings);
    setReports(view.sharesReports);
  }, [view.sharesListings, view.sharesReports]);
  const save = useMutation({
    mutationFn: () =>
      api<MembershipView>('/networks/membership', {
        method: 'PUT',
        body: { sharesListings: listings, sharesReports: reports },
      }),
    onSuccess: async () => {
      toast.success(t('networks:office.saved'));
      await client.invalidateQueries({ queryKey: ['networks'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const toggle = (
    checked: boolean,
    set: (v: boolean) => void,
    label: string,
    hint: string,
    testId: string,
  ) => (
    <label className="flex items-start gap-3 text-sm">
      <input
        type="checkbox"
        className="mt-1 size-4 rounded border-slate-300 text-brand"
        checked={checked}
        disabled={!canManage}
        data-testid={testId}
        onChange={(e) => set(e.target.checked)}
      />
      <span>
        <span className="font-medium text-slate-900">{label}</span>
        <span className="block text-xs text-slate-500">{hint}</span>
      </span>
    </label>
  );
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      {toggle(
        listings,
        setListings,
        t('networks:office.sharesListings'),
        t('networks:office.sharesListingsHint'),
        'share-listings',
      )}
      {toggle(
        reports,
        setReports,
        t('networks:office.sharesReports'),
        t('networks:office.sharesReportsHint'),
        'share-reports',
      )}
      {canManage ? (
        <Button type="submit" disabled={save.isPending}>
          {t('networks:office.save')}
        </Button>
      ) : (
        <p className="text-xs text-slate-500">{t('networks:office.ownerOnly')}</p>
      )}
    </form>
  );
}

/** `/netzwerk-pool`: the office's membership, what it shares, and the pool in return. */
export function OfficeNetworkPage() {
  const { t } = useTranslation();
  const membership = useQuery({
    queryKey: ['networks', 'membership'],
    queryFn: () => api<MembershipView>('/networks/membership'),
  });
  // Asked only to learn whether the pool is open to this office; PoolList reads it with filters.
  const poolOpen = useQuery({
    queryKey: ['networks', 'pool-open', membership.data?.sharesListings],
    queryFn: () => api<PoolView>('/networks/pool'),
    enabled: Boolean(membership.data?.network),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
  return (
    <>
      <PageHeader title={t('networks:office.title')} description={t('networks:office.intro')} />
      <QueryState query={membership}>
        {(view) =>
          !view.network ? (
            <EmptyState
              icon={Network}
              title={t('networks:office.noNetwork')}
              text={t('networks:office.noNetworkText')}
            />
          ) : (
            <div className="space-y-6">
              <Card title={t('networks:office.membership')}>
                <p className="mb-2 text-sm text-slate-700">
                  {t('networks:office.memberOf', {
                    name: view.network.name,
                    count: view.network.memberCount,
                  })}
                </p>
                <p className="mb-4 text-sm">
                  {t('networks:office.inquiryForm')}:{' '}
                  <a
                    className="text-brand hover:underline"
                    href={view.network.inquiryUrl}
                    target="_blank"
                    rel="noreferrer"
                  >
                    {view.network.inquiryUrl}
                  </a>
                </p>
                <SharingForm view={view} />
              </Card>
              <Card title={t('networks:pool.title')}>
                {poolOpen.error instanceof ApiError && poolOpen.error.code === 'pool_needs_sharing' ? (
                  <p
                    className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900"
                    data-testid="pool-needs-sharing"
                  >
                    {t('networks:office.poolNeedsSharing')}
                  </p>
                ) : poolOpen.isSuccess ? (
                  <PoolList path="/networks/pool" />
                ) : (
                  <QueryState query={poolOpen}>{() => null}</QueryState>
                )}
              </Card>
            </div>
          )
        }
      </QueryState>
    </>
  );
}
