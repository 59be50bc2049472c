import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCents } from '../../../platform/format/format-de.js';
import { Button } from '../../../web/components/button.js';
import { CheckboxField, TextField } from '../../../web/components/field.js';
import type { QualificationInput, QualificationView } from '../contract.js';
import { centsToEuro, euroToCents } from './format.js';
import { useCardMutation } from './use-score-card.js';

/** What the office knows of the lead's means; the buying power follows from it. */
export function QualificationForm({ contactId, initial }: { contactId: string; initial: QualificationView }) {
  const { t, i18n } = useTranslation();
  const [confirmed, setConfirmed] = useState(initial.financingConfirmed);
  const [note, setNote] = useState(initial.financingNote);
  const [equity, setEquity] = useState(centsToEuro(initial.equityCents));
  const [income, setIncome] = useState(centsToEuro(initial.netIncomeMonthlyCents));
  const [expenses, setExpenses] = useState(centsToEuro(initial.expensesMonthlyCents));
  const [invalid, setInvalid] = useState<Record<string, boolean>>({});
  const save = useCardMutation<QualificationInput>(
    contactId,
    'PUT',
    '/qualification',
    t('leadscoring:qualification.saved'),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const values = {
      equity: euroToCents(equity),
      income: euroToCents(income),
      expenses: euroToCents(expenses),
    };
    const bad = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === 'invalid']));
    setInvalid(bad);
    if (Object.values(bad).some(Boolean)) return;
    const cents = (v: number | null | 'invalid') => (v === 'invalid' ? null : v);
    save.mutate({
      financingConfirmed: confirmed,
      financingNote: note,
      equityCents: cents(values.equity),
      netIncomeMonthlyCents: cents(values.income),
      expensesMonthlyCents: cents(values.expenses),
    });
  };
  const error = (key: string) => (invalid[key] ? t('leadscoring:qualification.invalidNumber') : null);
  return (
    <form onSubmit={submit} className="space-y-3" aria-label={t('leadscoring:qualification.title')}>
      <CheckboxField
        label={t('leadscoring:qualification.financingConfirmed')}
        checked={confirmed}
        onChange={(e) => setConfirmed(e.target.checked)}
      />
      <TextField
        label={t('leadscoring:qualification.financingNote')}
        value={note}
        maxLength={500}
        onChange={(e) => setNote(e.target.value)}
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label={t('leadscoring:qualification.equity')}
          inputMode="decimal"
          value={equity}
          error={error('equity')}
          onChange={(e) => setEquity(e.target.value)}
        />
        <TextField
          label={t('leadscoring:qualification.income')}
          inputMode="decimal"
          value={income}
          error={error('income')}
          onChange={(e) => setIncome(e.target.value)}
        />
      </div>
      <TextField
        label={t('leadscoring:qualification.expenses')}
        hint={t('leadscoring:qualification.expensesHint')}
        inputMode="decimal"
        value={expenses}
        error={error('expenses')}
        onChange={(e) => setExpenses(e.target.value)}
      />
      {initial.buyingPowerCents !== null ? (
        <p className="text-sm text-slate-700">
          {t('leadscoring:qualification.buyingPower', {
            amount: formatCents(initial.buyingPowerCents, i18n.language, { whole: true }),
          })}
          <span className="block text-xs text-slate-500">
            {t('leadscoring:qualification.buyingPowerHint')}
          </span>
        </p>
      ) : null}
      <Button type="submit" loading={save.isPending}>
        {t('leadscoring:qualification.save')}
      </Button>
    </form>
  );
}
