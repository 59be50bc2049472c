import { Plus, Trash2 } from 'lucide-react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { TextField } from '../../../web/components/field.js';
import { PageHeader } from '../../../web/components/page-header.js';
import type { PropertyDefaults } from '../contract.js';
import type { OfferComparison } from '../domain/offers.js';
import { FinanceTabs } from './finance-tabs.js';
import { centsOf, eur, euroText, eurWhole, parseDecimal, pct } from './format.js';
import { NumberField } from './number-field.js';
import { PropertySource } from './property-source.js';
import { ResultHeader } from './scenario-bar.js';
import { useCalculation } from './use-calculation.js';

interface OfferForm {
  key: string;
  name: string;
  rate: string;
  repayment: string;
  fixedYears: string;
  fees: string;
  specialRight: string;
  special: string;
}
const COLOURS = ['#0f766e', '#6366f1', '#f59e0b', '#e11d48', '#0ea5e9'];
// crypto.randomUUID needs a secure context; offices often open the app over plain HTTP on their LAN.
let nextKey = 0;
const offer = (name: string, rate: string, fixedYears: string): OfferForm => ({
  key: String(nextKey++),
  name,
  rate,
  repayment: '2',
  fixedYears,
  fees: '0',
  specialRight: '5',
  special: '0',
});

