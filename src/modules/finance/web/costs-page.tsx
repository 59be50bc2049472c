import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { Card } from '../../../web/components/card.js';
import { CheckboxField, SelectField, TextField } from '../../../web/components/field.js';
import { PageHeader } from '../../../web/components/page-header.js';
import type { PropertyDefaults } from '../contract.js';
import type { PurchaseCostResult } from '../domain/purchase-costs.js';
import { FinanceTabs } from './finance-tabs.js';
import { centsOf, eur, euroText, parseDecimal, pct } from './format.js';
import { NumberField } from './number-field.js';
import { PropertySource } from './property-source.js';
import { ResultCards } from './result-cards.js';
import { ResultHeader } from './scenario-bar.js';
import { useCalculation } from './use-calculation.js';

interface RatesResponse {
  rates: Array<{ state: string; name: string; ratePercent: number; validFrom: string }>;
}

export function CostsPage() {
  const { t, i18n } = useTranslation();
  const [propertyId, setPropertyId] = useState('');
  const [form, setForm] = useState({
    price: '400.000',
    movables: '0',
    state: 'BW',
    contractDate: new Date().toISOString().slice(0, 10),
    notary: '1,5',
    landRegistry: '0,5',
    withCommission: true,
    commission: '7,14',
    buyerShare: '50',
    propertyKind: 'wohnung',
    buyerIsConsumer: true,
    loanToValue: '100',
  });
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const rates = useQuery({
    queryKey: ['finance', 'rates', form.contractDate],
    queryFn: () => api<RatesResponse>(`/finance/transfer-tax-rates?date=${form.contractDate}`),
  });
  const onDefaults = useCallback((d: PropertyDefaults) => {
    setForm((f) => ({
      ...f,
      price: d.priceCents ? euroText(d.priceCents) : f.price,
      state: d.state ?? f.state,
      propertyKind: d.propertyKind,
    }));
  }, []);
  const input = useMemo(() => {
    const priceCents = centsOf(form.price);
    const movablesCents = centsOf(form.movables || '0');
    const numbers = [form.notary, form.landRegistry, form.commission, form.buyerShare, form.loanToValue].map(
      parseDecimal,
    );
    if (priceCents === null || movablesCents === null || numbers.some((n) => n === null)) return null;
    const [notaryPercent, landRegistryPercent, totalPercent, buyerSharePercent, loanToValuePercent] =
      numbers as number[];
    return {
      priceCents,
      movablesCents,
      state: form.state,
      contractDate: form.contractDate,
      notaryPercent,
      landRegistryPercent,
      commission: form.withCommission ? { totalPercent, buyerSharePercent } : null,
      propertyKind: form.propertyKind,
      buyerIsConsumer: form.buyerIsConsumer,
      loanToValuePercent,
    };
  }, [form]);
  const calc = useCalculation<PurchaseCostResult>('/purchase-costs', input);
  const r = calc.data;

  return (
    <div>
      <PageHeader title={t('finance:title')} description={t('finance:costs.description')} />
      <FinanceTabs />
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 xl:grid-cols-[420px_minmax(0,1fr)]">
        <Card>
          <div className="space-y-3">
            <PropertySource propertyId={propertyId} onChange={setPropertyId} onDefaults={onDefaults} />
            <NumberField
              label={t('finance:costs.price')}
              unit="€"
              value={form.price}
              onChange={(price) => set({ price })}
            />
            <NumberField
              label={t('finance:costs.movables')}
              unit="€"
              value={form.movables}
              onChange={(movables) => set({ movables })}
              hint={t('finance:costs.movablesHint')}
            />
            <SelectField
              label={t('finance:costs.state')}
              value={form.state}
              onChange={(e) => set({ state: e.target.value })}
              options={(
                rates.data?.rates ?? [{ state: form.state, name: form.state, ratePercent: 0, validFrom: '' }]
              ).map((rate) => ({
                value: rate.state,
                label: `${rate.name} – ${pct(rate.ratePercent)}`,
              }))}
            />
            <TextField
              label={t('finance:costs.contractDate')}
              type="date"
              value={form.contractDate}
              onChange={(e) => set({ contractDate: e.target.value })}
            />
            <div className="grid grid-cols-2 gap-3">
              <NumberField
                label={t('finance:costs.notary')}
                unit="%"
                value={form.notary}
                onChange={(notary) => set({ notary })}
              />
              <NumberField
                label={t('finance:costs.landRegistry')}
                unit="%"
                value={form.landRegistry}
                onChange={(landRegistry) => set({ landRegistry })}
              />
            </div>
            <CheckboxField
              label={t('finance:costs.withCommission')}
              checked={form.withCommission}
              onChange={(e) => set({ withCommission: e.target.checked })}
            />
            {form.withCommission ? (
              <div className="grid grid-cols-2 gap-3">
                <NumberField
                  label={t('finance:costs.commission')}
                  unit="%"
                  value={form.commission}
                  onChange={(commission) => set({ commission })}
                  hint={t('finance:costs.commissionHint')}
                />
                <NumberField
                  label={t('finance:costs.buyerShare')}
                  unit="%"
                  value={form.buyerShare}
                  onChange={(buyerShare) => set({ buyerShare })}
                />
              </div>
            ) : null}
            <SelectField
              label={t('finance:costs.kind')}
              value={form.propertyKind}
              onChange={(e) => set({ propertyKind: e.target.value })}
              options={['wohnung', 'einfamilienhaus', 'sonstiges'].map((k) => ({
                value: k,
                label: t(`finance:costs.kinds.${k}`),
              }))}
            />
            <CheckboxField
              label={t('finance:costs.consumer')}
              checked={form.buyerIsConsumer}
              onChange={(e) => set({ buyerIsConsumer: e.target.checked })}
            />
            <NumberField
              label={t('finance:costs.loanToValue')}
              unit="%"
              value={form.loanToValue}
              onChange={(loanToValue) => set({ loanToValue })}
            />
          </div>
        </Card>
        <Card>
          <ResultHeader
            kind="purchase_costs"
            input={input}
            propertyId={propertyId}
            defaultName={t('finance:costs.defaultName')}
            error={calc.error}
          />
          {!input ? <p className="text-sm text-slate-600">{t('finance:incomplete')}</p> : null}
          {r ? (
            <div className="space-y-4" aria-busy={calc.isFetching}>
              <ResultCards
                items={[
                  {
                    label: t('finance:costs.sideCosts'),
                    value: eur(r.sideCostsCents),
                    hint: pct(r.sideCostsPercent),
                    testId: 'side-costs',
                  },
                  { label: t('finance:costs.total'), value: eur(r.totalCostCents) },
                  {
                    label: t('finance:costs.equity'),
                    value: eur(r.equityNeededCents),
                    hint: t('finance:costs.equityHint', { loan: eur(r.loanCents) }),
                  },
                ]}
              />
              <table className="w-full text-sm">
                <tbody className="divide-y divide-slate-100">
                  <tr>
                    <td className="py-2">
                      {t('finance:costs.transferTax', {
                        state: r.transferTax.stateName,
                        rate: pct(r.transferTax.ratePercent),
                        since: formatDate(r.transferTax.validFrom, i18n.language),
                      })}
                    </td>
                    <td className="text-right tabular-nums">{eur(r.transferTax.cents)}</td>
                  </tr>
                  <tr>
                    <td className="py-2">{t('finance:costs.notary')}</td>
                    <td className="text-right tabular-nums">{eur(r.notaryCents)}</td>
                  </tr>
                  <tr>
                    <td className="py-2">{t('finance:costs.landRegistry')}</td>
                    <td className="text-right tabular-nums">{eur(r.landRegistryCents)}</td>
                  </tr>
                  {r.commission ? (
                    <tr>
                      <td className="py-2">
                        {t('finance:costs.buyerCommission', { percent: pct(r.commission.buyerPercent) })}
                        <span className="block text-xs text-slate-500">
                          {t('finance:costs.sellerCommission', { amount: eur(r.commission.sellerCents) })}
                        </span>
                      </td>
                      <td className="text-right tabular-nums">{eur(r.commission.buyerCents)}</td>
                    </tr>
                  ) : null}
                </tbody>
              </table>
              {r.notes.map((note) => (
                <p key={note} className="rounded-lg bg-slate-50 p-3 text-sm text-slate-700">
                  {note}
                </p>
              ))}
            </div>
          ) : null}
        </Card>
      </div>
    </div>
  );
}
