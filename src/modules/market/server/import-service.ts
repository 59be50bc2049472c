import { recordAudit } from '../../../platform/audit/record-audit.js';
import type { TenantRequestContext } from '../../../platform/http/access-control.js';
import { AppError, badRequest } from '../../../platform/http/app-error.js';
import { todayInBerlin } from '../../../platform/time/berlin-day.js';
import { parseCsv } from '../../crm/server/contact-import.js';
import type { DatasetView, ImportInput, ImportPreview, ImportPreviewInput } from '../contract.js';
import { guessMapping, type ImportedObservation, type ImportField, readRow } from '../domain/import-row.js';
import { marketDataset, marketRecord } from '../schema.js';
import { datasetViewOf } from './dataset-view.js';

export const MAX_IMPORT_ROWS = 100_000;
const INSERT_CHUNK = 1_000;
/** Enough rows to see that the mapping is right without flooding the page. */
const SAMPLE_ROWS = 5;
const REPORTED_INVALID = 200;

interface ReadFile {
  preview: ImportPreview;
  observations: ImportedObservation[];
}

export function readPriceFile(body: ImportPreviewInput, defaultDay: string | null = null): ReadFile {
  const { columns, records } = parseCsv(body.csv);
  return readPriceRecords(columns, records, body.mapping, body.kind, defaultDay);
}

/** Same rules for rows however they came in: a spreadsheet, or listings read from an OpenImmo feed. */
export function readPriceRecords(
  columns: string[],
  records: Record<string, string>[],
  explicitMapping: ImportPreviewInput['mapping'],
  kind: ImportPreviewInput['kind'],
  defaultDay: string | null,
): ReadFile {
  if (records.length === 0) throw badRequest('csv_no_rows', 'Die Datei enthält keine Datenzeilen.');
  if (records.length > MAX_IMPORT_ROWS)
    throw badRequest(
      'csv_too_many_rows',
      `Höchstens ${MAX_IMPORT_ROWS.toLocaleString('de-DE')} Zeilen pro Import (Datei: ${records.length.toLocaleString('de-DE')}).`,
    );
  const unknown = Object.values(explicitMapping).filter((c) => c !== undefined && !columns.includes(c));
  if (unknown.length)
    throw badRequest('csv_unknown_columns', `Spalten nicht in der Datei: ${unknown.join(', ')}`, { unknown });
  const mapping: Partial<Record<ImportField, string>> = { ...guessMapping(columns), ...explicitMapping };
  const defaultKind = kind === 'wettbewerb' ? 'angebot' : 'verkauf';
  const notes: string[] = [];
  if (!mapping.priceKind)
    notes.push(
      defaultKind === 'angebot'
        ? 'Keine Spalte „Preisart“: alle Preise gelten als Angebotspreise.'
        : 'Keine Spalte „Preisart“: alle Preise gelten als erzielte Kaufpreise bzw. Abschlussmieten.',
    );
  if (!mapping.latitude)
    notes.push('Ohne Koordinaten zählen die Zeilen bei der Umkreissuche über ihren Ort bzw. ihre PLZ.');
  const today = todayInBerlin();
  const observations: ImportedObservation[] = [];
  const invalid: ImportPreview['invalid'] = [];
  let invalidCount = 0;
  records.forEach((record, i) => {
    const { observation, errors } = readRow(record, mapping, defaultKind, today, defaultDay);
    if (observation) observations.push(observation);
    else {
      invalidCount++;
      // Line 1 is the header, so the first data row is line 2 — as the spreadsheet shows it.
      if (invalid.length < REPORTED_INVALID) invalid.push({ line: i + 2, errors });
    }
  });
  if (invalidCount > invalid.length)
    notes.push(`Nur die ersten ${REPORTED_INVALID} von ${invalidCount} fehlerhaften Zeilen sind aufgeführt.`);
  return {
    observations,
    preview: {
      columns,
      mapping: Object.fromEntries(Object.entries(mapping).filter(([, c]) => c !== undefined)) as Record<
        string,
        string
      >,
      rows: records.length,
      valid: observations.length,
      invalid,
      notes,
      sample: observations.slice(0, SAMPLE_ROWS).map(({ district: _d, externalRef: _e, ...o }) => o),
    },
  };
}

/** The dry run: what each column became, which rows fail and why; nothing is stored. */
export const previewImport = (body: ImportPreviewInput): ImportPreview => readPriceFile(body).preview;

/** Stores the file as one dataset — all rows or, if any row is broken, none. */
export async function commitImport(ctx: TenantRequestContext, body: ImportInput): Promise<DatasetView> {
  const { preview, observations } = readPriceFile(body);
  if (preview.invalid.length > 0)
    throw new AppError(
      422,
      'import_rows_invalid',
      `${preview.rows - preview.valid} von ${preview.rows} Zeilen sind fehlerhaft; es wurde nichts importiert.`,
      { invalid: preview.invalid },
    );
  return ctx.db(async (tx) => {
    const [dataset] = await tx
      .insert(marketDataset)
      .values({
        tenantId: ctx.tenantId,
        name: body.name,
        kind: body.kind,
        source: body.source,
        licence: body.licence,
        licenceUrl: body.licenceUrl,
        rowCount: observations.length,
        createdBy: ctx.actor.userId,
      })
      .returning();
    for (let i = 0; i < observations.length; i += INSERT_CHUNK) {
      await tx
        .insert(marketRecord)
        .values(
          observations
            .slice(i, i + INSERT_CHUNK)
            .map((o) => ({ ...o, tenantId: ctx.tenantId, datasetId: dataset!.id })),
        );
    }
    await recordAudit(tx, ctx.actor, {
      entity: 'market_dataset',
      entityId: dataset!.id,
      action: 'imported',
      after: {
        name: body.name,
        kind: body.kind,
        source: body.source,
        licence: body.licence,
        rows: observations.length,
      },
    });
    return datasetViewOf(dataset!);
  });
}
