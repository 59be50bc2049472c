import { Plus, Trash2 } from 'lucide-react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { SelectField, TextField } from '../../../web/components/field.js';
import { PageHeader } from '../../../web/components/page-header.js';
import type { PropertyDefaults } from '../contract.js';
import type { FinancingPlan } from '../domain/annuity.js';
import { financingNeed } from '../domain/financing-need.js';
import { type StateCode, transferTaxRate } from '../domain/transfer-tax.js';
import { FinanceTabs } from './finance-tabs.js';
import { centsOf, eur, euroText, eurWhole, monthDe, parseDecimal, pct } from './format.js';
import { NumberField } from './number-field.js';
import { PropertySource } from './property-source.js';
import { ResultCards } from './result-cards.js';
import { ResultHeader } from './scenario-bar.js';
import { useCalculation } from './use-calculation.js';

interface PartForm {
  /** Stable key for the list while parts are added and removed. */
  key: string;
  name: string;
  amount: string;
  rate: string;
  repaymentKind: 'initial_percent' | 'fixed_rate';
  repayment: string;
  fixedYears: string;
  special: string;
  freeMonths: string;
  fees: string;
  paymentsPerYear: '12' | '4' | '1';
  startMonth: string;
}

const nextMonth = () => {
  const d = new Date();
  d.setMonth(d.getMonth() + 1);
  return d.toISOString().slice(0, 7);
};
// crypto.randomUUID needs a secure context; offices often open the app over plain HTTP on their LAN.
let nextKey = 0;
const newPart = (name: string, amount = '300.000'): PartForm => ({
  key: String(nextKey++),
  name,
  amount,
  rate: '3,5',
  repaymentKind: 'initial_percent',
  repayment: '2',
  fixedYears: '10',
  special: '0',
  freeMonths: '0',
  fees: '0',
  paymentsPerYear: '12',
  startMonth: nextMonth(),
});

/** The form as the API's input, or null while a field cannot be read. */
function toInput(parts: PartForm[]) {
  const out = [];
  for (const p of parts) {
    const amountCents = centsOf(p.amount);
    const nominalRatePercent = parseDecimal(p.rate);
    const repayment = parseDecimal(p.repayment);
    const fixedRateYears = parseDecimal(p.fixedYears);
    const specialRepaymentCentsPerYear = centsOf(p.special || '0');
    const repaymentFreeMonths = parseDecimal(p.freeMonths || '0');
    const feesCents = centsOf(p.fees || '0');
    if (
      amountCents === null ||
      nominalRatePercent === null ||
      repayment === null ||
      fixedRateYears === null ||
      specialRepaymentCentsPerYear === null ||
      repaymentFreeMonths === null ||
      feesCents === null
    )
      return null;
    out.push({
      name: p.name.trim() || 'Darlehen',
      amountCents,
      nominalRatePercent,
      repayment:
        p.repaymentKind === 'initial_percent'
          ? { kind: 'initial_percent' as const, percent: repayment }
          : { kind: 'fixed_rate' as const, rateCents: Math.round(repayment * 100) },
      fixedRateYears,
      specialRepaymentCentsPerYear,
      repaymentFreeMonths,
      feesCents,
      paymentsPerYear: Number(p.paymentsPerYear) as 12 | 4 | 1,
      startMonth: p.startMonth,
    });
  }
  return { parts: out };
}

