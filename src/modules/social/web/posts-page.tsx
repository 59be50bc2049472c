import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Download, Megaphone, Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { ConfirmDialog } from '../../../web/components/confirm-dialog.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { SelectField } from '../../../web/components/field.js';
import { LoadMore } from '../../../web/components/load-more.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import { useUrlFilters } from '../../crm/web/list-controls.js';
import type { PostView, TargetView } from '../contract.js';
import { usePosts } from './social-api.js';
import { PlatformDot, StatusBadge } from './social-badges.js';
import { SocialTabs } from './social-tabs.js';

const STATUS_FILTERS = [
  '',
  'geplant',
  'zur_freigabe',
  'entwurf',
  'veroeffentlicht',
  'teilweise',
  'fehlgeschlagen',
];

const when = (post: PostView) => {
  const times = post.targets
    .map((t) => t.publishedAt ?? t.scheduledAt)
    .filter((x): x is string => Boolean(x))
    .sort();
  return times[0] ? new Date(times[0]) : null;
};

export function PostsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const canWrite = hasPermission(me, 'social.posts.write');
  const canPublish = hasPermission(me, 'social.posts.publish');
  const { filters, setFilter } = useUrlFilters(['status']);
  const posts = usePosts(filters);
  const queryClient = useQueryClient();
  const [deleting, setDeleting] = useState<PostView | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['social'] });
  const onError = (error: unknown) => toast.error(errorMessage(error, t));

  const unschedule = useMutation({
    mutationFn: (id: string) => api(`/social-media/posts/${id}/unschedule`, { method: 'POST' }),
    onSuccess: () => {
      toast.success(t('social:posts.unscheduled'));
      void refresh();
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(`/social-media/posts/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      toast.success(t('social:posts.deleted'));
      setDeleting(null);
      void refresh();
    },
    onError,
  });
  const outcome = useMutation({
    mutationFn: ({ target, published }: { target: TargetView; published: boolean }) =>
      api(`/social-media/targets/${target.id}/outcome`, { method: 'POST', body: { published } }),
    onSuccess: () => {
      toast.success(t('social:posts.marked'));
      void refresh();
    },
    onError,
  });
  const dateFormat = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'de-DE', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const numberFormat = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'de-DE');

  return (
    <>
      <PageHeader
        title={t('social:title')}
        description={t('social:posts.description')}
        actions={
          canWrite ? (
            <Button icon={<Plus className="size-4" />} onClick={() => navigate('/social/neu')}>
              {t('social:posts.new')}
            </Button>
          ) : null
        }
      />
      <SocialTabs />
      <Card>
        <div className="mb-4 max-w-xs">
          <SelectField
            label={t('social:posts.filter')}
            value={filters.status ?? ''}
            onChange={(e) => setFilter('status', e.target.value)}
            options={STATUS_FILTERS.map((s) => ({
              value: s,
              label: s ? t(`social:postStatus.${s}`) : t('social:posts.all'),
            }))}
          />
        </div>
        <QueryState query={posts}>
          {({ items }) =>
            items.length === 0 ? (
              <EmptyState
                icon={Megaphone}
                title={t('social:posts.empty')}
                text={t('social:posts.emptyText')}
                action={
                  canWrite ? (
                    <Button onClick={() => navigate('/social/neu')}>{t('social:posts.new')}</Button>
                  ) : null
                }
              />
            ) : (
              <ul className="divide-y divide-slate-100">
                {(filters.status === 'geplant'
                  ? [...items].sort((a, b) => (when(a)?.getTime() ?? 0) - (when(b)?.getTime() ?? 0))
                  : items
                ).map((post) => {
                  const at = when(post);
                  const totals = post.targets.reduce(
                    (sum, target) => ({
                      impressions: sum.impressions + (target.metrics?.impressions ?? 0),
                      engagement: sum.engagement + (target.metrics?.engagement ?? 0),
                    }),
                    { impressions: 0, engagement: 0 },
                  );
                  const hasNumbers = post.targets.some((target) => target.metrics);
                  return (
                    <li key={post.id} className="py-4" data-testid="social-post-row">
                      <div className="flex flex-wrap items-start justify-between gap-3">
                        <div className="min-w-0">
                          <Link
                            to={`/social/beitraege/${post.id}`}
                            className="font-medium text-slate-900 hover:text-brand"
                          >
                            {post.title}
                          </Link>
                          <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-500">
                            <StatusBadge status={post.status} kind="post" />
                            {at ? <span>{dateFormat.format(at)}</span> : null}
                            {hasNumbers ? (
                              <span>
                                {t('social:posts.numbers', {
                                  impressions: numberFormat.format(totals.impressions),
                                  engagement: numberFormat.format(totals.engagement),
                                })}
                              </span>
                            ) : null}
                          </div>
                        </div>
                        <div className="flex flex-wrap gap-2">
                          <a
                            className="inline-flex items-center gap-1.5 rounded-lg px-3 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-100"
                            href={`/api/social-media/posts/${post.id}/package`}
                          >
                            <Download className="size-4" aria-hidden="true" />
                            {t('social:posts.package')}
                          </a>
                          {canPublish && post.targets.some((x) => x.status === 'geplant') ? (
                            <Button
                              variant="secondary"
                              loading={unschedule.isPending && unschedule.variables === post.id}
                              onClick={() => unschedule.mutate(post.id)}
                            >
                              {t('social:posts.unschedule')}
                            </Button>
                          ) : null}
                          {canWrite &&
                          post.targets.every((x) =>
                            ['entwurf', 'fehlgeschlagen', 'geplant'].includes(x.status),
                          ) ? (
                            <Button variant="ghost" onClick={() => setDeleting(post)}>
                              {t('social:posts.delete')}
                            </Button>
                          ) : null}
                        </div>
                      </div>
                      <ul className="mt-3 grid gap-2 sm:grid-cols-2">
                        {post.targets.map((target) => (
                          <li
                            key={target.id}
                            className="rounded-lg bg-slate-50 px-3 py-2 text-sm ring-1 ring-slate-100"
                          >
                            <div className="flex items-center justify-between gap-2">
                              <PlatformDot platform={target.platform} />
                              <StatusBadge status={target.status} kind="target" />
                            </div>
                            {target.errorMessage && target.status !== 'veroeffentlicht' ? (
                              <p className="mt-1 text-xs text-slate-600">{target.errorMessage}</p>
                            ) : null}
                            {target.externalUrl ? (
                              <a
                                href={target.externalUrl}
                                target="_blank"
                                rel="noreferrer"
                                className="mt-1 block truncate text-xs text-brand hover:underline"
                              >
                                {target.externalUrl}
                              </a>
                            ) : null}
                            {canPublish && (target.status === 'manuell' || target.status === 'ungewiss') ? (
                              <div className="mt-2 flex gap-2">
                                <Button
                                  variant="secondary"
                                  onClick={() => outcome.mutate({ target, published: true })}
                                >
                                  {t('social:posts.markPublished')}
                                </Button>
                                <Button
                                  variant="ghost"
                                  onClick={() => outcome.mutate({ target, published: false })}
                                >
                                  {t('social:posts.markNotPublished')}
                                </Button>
                              </div>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    </li>
                  );
                })}
              </ul>
            )
          }
        </QueryState>
        <LoadMore list={posts} />
      </Card>
      <ConfirmDialog
        open={deleting !== null}
        title={t('social:posts.deleteTitle')}
        text={t('social:posts.deleteText')}
        confirmLabel={t('social:posts.delete')}
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
