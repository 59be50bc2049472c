import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, FileUp, Share2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import { formatDateTime, formatNumber } from './format.js';

interface ExportView {
  id: string;
  scope: 'VOLL' | 'TEIL';
  status: 'laeuft' | 'fertig' | 'fehler';
  progress: number;
  progressMessage: string | null;
  listingCount: number;
  changedCount: number;
  deletedCount: number;
  sizeBytes: number | null;
  error: string | null;
  createdAt: string;
  downloadUrl: string | null;
}
interface ImportReport {
  dryRun: boolean;
  version: string | null;
  listings: {
    position: number;
    externalId: string | null;
    title: string;
    outcome: 'neu' | 'aktualisiert' | 'archiviert' | 'fehler' | 'uebersprungen';
    propertyId: string | null;
    images: number;
    errors: string[];
    warnings: string[];
  }[];
  counts: { neu: number; aktualisiert: number; archiviert: number; fehler: number };
}

const OUTCOME_TONE = {
  neu: 'green',
  aktualisiert: 'blue',
  archiviert: 'gray',
  fehler: 'red',
  uebersprungen: 'amber',
} as const;

export function OpenImmoPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const canWrite = hasPermission(me, 'crm.properties.write');
  const queryClient = useQueryClient();
  const exports = useQuery({
    queryKey: ['crm', 'openimmo', 'exports'],
    queryFn: () => api<{ items: ExportView[] }>('/crm/openimmo/exports'),
    // Poll while an export runs, so progress moves without a reload.
    refetchInterval: (query) => (query.state.data?.items.some((e) => e.status === 'laeuft') ? 1500 : false),
  });
  const start = useMutation({
    mutationFn: (scope: 'VOLL' | 'TEIL') => api('/crm/openimmo/exports', { method: 'POST', body: { scope } }),
    onSuccess: async () => {
      toast.success(t('crm:openimmo.started'));
      await queryClient.invalidateQueries({ queryKey: ['crm', 'openimmo', 'exports'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });

  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const runImport = useMutation({
    mutationFn: (dryRun: boolean) =>
      api<ImportReport>(`/crm/openimmo/import?dryRun=${dryRun}`, {
        method: 'POST',
        raw: new Blob([file as File], {
          type: file?.name.toLowerCase().endsWith('.zip') ? 'application/zip' : 'application/xml',
        }),
      }),
    onSuccess: async (result) => {
      setReport(result);
      if (!result.dryRun) {
        toast.success(t('crm:openimmo.imported', result.counts));
        await queryClient.invalidateQueries({ queryKey: ['crm', 'properties'] });
      }
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });

  return (
    <>
      <Link to="/objekte" className="text-sm text-slate-500 hover:underline">
        ← {t('crm:properties.back')}
      </Link>
      <PageHeader title={t('crm:openimmo.title')} description={t('crm:openimmo.description')} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card
          title={t('crm:openimmo.exportTitle')}
          actions={
            canWrite ? (
              <div className="flex gap-2">
                <Button
                  variant="secondary"
                  loading={start.isPending && start.variables === 'TEIL'}
                  onClick={() => start.mutate('TEIL')}
                >
                  {t('crm:openimmo.partial')}
                </Button>
                <Button
                  loading={start.isPending && start.variables === 'VOLL'}
                  onClick={() => start.mutate('VOLL')}
                >
                  {t('crm:openimmo.full')}
                </Button>
              </div>
            ) : null
          }
        >
          <p className="mb-4 text-sm text-slate-500">{t('crm:openimmo.exportHint')}</p>
          <QueryState query={exports}>
            {({ items }) =>
              items.length === 0 ? (
                <EmptyState icon={Share2} title={t('crm:openimmo.noExports')} />
              ) : (
                <ul className="divide-y divide-slate-100 text-sm" aria-label={t('crm:openimmo.exportTitle')}>
                  {items.map((e) => (
                    <li key={e.id} className="flex items-center justify-between gap-3 py-3">
                      <div className="min-w-0 flex-1">
                        <p className="font-medium text-slate-900">
                          {e.scope === 'VOLL' ? t('crm:openimmo.full') : t('crm:openimmo.partial')} ·{' '}
                          {formatDateTime(e.createdAt, i18n.language)}
                        </p>
                        {e.status === 'laeuft' ? (
                          <div
                            role="progressbar"
                            aria-valuenow={e.progress}
                            aria-valuemin={0}
                            aria-valuemax={100}
                            className="mt-2"
                          >
                            <div className="h-2 overflow-hidden rounded bg-slate-200">
                              <div
                                className="h-full bg-brand transition-all"
                                style={{ width: `${e.progress}%` }}
                              />
                            </div>
                            <p className="mt-1 text-xs text-slate-500">
                              {e.progressMessage ?? t('crm:openimmo.waiting')}
                            </p>
                          </div>
                        ) : e.status === 'fehler' ? (
                          <p className="text-red-700">{e.error}</p>
                        ) : (
                          <p className="text-slate-500">
                            {t('crm:openimmo.summary', {
                              listings: e.listingCount,
                              changed: e.changedCount,
                              deleted: e.deletedCount,
                            })}{' '}
                            · {formatNumber((e.sizeBytes ?? 0) / 1_048_576, i18n.language, 'MB')}
                          </p>
                        )}
                      </div>
                      {e.downloadUrl ? (
                        <a
                          href={e.downloadUrl}
                          className="inline-flex items-center gap-1 rounded-lg px-3 py-1.5 font-semibold text-brand hover:bg-slate-50"
                        >
                          <Download className="size-4" aria-hidden="true" />
                          ZIP
                        </a>
                      ) : (
                        <Badge tone={e.status === 'fehler' ? 'red' : 'amber'}>
                          {t(`crm:openimmo.status.${e.status}`)}
                        </Badge>
                      )}
                    </li>
                  ))}
                </ul>
              )
            }
          </QueryState>
        </Card>

        {canWrite ? (
          <Card title={t('crm:openimmo.importTitle')}>
            <p className="mb-4 text-sm text-slate-500">{t('crm:openimmo.importHint')}</p>
            <label className="flex cursor-pointer flex-col items-center gap-2 rounded-xl border-2 border-dashed border-slate-300 p-6 text-center text-sm text-slate-600 hover:border-brand">
              <FileUp className="size-7 text-slate-400" aria-hidden="true" />
              {file ? file.name : t('crm:openimmo.choose')}
              <input
                type="file"
                accept=".xml,.zip,application/xml,text/xml,application/zip"
                className="sr-only"
                aria-label={t('crm:openimmo.choose')}
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setReport(null);
                }}
              />
            </label>
            <div className="mt-4 flex justify-end gap-2">
              <Button
                variant="secondary"
                disabled={!file}
                loading={runImport.isPending && runImport.variables === true}
                onClick={() => runImport.mutate(true)}
              >
                {t('crm:import.dryRun')}
              </Button>
              <Button
                disabled={!report?.dryRun}
                loading={runImport.isPending && runImport.variables === false}
                onClick={() => runImport.mutate(false)}
              >
                {t('crm:import.run')}
              </Button>
            </div>
            {report ? (
              <div className="mt-6" data-testid="openimmo-report">
                <p className="text-sm font-medium text-slate-900">
                  {report.dryRun ? t('crm:import.reportDry') : t('crm:import.reportDone')}
                  {report.version ? ` · OpenImmo ${report.version}` : ''}
                </p>
                <ul className="mt-2 divide-y divide-slate-100 text-sm">
                  {report.listings.map((l) => (
                    <li key={l.position} className="py-2">
                      <div className="flex items-center justify-between gap-2">
                        <span className="font-medium text-slate-900">
                          {l.propertyId && !report.dryRun ? (
                            <Link to={`/objekte/${l.propertyId}`} className="hover:underline">
                              {l.title}
                            </Link>
                          ) : (
                            l.title
                          )}
                          <span className="text-slate-500"> {l.externalId ?? ''}</span>
                        </span>
                        <Badge tone={OUTCOME_TONE[l.outcome]}>{t(`crm:openimmo.outcome.${l.outcome}`)}</Badge>
                      </div>
                      {[...l.errors, ...l.warnings].map((m) => (
                        <p
                          key={m}
                          className={`text-xs ${l.errors.includes(m) ? 'text-red-700' : 'text-amber-700'}`}
                        >
                          {m}
                        </p>
                      ))}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </Card>
        ) : null}
      </div>
    </>
  );
}
