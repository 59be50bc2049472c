import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client.js';
import { Card } from '../../../web/components/card.js';
import { PageHeader } from '../../../web/components/page-header.js';
import type { PropertyDefaults } from '../contract.js';
import type { AffordabilityResult } from '../domain/affordability.js';
import type { PurchaseCostResult } from '../domain/purchase-costs.js';
import { FinanceTabs } from './finance-tabs.js';
import { centsOf, eur, numberText, parseDecimal } from './format.js';
import { NumberField } from './number-field.js';
import { PropertySource } from './property-source.js';
import { ResultCards } from './result-cards.js';
import { ResultHeader } from './scenario-bar.js';
import { useCalculation } from './use-calculation.js';

export function AffordabilityPage() {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    income: '4.500',
    expenses: '2.400',
    share: '40',
    equity: '80.000',
    rate: '3,5',
    repayment: '2',
    sideCosts: '10,57',
  });
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const [propertyId, setPropertyId] = useState('');
  // The property's side costs come from the side-cost calculator: its state's transfer tax, notary,
  // land register and half of a usual commission.
  const onDefaults = useCallback((d: PropertyDefaults) => {
    if (!d.priceCents || !d.state) return;
    void api<PurchaseCostResult>('/finance/purchase-costs', {
      method: 'POST',
      body: {
        priceCents: d.priceCents,
        state: d.state,
        propertyKind: d.propertyKind,
        commission: { totalPercent: 7.14, buyerSharePercent: 50 },
      },
    })
      .then((costs) => setForm((f) => ({ ...f, sideCosts: numberText(costs.sideCostsPercent) })))
      .catch(() => undefined);
  }, []);
  const input = useMemo(() => {
    const cents = [form.income, form.expenses, form.equity].map(centsOf);
    const numbers = [form.share, form.rate, form.repayment, form.sideCosts].map(parseDecimal);
    if (cents.some((c) => c === null) || numbers.some((n) => n === null)) return null;
    const [netIncomeMonthlyCents, expensesMonthlyCents, equityCents] = cents as number[];
    const [maxRateSharePercent, nominalRatePercent, initialRepaymentPercent, sideCostsPercent] =
      numbers as number[];
    return {
      netIncomeMonthlyCents,
      expensesMonthlyCents,
      equityCents,
      maxRateSharePercent,
      nominalRatePercent,
      initialRepaymentPercent,
      sideCostsPercent,
    };
  }, [form]);
  const calc = useCalculation<AffordabilityResult>('/affordability', input);
  const r = calc.data;
  return (
    <div>
      <PageHeader title={t('finance:title')} description={t('finance:affordability.description')} />
      <FinanceTabs />
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 xl:grid-cols-[420px_minmax(0,1fr)]">
        <Card>
          <div className="space-y-3">
            <PropertySource propertyId={propertyId} onChange={setPropertyId} onDefaults={onDefaults} />
            <NumberField
              label={t('finance:affordability.income')}
              unit="€"
              value={form.income}
              onChange={(income) => set({ income })}
            />
            <NumberField
              label={t('finance:affordability.expenses')}
              unit="€"
              value={form.expenses}
              onChange={(expenses) => set({ expenses })}
              hint={t('finance:affordability.expensesHint')}
            />
            <NumberField
              label={t('finance:affordability.share')}
              unit="%"
              value={form.share}
              onChange={(share) => set({ share })}
              hint={t('finance:affordability.shareHint')}
            />
            <NumberField
              label={t('finance:affordability.equity')}
              unit="€"
              value={form.equity}
              onChange={(equity) => set({ equity })}
            />
            <div className="grid grid-cols-2 gap-3">
              <NumberField
                label={t('finance:annuity.rate')}
                unit="%"
                value={form.rate}
                onChange={(rate) => set({ rate })}
              />
              <NumberField
                label={t('finance:annuity.repayment')}
                unit="%"
                value={form.repayment}
                onChange={(repayment) => set({ repayment })}
              />
            </div>
            <NumberField
              label={t('finance:affordability.sideCosts')}
              unit="%"
              value={form.sideCosts}
              onChange={(sideCosts) => set({ sideCosts })}
              hint={t('finance:affordability.sideCostsHint')}
            />
          </div>
        </Card>
        <Card>
          <ResultHeader
            kind="affordability"
            input={input}
            propertyId={propertyId}
            defaultName={t('finance:affordability.defaultName')}
            error={calc.error}
          />
          {r ? (
            <div className="space-y-3" aria-busy={calc.isFetching}>
              <ResultCards
                items={[
                  {
                    label: t('finance:affordability.maxPrice'),
                    value: eur(r.maxPriceCents),
                    testId: 'max-price',
                  },
                  {
                    label: t('finance:affordability.rate'),
                    value: eur(r.monthlyRateCents),
                    hint: t(`finance:affordability.limitedBy.${r.limitedBy}`),
                  },
                  { label: t('finance:affordability.loan'), value: eur(r.loanCents) },
                  { label: t('finance:affordability.sideCostsAmount'), value: eur(r.sideCostsCents) },
                  { label: t('finance:costs.total'), value: eur(r.totalCostCents) },
                ]}
              />
              {!r.equityCoversSideCosts ? (
                <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
                  {t('finance:affordability.equityWarning')}
                </p>
              ) : null}
            </div>
          ) : null}
        </Card>
      </div>
    </div>
  );
}