export function AnnuityPage() {
  const { t } = useTranslation();
  const [propertyId, setPropertyId] = useState('');
  const [parts, setParts] = useState<PartForm[]>([newPart(t('finance:annuity.bankLoan'))]);
  const [view, setView] = useState<'years' | 'months'>('years');
  const [monthlyPart, setMonthlyPart] = useState(0);
  const input = useMemo(() => toInput(parts), [parts]);
  const plan = useCalculation<FinancingPlan>('/annuity', input);
  const setPart = (index: number, patch: Partial<PartForm>) =>
    setParts((list) => list.map((p, i) => (i === index ? { ...p, ...patch } : p)));
  // Price, purchase costs and equity decide the loan; the first part takes what the others leave.
  const [purchase, setPurchase] = useState({ price: '', sideCosts: '', equity: '' });
  const need = useMemo(() => {
    const price = centsOf(purchase.price);
    if (!price) return null;
    return financingNeed({
      priceCents: price,
      sideCostsCents: centsOf(purchase.sideCosts) ?? 0,
      equityCents: centsOf(purchase.equity) ?? 0,
    });
  }, [purchase]);
  const setPurchaseField = (field: keyof typeof purchase) => (value: string) => {
    const next = { ...purchase, [field]: value };
    setPurchase(next);
    const price = centsOf(next.price);
    if (!price) return;
    const loan = financingNeed({
      priceCents: price,
      sideCostsCents: centsOf(next.sideCosts) ?? 0,
      equityCents: centsOf(next.equity) ?? 0,
    }).loanCents;
    setParts((list) => {
      const others = list.slice(1).reduce((sum, p) => sum + (centsOf(p.amount) ?? 0), 0);
      return list.map((p, i) => (i === 0 ? { ...p, amount: euroText(Math.max(0, loan - others)) } : p));
    });
  };
  const onDefaults = useCallback((d: PropertyDefaults) => {
    if (!d.priceCents) return;
    const price = d.priceCents;
    const tax =
      transferTaxRate((d.state ?? 'BW') as StateCode, new Date().toISOString().slice(0, 10))?.ratePercent ??
      5;
    // Estimate: transfer tax of the state plus about 2 % for notary and land register, no commission.
    const sideCosts = Math.round((price * (tax + 2)) / 100);
    const equity = Math.round(price * 0.2) + sideCosts;
    setPurchase({ price: euroText(price), sideCosts: euroText(sideCosts), equity: euroText(equity) });
    setParts((list) =>
      list.map((p, i) => (i === 0 ? { ...p, amount: euroText(price + sideCosts - equity) } : p)),
    );
  }, []);

  const result = plan.data;
  const monthlyRows = result?.parts[Math.min(monthlyPart, result.parts.length - 1)]?.schedule ?? [];
  const lastPayoff = result?.parts
    .map((p) => p.payoffMonth)
    .sort()
    .at(-1);

  return (
    <div>
      <PageHeader title={t('finance:title')} description={t('finance:annuity.description')} />
      <FinanceTabs />
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 xl:grid-cols-[420px_minmax(0,1fr)]">
        <div className="space-y-4">
          <Card>
            <PropertySource propertyId={propertyId} onChange={setPropertyId} onDefaults={onDefaults} />
          </Card>
          <Card title={t('finance:annuity.purchaseTitle')}>
            <div className="space-y-3">
              <NumberField
                label={t('finance:annuity.price')}
                unit="€"
                value={purchase.price}
                onChange={setPurchaseField('price')}
              />
              <NumberField
                label={t('finance:annuity.sideCosts')}
                unit="€"
                hint={t('finance:annuity.sideCostsHint')}
                value={purchase.sideCosts}
                onChange={setPurchaseField('sideCosts')}
              />
              <NumberField
                label={t('finance:annuity.equity')}
                unit="€"
                value={purchase.equity}
                onChange={setPurchaseField('equity')}
              />
              {need ? (
                <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm" data-testid="financing-need">
                  <dt className="text-slate-500">{t('finance:annuity.totalCost')}</dt>
                  <dd className="text-right tabular-nums">{eur(need.totalCents)}</dd>
                  <dt className="text-slate-500">{t('finance:annuity.need')}</dt>
                  <dd className="text-right font-semibold tabular-nums">{eur(need.loanCents)}</dd>
                  <dt className="text-slate-500">{t('finance:annuity.ltv')}</dt>
                  <dd className="text-right tabular-nums">{pct(need.loanToValuePercent)}</dd>
                </dl>
              ) : (
                <p className="text-xs text-slate-500">{t('finance:annuity.purchaseHint')}</p>
              )}
              {need && !need.equityCoversSideCosts ? (
                <p role="note" className="rounded-lg bg-amber-50 px-3 py-2 text-xs text-amber-900">
                  {t('finance:annuity.equityLow')}
                </p>
              ) : null}
            </div>
          </Card>
          {parts.map((part, index) => (
            <Card key={part.key}>
              <fieldset className="space-y-3" aria-label={part.name}>
                <div className="flex items-end gap-2">
                  <div className="flex-1">
                    <TextField
                      label={t('finance:annuity.partName')}
                      value={part.name}
                      onChange={(e) => setPart(index, { name: e.target.value })}
                    />
                  </div>
                  {parts.length > 1 ? (
                    <Button
                      variant="secondary"
                      onClick={() => setParts((list) => list.filter((_, i) => i !== index))}
                      aria-label={t('finance:annuity.removePart', { name: part.name })}
                    >
                      <Trash2 className="h-4 w-4" aria-hidden="true" />
                    </Button>
                  ) : null}
                </div>
                <NumberField
                  label={t('finance:annuity.amount')}
                  unit="€"
                  value={part.amount}
                  onChange={(amount) => setPart(index, { amount })}
                />
                <div className="grid grid-cols-2 gap-3">
                  <NumberField
                    label={t('finance:annuity.rate')}
                    unit="%"
                    value={part.rate}
                    onChange={(rate) => setPart(index, { rate })}
                  />
                  <NumberField
                    label={t('finance:annuity.fixedYears')}
                    unit={t('finance:years')}
                    value={part.fixedYears}
                    onChange={(fixedYears) => setPart(index, { fixedYears })}
                  />
                </div>
                <div className="grid grid-cols-2 gap-3">
                  <SelectField
                    label={t('finance:annuity.repaymentKind')}
                    value={part.repaymentKind}
                    onChange={(e) =>
                      setPart(index, {
                        repaymentKind: e.target.value as PartForm['repaymentKind'],
                        repayment: e.target.value === 'initial_percent' ? '2' : '1.500',
                      })
                    }
                    options={[
                      { value: 'initial_percent', label: t('finance:annuity.initialPercent') },
                      { value: 'fixed_rate', label: t('finance:annuity.fixedRate') },
                    ]}
                  />
                  <NumberField
                    label={
                      part.repaymentKind === 'initial_percent'
                        ? t('finance:annuity.repayment')
                        : t('finance:annuity.rateAmount')
                    }
                    unit={part.repaymentKind === 'initial_percent' ? '%' : '€'}
                    value={part.repayment}
                    onChange={(repayment) => setPart(index, { repayment })}
                  />
                </div>
                <div className="grid grid-cols-2 gap-3">
                  <NumberField
                    label={t('finance:annuity.special')}
                    unit="€"
                    value={part.special}
                    onChange={(special) => setPart(index, { special })}
                  />
                  <NumberField
                    label={t('finance:annuity.freeMonths')}
                    unit={t('finance:months')}
                    value={part.freeMonths}
                    onChange={(freeMonths) => setPart(index, { freeMonths })}
                  />
                </div>
                <div className="grid grid-cols-3 gap-3">
                  <NumberField
                    label={t('finance:annuity.fees')}
                    unit="€"
                    value={part.fees}
                    onChange={(fees) => setPart(index, { fees })}
                  />
                  <SelectField
                    label={t('finance:annuity.frequency')}
                    value={part.paymentsPerYear}
                    onChange={(e) =>
                      setPart(index, { paymentsPerYear: e.target.value as PartForm['paymentsPerYear'] })
                    }
                    options={[
                      { value: '12', label: t('finance:annuity.monthly') },
                      { value: '4', label: t('finance:annuity.quarterly') },
                      { value: '1', label: t('finance:annuity.yearly') },
                    ]}
                  />
                  <TextField
                    label={t('finance:annuity.start')}
                    type="month"
                    value={part.startMonth}
                    onChange={(e) => setPart(index, { startMonth: e.target.value })}
                  />
                </div>
              </fieldset>
            </Card>
          ))}
          {parts.length < 5 ? (
            <Button
              variant="secondary"
              onClick={() =>
                setParts((list) => [
                  ...list,
                  { ...newPart(t('finance:annuity.kfwLoan'), '50.000'), rate: '2,9', repayment: '3' },
                ])
              }
            >
              <Plus className="h-4 w-4" aria-hidden="true" />
              {t('finance:annuity.addPart')}
            </Button>
          ) : null}
        </div>

        <div className="space-y-4">
          <Card>
            <ResultHeader
              kind="annuity"
              input={input}
              propertyId={propertyId}
              defaultName={t('finance:annuity.defaultName')}
              error={plan.error}
            />
            {!input ? <p className="text-sm text-slate-600">{t('finance:incomplete')}</p> : null}
            {result ? (
              <div aria-busy={plan.isFetching}>
                <ResultCards
                  items={[
                    {
                      label: t('finance:annuity.monthlyRate'),
                      value: eur(result.totalRateCents),
                      testId: 'monthly-rate',
                    },
                    {
                      label: t('finance:annuity.effective'),
                      value: pct(result.effectiveRatePercent),
                      hint: t('finance:annuity.effectiveHint'),
                    },
                    ...result.parts.map((p) => ({
                      label: t('finance:annuity.remaining', { name: p.name, years: p.fixedRateYears }),
                      value: eur(p.remainingAtFixedEndCents),
                      hint: t('finance:annuity.interestDuring', { amount: eur(p.interestDuringFixedCents) }),
                    })),
                    {
                      label: t('finance:annuity.totalInterest'),
                      value: eur(result.totalInterestCents),
                      hint: t('finance:annuity.sameRateAssumption'),
                    },
                    { label: t('finance:annuity.payoff'), value: lastPayoff ? monthDe(lastPayoff) : '–' },
                  ]}
                />
              </div>
            ) : null}
          </Card>
          {result ? (
            <>
              <Card>
                <h2 className="mb-3 text-base font-semibold text-slate-900">{t('finance:annuity.chart')}</h2>
                <div className="h-72">
                  <ResponsiveContainer width="100%" height="100%">
                    <ComposedChart
                      data={result.years.map((y) => ({
                        year: y.year,
                        interest: y.interestCents / 100,
                        repayment: y.repaymentCents / 100,
                        special: y.specialRepaymentCents / 100,
                        debt: y.closingCents / 100,
                      }))}
                    >
                      <CartesianGrid strokeDasharray="3 3" />
                      <XAxis dataKey="year" />
                      <YAxis yAxisId="flow" tickFormatter={(v: number) => eurWhole(v * 100)} width={90} />
                      <YAxis
                        yAxisId="debt"
                        orientation="right"
                        tickFormatter={(v: number) => eurWhole(v * 100)}
                        width={100}
                      />
                      <Tooltip formatter={(v) => eur(Number(v) * 100)} />
                      <Legend />
                      <Bar
                        yAxisId="flow"
                        dataKey="interest"
                        stackId="a"
                        name={t('finance:annuity.interest')}
                        fill="#f59e0b"
                      />
                      <Bar
                        yAxisId="flow"
                        dataKey="repayment"
                        stackId="a"
                        name={t('finance:annuity.repaymentShare')}
                        fill="#0f766e"
                      />
                      <Bar
                        yAxisId="flow"
                        dataKey="special"
                        stackId="a"
                        name={t('finance:annuity.specialShort')}
                        fill="#6366f1"
                      />
                      <Line
                        yAxisId="debt"
                        dataKey="debt"
                        name={t('finance:annuity.debt')}
                        stroke="#334155"
                        dot={false}
                      />
                    </ComposedChart>
                  </ResponsiveContainer>
                </div>
              </Card>
              <Card>
                <div className="mb-3 flex flex-wrap items-end gap-3">
                  <h2 className="mr-auto text-base font-semibold text-slate-900">
                    {t('finance:annuity.schedule')}
                  </h2>
                  <SelectField
                    label={t('finance:annuity.view')}
                    value={view}
                    onChange={(e) => setView(e.target.value as 'years' | 'months')}
                    options={[
                      { value: 'years', label: t('finance:annuity.byYear') },
                      { value: 'months', label: t('finance:annuity.byPayment') },
                    ]}
                  />
                  {view === 'months' && result.parts.length > 1 ? (
                    <SelectField
                      label={t('finance:annuity.partName')}
                      value={String(monthlyPart)}
                      onChange={(e) => setMonthlyPart(Number(e.target.value))}
                      options={result.parts.map((p, i) => ({ value: String(i), label: p.name }))}
                    />
                  ) : null}
                </div>
                <div className="max-h-[560px] overflow-auto">
                  <table className="w-full text-right text-sm tabular-nums">
                    <thead className="sticky top-0 bg-white text-xs text-slate-500">
                      <tr>
                        <th className="py-2 text-left">
                          {view === 'years' ? t('finance:annuity.year') : t('finance:annuity.month')}
                        </th>
                        <th>{t('finance:annuity.opening')}</th>
                        <th>{t('finance:annuity.payment')}</th>
                        <th>{t('finance:annuity.interest')}</th>
                        <th>{t('finance:annuity.repaymentShare')}</th>
                        <th>{t('finance:annuity.specialShort')}</th>
                        <th>{t('finance:annuity.closing')}</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {(view === 'years'
                        ? result.years.map((y) => ({ key: String(y.year), label: String(y.year), ...y }))
                        : monthlyRows.map((m) => ({ key: String(m.period), label: monthDe(m.month), ...m }))
                      ).map((row) => (
                        <tr key={row.key}>
                          <td className="py-1.5 text-left">{row.label}</td>
                          <td>{eur(row.openingCents)}</td>
                          <td>{eur(row.paymentCents)}</td>
                          <td>{eur(row.interestCents)}</td>
                          <td>{eur(row.repaymentCents)}</td>
                          <td>{eur(row.specialRepaymentCents)}</td>
                          <td>{eur(row.closingCents)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </Card>
            </>
          ) : null}
        </div>
      </div>
    </div>
  );
}
