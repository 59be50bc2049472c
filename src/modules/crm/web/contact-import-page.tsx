import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FileUp } from 'lucide-react';
import Papa from 'papaparse';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { SelectField } from '../../../web/components/field.js';
import { PageHeader } from '../../../web/components/page-header.js';
import type { ContactImportReport } from '../contract.js';
import { guessField, IMPORT_FIELD_LIST } from './import-fields.js';

export function ContactImportPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [fileName, setFileName] = useState('');
  const [csv, setCsv] = useState('');
  const [columns, setColumns] = useState<string[]>([]);
  const [preview, setPreview] = useState<Record<string, string>[]>([]);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [onDuplicate, setOnDuplicate] = useState<'skip' | 'update'>('skip');
  const [report, setReport] = useState<ContactImportReport | null>(null);

  const readFile = async (file: File) => {
    const text = await file.text();
    const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
      header: true,
      preview: 5,
      skipEmptyLines: 'greedy',
      delimitersToGuess: [';', ',', '\t', '|'],
      transformHeader: (h) => h.trim(),
    });
    const cols = (parsed.meta.fields ?? []).filter(Boolean);
    setFileName(file.name);
    setCsv(text);
    setColumns(cols);
    setPreview(parsed.data);
    setMapping(Object.fromEntries(cols.map((c) => [c, guessField(c)])));
    setReport(null);
  };
  const run = useMutation({
    mutationFn: (dryRun: boolean) =>
      api<ContactImportReport>('/crm/contacts/import', {
        method: 'POST',
        body: { csv, mapping, dryRun, onDuplicate },
      }),
    onSuccess: async (result) => {
      setReport(result);
      if (!result.dryRun) {
        toast.success(t('crm:import.done', { created: result.created, updated: result.updated }));
        await queryClient.invalidateQueries({ queryKey: ['crm', 'contacts'] });
      }
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });

  return (
    <>
      <Link to="/kontakte" className="text-sm text-slate-500 hover:underline">
        ← {t('crm:contacts.back')}
      </Link>
      <PageHeader title={t('crm:import.title')} description={t('crm:import.description')} />
      <Card title={t('crm:import.step1')}>
        <label className="flex cursor-pointer flex-col items-center gap-2 rounded-xl border-2 border-dashed border-slate-300 p-6 text-center text-sm text-slate-600 hover:border-brand">
          <FileUp className="size-7 text-slate-400" aria-hidden="true" />
          {fileName || t('crm:import.choose')}
          <input
            type="file"
            accept=".csv,text/csv,text/plain"
            className="sr-only"
            aria-label={t('crm:import.choose')}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void readFile(file);
            }}
          />
        </label>
      </Card>
      {columns.length > 0 ? (
        <Card title={t('crm:import.step2')} className="mt-6">
          <div className="grid gap-4 md:grid-cols-2">
            {columns.map((column) => (
              <div key={column} className="grid grid-cols-2 items-end gap-3">
                <SelectField
                  label={column}
                  value={mapping[column] ?? 'ignore'}
                  onChange={(e) => setMapping((m) => ({ ...m, [column]: e.target.value }))}
                  options={[
                    { value: 'ignore', label: t('crm:import.ignore') },
                    ...IMPORT_FIELD_LIST.map((f) => ({ value: f, label: t(`crm:import.fields.${f}`) })),
                  ]}
                />
                <p
                  className="truncate pb-2 text-xs text-slate-500"
                  title={preview.map((r) => r[column]).join(', ')}
                >
                  {preview
                    .map((r) => r[column])
                    .filter(Boolean)
                    .slice(0, 3)
                    .join(', ')}
                </p>
              </div>
            ))}
          </div>
          <div className="mt-6 flex flex-wrap items-end justify-between gap-4">
            <div className="w-64">
              <SelectField
                label={t('crm:import.duplicates')}
                value={onDuplicate}
                onChange={(e) => setOnDuplicate(e.target.value as 'skip' | 'update')}
                options={[
                  { value: 'skip', label: t('crm:import.skip') },
                  { value: 'update', label: t('crm:import.update') },
                ]}
              />
            </div>
            <div className="flex gap-2">
              <Button
                variant="secondary"
                loading={run.isPending && run.variables === true}
                onClick={() => run.mutate(true)}
              >
                {t('crm:import.dryRun')}
              </Button>
              <Button
                loading={run.isPending && run.variables === false}
                disabled={!report?.dryRun}
                onClick={() => run.mutate(false)}
                title={report?.dryRun ? undefined : t('crm:import.dryRunFirst')}
              >
                {t('crm:import.run')}
              </Button>
            </div>
          </div>
        </Card>
      ) : null}
      {report ? (
        <Card title={report.dryRun ? t('crm:import.reportDry') : t('crm:import.reportDone')} className="mt-6">
          <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-4" data-testid="import-report">
            {(
              [
                ['rows', report.rows],
                ['created', report.created],
                ['updated', report.updated],
                ['skipped', report.skippedDuplicates],
              ] as const
            ).map(([key, value]) => (
              <div key={key} className="rounded-lg bg-slate-50 p-3">
                <dt className="text-slate-500">{t(`crm:import.count.${key}`)}</dt>
                <dd className="text-xl font-semibold tabular-nums text-slate-900">{value}</dd>
              </div>
            ))}
          </dl>
          {report.errors.length > 0 ? (
            <div className="mt-4">
              <p className="text-sm font-medium text-red-700">
                {t('crm:import.errors', { count: report.errors.length })}
              </p>
              <ul className="mt-2 max-h-64 space-y-1 overflow-y-auto text-sm text-slate-700">
                {report.errors.slice(0, 200).map((e) => (
                  <li key={e.line}>
                    {t('crm:import.line', { line: e.line })}: {e.messages.join(' · ')}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </Card>
      ) : null}
    </>
  );
}
