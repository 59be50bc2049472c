import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { TextField } from '../../../web/components/field.js';
import type { RateOverrides, RatesView } from '../contract.js';
import { CONDITION_GRADE_LABELS, CONDITION_GRADES, type ConditionGrade } from '../domain/observation.js';
import { readNumber, writeNumber } from './number-input.js';

const SCALAR = [
  'lakeViewPercent',
  'agePerYearPercent',
  'sizeElasticity',
  'shoreElasticity',
  'groundFloorPercent',
  'trendPerYearPercent',
  'askingPercent',
] as const;
type Scalar = (typeof SCALAR)[number];

/**
 * The adjustment rates the comparables were moved by, from the office's own price model or
 * the defaults; the broker overwrites any and sees the range move.
 */
export function RatesPanel({
  view,
  overrides,
  onApply,
}: {
  view: RatesView;
  overrides: RateOverrides;
  onApply: (r: RateOverrides) => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<string, string>>({});
  useEffect(() => {
    const next: Record<string, string> = {};
    for (const k of SCALAR) next[k] = writeNumber(view[k], 3);
    for (const g of CONDITION_GRADES) next[`condition:${g}`] = writeNumber(view.conditionPercent[g] ?? 0, 1);
    setValues(next);
  }, [view]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: RateOverrides = { ...overrides };
    for (const k of SCALAR) {
      const n = readNumber(values[k] ?? '');
      if (n !== null && n !== view[k]) next[k] = n;
    }
    const conditionPercent: Partial<Record<ConditionGrade, number>> = { ...overrides.conditionPercent };
    for (const g of CONDITION_GRADES) {
      const n = readNumber(values[`condition:${g}`] ?? '');
      if (n !== null && n !== view.conditionPercent[g]) conditionPercent[g] = n;
    }
    if (Object.keys(conditionPercent).length)
      next.conditionPercent = conditionPercent as Record<ConditionGrade, number>;
    onApply(next);
  };
  const field = (key: string, label: string) => (
    <TextField
      key={key}
      label={label}
      value={values[key] ?? ''}
      inputMode="decimal"
      onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
    />
  );
  return (
    <Card title={`${t('market:rates.title')} – ${t(`market:rates.${view.origin}`)}`}>
      <form onSubmit={submit} className="space-y-4" aria-label={t('market:rates.title')}>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {SCALAR.map((k: Scalar) => field(k, t(`market:rates.${k}`)))}
          {CONDITION_GRADES.filter((g) => g !== 'gepflegt').map((g) =>
            field(`condition:${g}`, t('market:rates.condition', { grade: CONDITION_GRADE_LABELS[g] })),
          )}
        </div>
        <div className="flex gap-2">
          <Button type="submit">{t('market:rates.apply')}</Button>
          {Object.keys(overrides).length ? (
            <Button variant="secondary" onClick={() => onApply({})}>
              {t('market:rates.reset')}
            </Button>
          ) : null}
        </div>
      </form>
    </Card>
  );
}
