import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { todayInBerlin } from '../../../platform/time/berlin-day.js';
import { ApiError, api } from '../../../web/api/client.js';
import { errorMessage, fieldErrors } from '../../../web/api/error-message.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { SelectField, TextField } from '../../../web/components/field.js';
import { FileField } from '../../../web/components/file-field.js';
import type { CompetitorOverview, SnapshotInput, SnapshotResult } from '../contract.js';

type RowProblem = { line: number; label?: string; errors: string[] };
type FeedFile = { kind: 'csv' | 'openimmo'; text: string };

/** Takes in today's state of a competitor's feed (a CSV export of its listings). */
export function SnapshotForm({ competitors }: { competitors: CompetitorOverview['competitors'] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [datasetId, setDatasetId] = useState(competitors[0]?.dataset.id ?? '');
  const [meta, setMeta] = useState({ name: '', source: '', licence: '', observedOn: todayInBerlin() });
  const [file, setFile] = useState<FeedFile | null>(null);
  const snapshot = useMutation({
    mutationFn: (body: Partial<SnapshotInput>) =>
      api<SnapshotResult>('/market/competitors/snapshots', { method: 'POST', body }),
    onSuccess: (r) => {
      toast.success(
        t('market:competitors.taken', {
          created: r.created,
          priceChanged: r.priceChanged,
          withdrawn: r.withdrawn,
          alerts: r.alerts,
        }),
      );
      setDatasetId(r.dataset.id);
      void queryClient.invalidateQueries({ queryKey: ['market', 'competitors'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const errors = fieldErrors(snapshot.error);
  const rows =
    snapshot.error instanceof ApiError
      ? ((snapshot.error.details as { invalid?: RowProblem[] } | undefined)?.invalid ?? [])
      : [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    snapshot.mutate({
      datasetId: datasetId || null,
      ...(datasetId ? {} : { name: meta.name, source: meta.source, licence: meta.licence }),
      ...(file?.kind === 'openimmo' ? { openimmo: file.text } : { csv: file?.text ?? '' }),
      mapping: {},
      observedOn: meta.observedOn,
    });
  };
  const set = (key: keyof typeof meta) => (e: { target: { value: string } }) =>
    setMeta((m) => ({ ...m, [key]: e.target.value }));
  return (
    <Card title={t('market:competitors.snapshotTitle')}>
      <form
        onSubmit={submit}
        className="grid gap-3 sm:grid-cols-2"
        aria-label={t('market:competitors.snapshotTitle')}
      >
        <SelectField
          label={t('market:competitors.competitor')}
          value={datasetId}
          onChange={(e) => setDatasetId(e.target.value)}
          options={[
            ...competitors.map((c) => ({ value: c.dataset.id, label: c.dataset.name })),
            { value: '', label: t('market:competitors.newCompetitor') },
          ]}
        />
        <TextField
          label={t('market:competitors.observedOn')}
          type="date"
          value={meta.observedOn}
          onChange={set('observedOn')}
          error={errors.observedOn ?? null}
        />
        {datasetId ? null : (
          <>
            <TextField
              label={t('market:competitors.name')}
              value={meta.name}
              onChange={set('name')}
              error={errors.name ?? null}
            />
            <TextField
              label={t('market:import.source')}
              value={meta.source}
              onChange={set('source')}
              error={errors.source ?? null}
            />
            <TextField
              label={t('market:import.licence')}
              value={meta.licence}
              onChange={set('licence')}
              error={errors.licence ?? null}
            />
          </>
        )}
        <div className="sm:col-span-2">
          <FileField
            label={t('market:competitors.file')}
            hint={t('market:competitors.fileHint')}
            accept=".csv,text/csv,.xml,application/xml,text/xml"
            onFile={async (chosen) => {
              snapshot.reset();
              if (!chosen) return setFile(null);
              const text = await chosen.text();
              // An XML export starts with its declaration or root element, whatever the file is called.
              const kind = /\.xml$/i.test(chosen.name) || /^\s*</.test(text) ? 'openimmo' : 'csv';
              setFile({ kind, text });
            }}
          />
        </div>
        {rows.length > 0 ? (
          <ul className="space-y-1 text-sm text-red-700 sm:col-span-2" data-testid="snapshot-errors">
            {rows.map((r) => (
              <li key={r.line}>
                <strong>{r.label ?? t('market:import.line', { line: r.line })}:</strong> {r.errors.join(' ')}
              </li>
            ))}
          </ul>
        ) : null}
        <div className="sm:col-span-2">
          <Button type="submit" loading={snapshot.isPending} disabled={!file}>
            {t('market:competitors.take')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
