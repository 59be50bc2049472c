import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage, fieldErrors } from '../../../web/api/error-message.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { SelectField, TextField } from '../../../web/components/field.js';
import type { ValuationView } from '../contract.js';
import { readNumber, writeNumber } from './number-input.js';
import { StepsTable } from './steps-table.js';

/** How a field's text becomes the API's number: euros to cents, the rest as typed. */
export type FieldUnit = 'euro' | 'percent' | 'years' | 'number';
export interface MethodField {
  key: string;
  /** The body path the server names in its 400, when it differs from the key. */
  path?: string;
  unit: FieldUnit;
  choices?: { value: string; label: string }[];
}
export type FieldValues = Record<string, string>;

export const toNumber = (text: string, unit: FieldUnit): number => {
  const n = readNumber(text);
  // NaN and empty travel on as null so the server's 400 names the field.
  if (n === null || Number.isNaN(n)) return Number.NaN;
  return unit === 'euro' ? Math.round(n * 100) : n;
};
export const toText = (value: number | undefined, unit: FieldUnit): string =>
  value === undefined ? '' : writeNumber(unit === 'euro' ? value / 100 : value, 4);

/**
 * One ImmoWertV method (Ertrags- or Sachwert) as a form: fields with German numbers, a
 * calculation on the server, the steps as an appraiser checks them. `onResult` hands the
 * calculated input up, so the saved analysis carries it.
 */
export function MethodForm<Body>({
  title,
  endpoint,
  fields,
  initial,
  build,
  onResult,
  testId,
  saved,
}: {
  title: string;
  endpoint: string;
  fields: MethodField[];
  initial: FieldValues;
  build: (values: FieldValues) => Body;
  onResult: (body: Body | null) => void;
  testId: string;
  /** The steps of the saved analysis, shown until the form is calculated again. */
  saved: ValuationView | null;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<FieldValues>(initial);
  const initialKey = JSON.stringify(initial);
  // A saved analysis arrives after the first render; its inputs replace the defaults once.
  useEffect(() => setValues(JSON.parse(initialKey) as FieldValues), [initialKey]);
  const calculate = useMutation({
    mutationFn: (body: Body) => api<ValuationView>(endpoint, { method: 'POST', body }),
    onSuccess: (_, body) => {
      setDropped(false);
      onResult(body);
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const [dropped, setDropped] = useState(false);
  const shown = calculate.data ?? (dropped ? null : saved);
  const errors = fieldErrors(calculate.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    calculate.mutate(build(values));
  };
  return (
    <Card title={title}>
      <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2" aria-label={title} data-testid={testId}>
        {fields.map((f) =>
          f.choices ? (
            <SelectField
              key={f.key}
              label={t(`market:method.${f.key}`)}
              value={values[f.key] ?? ''}
              onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
              options={f.choices}
            />
          ) : (
            <TextField
              key={f.key}
              label={t(`market:method.${f.key}`)}
              inputMode="decimal"
              value={values[f.key] ?? ''}
              onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
              error={errors[f.path ?? f.key] ?? null}
            />
          ),
        )}
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
          <Button type="submit" variant="secondary" loading={calculate.isPending}>
            {t('market:method.calculate')}
          </Button>
          {shown ? (
            <Button
              type="button"
              variant="ghost"
              onClick={() => {
                calculate.reset();
                setDropped(true);
                onResult(null);
              }}
            >
              {t('market:method.remove')}
            </Button>
          ) : null}
        </div>
      </form>
      {shown ? (
        <div className="mt-4" data-testid={`${testId}-steps`}>
          <StepsTable valuation={shown} />
        </div>
      ) : null}
    </Card>
  );
}
