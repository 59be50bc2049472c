import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ListChecks } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { ListPage } from '../../../platform/http/page-schema.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { Pagination } from '../../../web/components/pagination.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { JobRunView } from '../contract.js';

const STATUS_TONES = {
  queued: 'gray',
  running: 'blue',
  retrying: 'amber',
  completed: 'green',
  dead: 'red',
  cancelled: 'gray',
} as const;
const FILTERS = ['', 'queued', 'running', 'retrying', 'completed', 'dead', 'cancelled'] as const;
const PAGE_SIZE = 25;

export function JobsPage() {
  const { t, i18n } = useTranslation();
  const canManage = hasPermission(useMe().data, 'admin.jobs.manage');
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<(typeof FILTERS)[number]>('');
  const [page, setPage] = useState(1);
  const jobs = useQuery({
    queryKey: ['admin', 'jobs', status, page],
    queryFn: () =>
      api<ListPage<JobRunView>>(
        `/admin/jobs?page=${page}&pageSize=${PAGE_SIZE}${status ? `&status=${status}` : ''}`,
      ),
    // Running work moves; keep the view current while anything is in flight.
    refetchInterval: (query) =>
      query.state.data?.items.some((j) => ['queued', 'running', 'retrying'].includes(j.status))
        ? 3000
        : false,
  });
  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'retry' | 'cancel' }) =>
      api(`/admin/jobs/${id}/${action}`, { method: 'POST' }),
    onSuccess: async (_data, { action }) => {
      toast.success(action === 'retry' ? t('admin:jobs.retried') : t('admin:jobs.cancelled'));
      await queryClient.invalidateQueries({ queryKey: ['admin', 'jobs'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const dateTime = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'de-DE', {
      dateStyle: 'short',
      timeStyle: 'short',
    });

  return (
    <>
      <PageHeader title={t('admin:jobs.title')} description={t('admin:jobs.description')} />
      <fieldset className="mb-4 flex flex-wrap gap-2">
        <legend className="sr-only">{t('admin:jobs.status')}</legend>
        {FILTERS.map((f) => (
          <button
            key={f || 'all'}
            type="button"
            aria-pressed={status === f}
            onClick={() => {
              setStatus(f);
              setPage(1);
            }}
            className={`rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset ${status === f ? 'bg-brand text-white ring-brand' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'}`}
          >
            {f ? t(`admin:jobs.statuses.${f}`) : t('admin:jobs.all')}
          </button>
        ))}
      </fieldset>
      <Card>
        <QueryState query={jobs}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState icon={ListChecks} title={t('admin:jobs.empty')} />
            ) : (
              <>
                <div className="-mx-5 -mt-5 overflow-x-auto">
                  <table className="min-w-full divide-y divide-slate-100 text-sm">
                    <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                      <tr>
                        <th scope="col" className="px-5 py-3">
                          {t('admin:jobs.name')}
                        </th>
                        <th scope="col" className="px-5 py-3">
                          {t('admin:jobs.status')}
                        </th>
                        <th scope="col" className="px-5 py-3">
                          {t('admin:jobs.progress')}
                        </th>
                        <th scope="col" className="px-5 py-3">
                          {t('admin:jobs.attempts')}
                        </th>
                        <th scope="col" className="px-5 py-3">
                          {t('admin:jobs.created')}
                        </th>
                        <th scope="col" className="px-5 py-3">
                          <span className="sr-only">{t('admin:jobs.retry')}</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {data.items.map((job) => (
                        <tr key={job.id}>
                          <td className="px-5 py-3">
                            <div className="font-medium text-slate-800" title={job.name}>
                              {t(`admin:jobs.names.${job.name}`, { defaultValue: job.name })}
                            </div>
                            {job.lastError ? (
                              <div
                                className="mt-1 max-w-md truncate text-xs text-red-600"
                                title={job.lastError}
                              >
                                {job.lastError}
                              </div>
                            ) : null}
                          </td>
                          <td className="px-5 py-3">
                            <Badge tone={STATUS_TONES[job.status]}>
                              {t(`admin:jobs.statuses.${job.status}`)}
                            </Badge>
                          </td>
                          <td className="px-5 py-3">
                            <div className="flex items-center gap-2">
                              <div
                                className="h-1.5 w-24 overflow-hidden rounded-full bg-slate-100"
                                role="progressbar"
                                aria-valuenow={job.progress}
                                aria-valuemin={0}
                                aria-valuemax={100}
                              >
                                <div className="h-full bg-brand" style={{ width: `${job.progress}%` }} />
                              </div>
                              <span className="text-xs text-slate-500">
                                {job.progressMessage ?? `${job.progress} %`}
                              </span>
                            </div>
                          </td>
                          <td className="px-5 py-3 text-slate-600">
                            {job.attempts}/{job.maxAttempts}
                          </td>
                          <td className="px-5 py-3 text-slate-500">{dateTime(job.createdAt)}</td>
                          <td className="px-5 py-3 text-right">
                            {canManage && (job.status === 'dead' || job.status === 'cancelled') ? (
                              <Button
                                variant="secondary"
                                onClick={() => act.mutate({ id: job.id, action: 'retry' })}
                              >
                                {t('admin:jobs.retry')}
                              </Button>
                            ) : null}
                            {canManage && (job.status === 'queued' || job.status === 'retrying') ? (
                              <Button
                                variant="ghost"
                                onClick={() => act.mutate({ id: job.id, action: 'cancel' })}
                              >
                                {t('admin:jobs.cancel')}
                              </Button>
                            ) : null}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <Pagination list={data} onPage={setPage} />
              </>
            )
          }
        </QueryState>
      </Card>
    </>
  );
}
