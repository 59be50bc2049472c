import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card } from '../../../web/components/card.js';
import { PageHeader } from '../../../web/components/page-header.js';
import type { PropertyDefaults } from '../contract.js';
import type { InvestmentResult } from '../domain/investment.js';
import { FinanceTabs } from './finance-tabs.js';
import { centsOf, eur, euroText, eurWhole, numberText, parseDecimal, pct } from './format.js';
import { NumberField } from './number-field.js';
import { PropertySource } from './property-source.js';
import { ResultCards } from './result-cards.js';
import { ResultHeader } from './scenario-bar.js';
import { useCalculation } from './use-calculation.js';

const MONEY = ['price', 'sideCosts', 'rent', 'costs', 'equity'] as const;
const NUMBERS = [
  'vacancy',
  'rate',
  'repayment',
  'building',
  'year',
  'tax',
  'rentGrowth',
  'valueGrowth',
  'costGrowth',
  'years',
] as const;
type Form = Record<(typeof MONEY)[number] | (typeof NUMBERS)[number], string>;

export function InvestmentPage() {
  const { t } = useTranslation();
  const [propertyId, setPropertyId] = useState('');
  const [form, setForm] = useState<Form>({
    price: '300.000',
    sideCosts: '31.710',
    rent: '1.000',
    costs: '1.800',
    equity: '60.000',
    vacancy: '2',
    rate: '3,5',
    repayment: '2',
    building: '80',
    year: '1998',
    tax: '42',
    rentGrowth: '1,5',
    valueGrowth: '1,5',
    costGrowth: '2',
    years: '10',
  });
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const onDefaults = useCallback((d: PropertyDefaults) => {
    setForm((f) => ({
      ...f,
      price: d.priceCents ? euroText(d.priceCents) : f.price,
      // Roughly 10,5 % side costs until the broker enters the real figure.
      sideCosts: d.priceCents ? euroText(Math.round(d.priceCents * 0.105)) : f.sideCosts,
      rent: d.monthlyColdRentCents ? euroText(d.monthlyColdRentCents) : f.rent,
      year: d.completionYear ? numberText(d.completionYear) : f.year,
    }));
  }, []);
  const input = useMemo(() => {
    const money = MONEY.map((k) => centsOf(form[k]));
    const numbers = NUMBERS.map((k) => parseDecimal(form[k]));
    if (money.some((v) => v === null) || numbers.some((v) => v === null)) return null;
    const [priceCents, sideCostsCents, monthlyColdRentCents, nonRecoverableCostsYearlyCents, equityCents] =
      money as number[];
    const [
      vacancyPercent,
      nominalRatePercent,
      initialRepaymentPercent,
      buildingSharePercent,
      completionYear,
      marginalTaxPercent,
      rentGrowthPercent,
      valueGrowthPercent,
      costGrowthPercent,
      years,
    ] = numbers as number[];
    return {
      priceCents,
      sideCostsCents,
      monthlyColdRentCents,
      nonRecoverableCostsYearlyCents,
      equityCents,
      vacancyPercent,
      nominalRatePercent,
      initialRepaymentPercent,
      buildingSharePercent,
      completionYear,
      marginalTaxPercent,
      rentGrowthPercent,
      valueGrowthPercent,
      costGrowthPercent,
      years,
    };
  }, [form]);
  const calc = useCalculation<InvestmentResult>('/investment', input);
  const r = calc.data;
  const field = (key: keyof Form, unit: string, hint?: string) => (
    <NumberField
      label={t(`finance:investment.fields.${key}`)}
      unit={unit}
      value={form[key]}
      onChange={(value) => set({ [key]: value })}
      hint={hint}
    />
  );
  return (
    <div>
      <PageHeader title={t('finance:title')} description={t('finance:investment.description')} />
      <FinanceTabs />
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 xl:grid-cols-[420px_minmax(0,1fr)]">
        <Card>
          <div className="space-y-3">
            <PropertySource propertyId={propertyId} onChange={setPropertyId} onDefaults={onDefaults} />
            <div className="grid grid-cols-2 gap-3">
              {field('price', '€')}
              {field('sideCosts', '€')}
              {field('rent', '€/Monat')}
              {field('costs', '€/Jahr', t('finance:investment.costsHint'))}
              {field('equity', '€')}
              {field('vacancy', '%')}
              {field('rate', '%')}
              {field('repayment', '%')}
              {field('building', '%', t('finance:investment.buildingHint'))}
              {field('year', t('finance:investment.yearUnit'))}
              {field('tax', '%')}
              {field('years', t('finance:years'))}
              {field('rentGrowth', '% p. a.')}
              {field('valueGrowth', '% p. a.')}
              {field('costGrowth', '% p. a.')}
            </div>
          </div>
        </Card>
        <div className="space-y-4">
          <Card>
            <ResultHeader
              kind="investment"
              input={input}
              propertyId={propertyId}
              defaultName={t('finance:investment.defaultName')}
              error={calc.error}
            />
            {r ? (
              <div className="space-y-3" aria-busy={calc.isFetching}>
                <ResultCards
                  items={[
                    {
                      label: t('finance:investment.gross'),
                      value: pct(r.grossYieldPercent),
                      testId: 'gross-yield',
                    },
                    { label: t('finance:investment.net'), value: pct(r.netYieldPercent) },
                    { label: t('finance:investment.factor'), value: numberText(r.purchasePriceFactor) },
                    {
                      label: t('finance:investment.cfBefore'),
                      value: eur(r.firstYear.cashFlowBeforeTaxCents),
                    },
                    {
                      label: t('finance:investment.taxEffect'),
                      value: eur(-r.firstYear.taxCents),
                      hint: t('finance:investment.taxEffectHint'),
                    },
                    { label: t('finance:investment.cfAfter'), value: eur(r.firstYear.cashFlowAfterTaxCents) },
                    { label: t('finance:investment.roe'), value: pct(r.returnOnEquityPercent) },
                    {
                      label: t('finance:investment.irr', { years: r.projection.length }),
                      value: pct(r.irrPercent),
                    },
                    {
                      label: t('finance:investment.afa'),
                      value: `${pct(r.depreciation.ratePercent)} · ${eur(r.depreciation.yearlyCents)}`,
                      hint: r.depreciation.rule,
                    },
                  ]}
                />
                {r.notes.map((note) => (
                  <p key={note} className="text-xs text-slate-500">
                    {note}
                  </p>
                ))}
              </div>
            ) : null}
          </Card>
          {r ? (
            <Card>
              <h2 className="mb-3 text-base font-semibold text-slate-900">{t('finance:investment.chart')}</h2>
              <div className="h-64">
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart
                    data={r.projection.map((y) => ({ year: y.year, cf: y.cashFlowAfterTaxCents / 100 }))}
                  >
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="year" />
                    <YAxis
                      tickFormatter={(v: number) => eurWhole(v * 100)}
                      width={90}
                      // Bars must start at zero, or a small loss looks like a collapse.
                      domain={[(min: number) => Math.min(0, min), (max: number) => Math.max(0, max)]}
                    />
                    <Tooltip formatter={(v) => eur(Number(v) * 100)} />
                    <Bar dataKey="cf" name={t('finance:investment.cfAfter')} fill="#0f766e" />
                  </BarChart>
                </ResponsiveContainer>
              </div>
              <div className="mt-4 overflow-x-auto">
                <table className="w-full text-right text-sm tabular-nums">
                  <thead className="text-xs text-slate-500">
                    <tr>
                      {['year', 'rent', 'costs', 'interest', 'repayment', 'tax', 'cf', 'debt'].map((c) => (
                        <th key={c} className={c === 'year' ? 'py-2 text-left' : ''}>
                          {t(`finance:investment.columns.${c}`)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {r.projection.map((y) => (
                      <tr key={y.year}>
                        <td className="py-1.5 text-left">{y.year}</td>
                        <td>{eur(y.rentCents)}</td>
                        <td>{eur(y.costsCents)}</td>
                        <td>{eur(y.interestCents)}</td>
                        <td>{eur(y.repaymentCents)}</td>
                        <td>{eur(y.taxCents)}</td>
                        <td>{eur(y.cashFlowAfterTaxCents)}</td>
                        <td>{eur(y.remainingDebtCents)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </Card>
          ) : null}
        </div>
      </div>
    </div>
  );
}
