import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Database } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { formatArea, formatCents, formatDate, formatNumber } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { errorMessage, fieldErrors } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { ConfirmDialog } from '../../../web/components/confirm-dialog.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { SelectField, TextField } from '../../../web/components/field.js';
import { FileField } from '../../../web/components/file-field.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { DatasetView, ImportInput, ImportPreview } from '../contract.js';
import { IMPORT_FIELD_LABELS, IMPORT_FIELDS, type ImportField } from '../domain/import-row.js';
import { PageFrame } from './page-frame.js';

export function DataPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const queryClient = useQueryClient();
  const canWrite = hasPermission(useMe().data, 'market.write');
  const datasets = useQuery({
    queryKey: ['market', 'datasets'],
    queryFn: () => api<DatasetView[]>('/market/datasets'),
  });
  const [deleting, setDeleting] = useState<DatasetView | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => api(`/market/datasets/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      setDeleting(null);
      toast.success(t('market:data.deleted'));
      void queryClient.invalidateQueries({ queryKey: ['market'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  return (
    <PageFrame>
      <div className="space-y-6">
        <Card title={t('market:data.title')}>
          <QueryState query={datasets}>
            {(list) =>
              list.length === 0 ? (
                <EmptyState icon={Database} title={t('market:data.empty')} />
              ) : (
                <div className="overflow-x-auto">
                  <table className="w-full min-w-[40rem] text-sm" data-testid="datasets">
                    <thead>
                      <tr className="border-b text-left text-xs text-slate-500">
                        <th className="py-1.5 pr-2 font-medium">{t('market:data.name')}</th>
                        <th className="py-1.5 pr-2 font-medium">{t('market:data.kind')}</th>
                        <th className="py-1.5 pr-2 text-right font-medium">{t('market:data.rows')}</th>
                        <th className="py-1.5 pr-2 font-medium">{t('market:data.source')}</th>
                        <th className="py-1.5 pr-2 font-medium">{t('market:data.created')}</th>
                        <th />
                      </tr>
                    </thead>
                    <tbody>
                      {list.map((d) => (
                        <tr key={d.id} className="border-b border-slate-100 align-top">
                          <td className="py-1.5 pr-2 font-medium">{d.name}</td>
                          <td className="py-1.5 pr-2">{t(`market:data.kinds.${d.kind}`)}</td>
                          <td className="py-1.5 pr-2 text-right tabular-nums">
                            {formatNumber(d.rowCount, lang, 0)}
                          </td>
                          <td className="py-1.5 pr-2 text-xs text-slate-600">
                            {d.source}
                            <span className="block text-slate-400">
                              {t('market:sources.licence', { licence: d.licence })}
                            </span>
                          </td>
                          <td className="py-1.5 pr-2">{formatDate(d.createdAt, lang)}</td>
                          <td className="py-1.5 text-right">
                            {canWrite && d.kind !== 'eigen' ? (
                              <Button variant="ghost" onClick={() => setDeleting(d)}>
                                {t('market:data.delete')}
                              </Button>
                            ) : null}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )
            }
          </QueryState>
        </Card>
        {canWrite ? <ImportCard /> : null}
      </div>
      <ConfirmDialog
        open={deleting !== null}
        title={t('market:data.delete')}
        text={
          deleting
            ? t('market:data.confirmDelete', {
                name: deleting.name,
                rows: formatNumber(deleting.rowCount, lang, 0),
              })
            : ''
        }
        confirmLabel={t('market:data.delete')}
        busy={remove.isPending}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting.id);
        }}
        onClose={() => setDeleting(null)}
      />
    </PageFrame>
  );
}

function ImportCard() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const queryClient = useQueryClient();
  const [csv, setCsv] = useState('');
  const [reading, setReading] = useState(false);
  const [mapping, setMapping] = useState<Partial<Record<ImportField, string>>>({});
  const [meta, setMeta] = useState({
    kind: 'import' as ImportInput['kind'],
    name: '',
    source: '',
    licence: '',
    licenceUrl: '',
  });
  const preview = useMutation({
    mutationFn: () =>
      api<ImportPreview>('/market/imports/preview', {
        method: 'POST',
        body: { csv, mapping, kind: meta.kind },
      }),
    onSuccess: (data) => setMapping(data.mapping as Partial<Record<ImportField, string>>),
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const commit = useMutation({
    mutationFn: () =>
      api<DatasetView>('/market/imports', {
        method: 'POST',
        body: { csv, mapping, ...meta, licenceUrl: meta.licenceUrl.trim() || null },
      }),
    onSuccess: (data) => {
      toast.success(t('market:import.done', { n: formatNumber(data.rowCount, lang, 0) }));
      setCsv('');
      preview.reset();
      setMapping({});
      void queryClient.invalidateQueries({ queryKey: ['market'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const errors = fieldErrors(commit.error);
  const p = preview.data;
  const setMeta$ = (key: keyof typeof meta) => (e: { target: { value: string } }) =>
    setMeta((m) => ({ ...m, [key]: e.target.value }));
  return (
    <Card title={t('market:import.title')}>
      <p className="mb-3 text-sm text-slate-600">{t('market:import.hint')}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        <FileField
          label={t('market:import.file')}
          accept=".csv,text/csv"
          hint={reading ? t('market:import.reading') : null}
          onFile={async (file) => {
            if (!file) return;
            setReading(true);
            preview.reset();
            setMapping({});
            setCsv(await file.text());
            setReading(false);
          }}
        />
        <SelectField
          label={t('market:import.kind')}
          value={meta.kind}
          onChange={setMeta$('kind')}
          options={[
            { value: 'import', label: t('market:data.kinds.import') },
            { value: 'wettbewerb', label: t('market:data.kinds.wettbewerb') },
          ]}
        />
      </div>
      <div className="mt-3">
        <Button
          variant="secondary"
          disabled={!csv}
          loading={preview.isPending}
          onClick={() => preview.mutate()}
        >
          {t('market:import.check')}
        </Button>
      </div>
      {p ? (
        <div className="mt-5 space-y-4" data-testid="import-preview">
          <p className="text-sm font-medium">
            {t('market:import.summary', {
              rows: formatNumber(p.rows, lang, 0),
              valid: formatNumber(p.valid, lang, 0),
            })}
          </p>
          {p.notes.map((n) => (
            <p key={n} className="text-xs text-slate-600">
              {n}
            </p>
          ))}
          <fieldset>
            <legend className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
              {t('market:import.mapping')}
            </legend>
            <div className="grid gap-3 sm:grid-cols-3">
              {IMPORT_FIELDS.map((f) => (
                <SelectField
                  key={f}
                  label={IMPORT_FIELD_LABELS[f]}
                  value={mapping[f] ?? ''}
                  onChange={(e) => setMapping((m) => ({ ...m, [f]: e.target.value || undefined }))}
                  options={[
                    { value: '', label: t('market:import.notMapped') },
                    ...p.columns.map((c) => ({ value: c, label: c })),
                  ]}
                />
              ))}
            </div>
            <Button
              className="mt-3"
              variant="secondary"
              loading={preview.isPending}
              onClick={() => preview.mutate()}
            >
              {t('market:import.check')}
            </Button>
          </fieldset>
          {p.invalid.length ? (
            <div className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
              <p className="font-medium">{t('market:import.invalidRows')}</p>
              <ul className="mt-1 max-h-64 space-y-1 overflow-y-auto text-xs">
                {p.invalid.map((r) => (
                  <li key={r.line}>
                    <strong>{t('market:import.line', { line: r.line })}:</strong> {r.errors.join(' ')}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {p.sample.length ? (
            <div className="overflow-x-auto">
              <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">
                {t('market:import.sample')}
              </p>
              <table className="mt-1 w-full min-w-[36rem] text-xs">
                <tbody>
                  {p.sample.map((o) => (
                    <tr
                      key={`${o.postalCode}|${o.livingArea}|${o.priceCents}|${o.observedOn}`}
                      className="border-b border-slate-100"
                    >
                      <td className="py-1 pr-2">
                        {o.priceKind === 'verkauf' ? t('market:table.sold') : t('market:table.asking')}
                      </td>
                      <td className="py-1 pr-2">{t(`market:${o.marketingType}`)}</td>
                      <td className="py-1 pr-2">{t(`crm:enum.objectType.${o.objectType}`)}</td>
                      <td className="py-1 pr-2">
                        {o.postalCode} {o.city}
                      </td>
                      <td className="py-1 pr-2">{formatArea(o.livingArea, lang)}</td>
                      <td className="py-1 pr-2 text-right">{formatCents(o.priceCents, lang)}</td>
                      <td className="py-1">{formatDate(o.observedOn, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {p.invalid.length === 0 && p.valid > 0 ? (
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField
                label={t('market:import.name')}
                value={meta.name}
                onChange={setMeta$('name')}
                error={errors.name}
                required
              />
              <TextField
                label={t('market:import.source')}
                value={meta.source}
                onChange={setMeta$('source')}
                error={errors.source}
                required
              />
              <TextField
                label={t('market:import.licence')}
                value={meta.licence}
                onChange={setMeta$('licence')}
                error={errors.licence}
                required
              />
              <TextField
                label={t('market:import.licenceUrl')}
                value={meta.licenceUrl}
                onChange={setMeta$('licenceUrl')}
                error={errors.licenceUrl}
                type="url"
              />
              <div className="sm:col-span-2">
                <Button loading={commit.isPending} onClick={() => commit.mutate()}>
                  {t('market:import.commit', { n: formatNumber(p.valid, lang, 0) })}
                </Button>
              </div>
            </div>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}