export function ComparePage() {
  const { t } = useTranslation();
  const [propertyId, setPropertyId] = useState('');
  const [amount, setAmount] = useState('300.000');
  // As in the financing plan: 80 % of the price as the loan the banks are asked for.
  const onDefaults = useCallback((d: PropertyDefaults) => {
    if (d.priceCents) setAmount(euroText(Math.round(d.priceCents * 0.8)));
  }, []);
  const [offers, setOffers] = useState<OfferForm[]>([
    offer('Bank A', '3,6', '10'),
    offer('Bank B', '3,75', '15'),
  ]);
  const setOffer = (i: number, patch: Partial<OfferForm>) =>
    setOffers((l) => l.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  const input = useMemo(() => {
    const amountCents = centsOf(amount);
    if (amountCents === null) return null;
    const list = [];
    for (const o of offers) {
      const values = [o.rate, o.repayment, o.fixedYears, o.specialRight].map(parseDecimal);
      const feesCents = centsOf(o.fees || '0');
      const specialCents = centsOf(o.special || '0');
      if (values.some((v) => v === null) || feesCents === null || specialCents === null) return null;
      const [nominalRatePercent, repayment, fixedRateYears, specialRepaymentRightPercent] =
        values as number[];
      list.push({
        name: o.name.trim() || 'Angebot',
        amountCents,
        nominalRatePercent,
        repayment: { kind: 'initial_percent' as const, percent: repayment },
        fixedRateYears,
        feesCents,
        specialRepaymentRightPercent,
        specialRepaymentCentsPerYear: specialCents,
      });
    }
    return { offers: list };
  }, [amount, offers]);
  const calc = useCalculation<OfferComparison>('/offers/compare', input);
  const r = calc.data;
  const years = r ? Math.max(...r.offers.map((o) => o.remainingByYear.length)) : 0;
  const chartData = Array.from({ length: years }, (_, i) => ({
    year: i + 1,
    ...Object.fromEntries((r?.offers ?? []).map((o) => [o.name, (o.remainingByYear[i] ?? 0) / 100])),
  }));

  return (
    <div>
      <PageHeader title={t('finance:title')} description={t('finance:compare.description')} />
      <FinanceTabs />
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 xl:grid-cols-[420px_minmax(0,1fr)]">
        <div className="space-y-4">
          <Card>
            <div className="space-y-3">
              <PropertySource propertyId={propertyId} onChange={setPropertyId} onDefaults={onDefaults} />
              <NumberField label={t('finance:annuity.amount')} unit="€" value={amount} onChange={setAmount} />
            </div>
          </Card>
          {offers.map((o, i) => (
            <Card key={o.key}>
              <fieldset className="space-y-3" aria-label={o.name}>
                <div className="flex items-end gap-2">
                  <div className="flex-1">
                    <TextField
                      label={t('finance:compare.name')}
                      value={o.name}
                      onChange={(e) => setOffer(i, { name: e.target.value })}
                    />
                  </div>
                  {offers.length > 2 ? (
                    <Button
                      variant="secondary"
                      onClick={() => setOffers((l) => l.filter((_, j) => j !== i))}
                      aria-label={t('finance:annuity.removePart', { name: o.name })}
                    >
                      <Trash2 className="h-4 w-4" aria-hidden="true" />
                    </Button>
                  ) : null}
                </div>
                <div className="grid grid-cols-3 gap-3">
                  <NumberField
                    label={t('finance:annuity.rate')}
                    unit="%"
                    value={o.rate}
                    onChange={(rate) => setOffer(i, { rate })}
                  />
                  <NumberField
                    label={t('finance:annuity.repayment')}
                    unit="%"
                    value={o.repayment}
                    onChange={(repayment) => setOffer(i, { repayment })}
                  />
                  <NumberField
                    label={t('finance:annuity.fixedYears')}
                    unit={t('finance:years')}
                    value={o.fixedYears}
                    onChange={(fixedYears) => setOffer(i, { fixedYears })}
                  />
                </div>
                <div className="grid grid-cols-3 gap-3">
                  <NumberField
                    label={t('finance:annuity.fees')}
                    unit="€"
                    value={o.fees}
                    onChange={(fees) => setOffer(i, { fees })}
                  />
                  <NumberField
                    label={t('finance:compare.specialRight')}
                    unit="%"
                    value={o.specialRight}
                    onChange={(specialRight) => setOffer(i, { specialRight })}
                  />
                  <NumberField
                    label={t('finance:compare.special')}
                    unit="€"
                    value={o.special}
                    onChange={(special) => setOffer(i, { special })}
                  />
                </div>
              </fieldset>
            </Card>
          ))}
          {offers.length < 5 ? (
            <Button
              variant="secondary"
              onClick={() =>
                setOffers((l) => [...l, offer(`Bank ${String.fromCharCode(65 + l.length)}`, '3,5', '10')])
              }
            >
              <Plus className="h-4 w-4" aria-hidden="true" />
              {t('finance:compare.add')}
            </Button>
          ) : null}
        </div>
        <div className="space-y-4">
          <Card>
            <ResultHeader
              kind="compare"
              input={input}
              propertyId={propertyId}
              defaultName={t('finance:compare.defaultName')}
              error={calc.error}
            />
            {r ? (
              <>
                <p className="mb-3 text-sm text-slate-600">
                  {t('finance:compare.horizon', { years: r.horizonYears })}
                </p>
                <div className="overflow-x-auto">
                  <table className="w-full text-right text-sm tabular-nums">
                    <thead className="text-xs text-slate-500">
                      <tr>
                        <th className="py-2 text-left">{t('finance:compare.name')}</th>
                        <th>{t('finance:compare.rates')}</th>
                        <th>{t('finance:annuity.monthlyRate')}</th>
                        <th>{t('finance:compare.cost', { years: r.horizonYears })}</th>
                        <th>{t('finance:compare.remaining', { years: r.horizonYears })}</th>
                        <th>{t('finance:compare.remainingOwn')}</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {[...r.offers]
                        .sort((a, b) => a.rank - b.rank)
                        .map((o) => (
                          <tr key={o.name}>
                            <td className="py-2 text-left">
                              {o.rank}. {o.name}{' '}
                              {o.name === r.cheapest ? (
                                <Badge tone="green">{t('finance:compare.cheapest')}</Badge>
                              ) : null}
                            </td>
                            <td>
                              {pct(o.nominalRatePercent)} / {pct(o.effectiveRatePercent)}
                            </td>
                            <td>{eur(o.rateCents)}</td>
                            <td>{eur(o.costToHorizonCents)}</td>
                            <td>{eur(o.remainingAtHorizonCents)}</td>
                            <td>
                              {eur(o.remainingAtFixedEndCents)} ({o.fixedRateYears} J.)
                            </td>
                          </tr>
                        ))}
                    </tbody>
                  </table>
                </div>
                {r.offers.some((o) => o.breakEven) ? (
                  <div
                    className="mt-4 space-y-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900"
                    data-testid="rate-risk"
                  >
                    <p className="font-medium">{t('finance:compare.riskTitle')}</p>
                    {r.offers.map((o) =>
                      o.breakEven ? (
                        <p key={o.name}>
                          {o.breakEven.ratePercent !== null
                            ? t('finance:compare.breakEven', {
                                name: o.name,
                                years: o.fixedRateYears,
                                until: o.breakEven.untilYears,
                                against: o.breakEven.against,
                                rate: pct(o.breakEven.ratePercent),
                              })
                            : t(`finance:compare.breakEven_${o.breakEven.beyond}`, {
                                name: o.name,
                                until: o.breakEven.untilYears,
                                against: o.breakEven.against,
                              })}
                        </p>
                      ) : null,
                    )}
                  </div>
                ) : null}
              </>
            ) : null}
          </Card>
          {r ? (
            <Card>
              <h2 className="mb-3 text-base font-semibold text-slate-900">{t('finance:compare.chart')}</h2>
              <div className="h-72">
                <ResponsiveContainer width="100%" height="100%">
                  <LineChart data={chartData}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="year" />
                    <YAxis tickFormatter={(v: number) => eurWhole(v * 100)} width={100} />
                    <Tooltip formatter={(v) => eur(Number(v) * 100)} />
                    <Legend />
                    {r.offers.map((o, i) => (
                      <Line key={o.name} dataKey={o.name} stroke={COLOURS[i]} dot={false} />
                    ))}
                  </LineChart>
                </ResponsiveContainer>
              </div>
            </Card>
          ) : null}
        </div>
      </div>
    </div>
  );
}
