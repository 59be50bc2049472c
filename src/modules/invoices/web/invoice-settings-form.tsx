import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage, fieldErrors } from '../../../web/api/error-message.js';
import { Button } from '../../../web/components/button.js';
import { TextField } from '../../../web/components/field.js';
import type { InvoiceSettingsView } from '../contract.js';

type Form = Record<
  | 'legalName'
  | 'street'
  | 'postalCode'
  | 'city'
  | 'vatId'
  | 'taxNumber'
  | 'email'
  | 'phone'
  | 'contactName'
  | 'iban'
  | 'bic'
  | 'accountHolder'
  | 'numberPrefix'
  | 'paymentDays',
  string
>;

function initial(view: InvoiceSettingsView): Form {
  const s = view.settings;
  const g = view.suggestion;
  return {
    legalName: s?.legalName ?? g.legalName,
    street: s?.street ?? g.street,
    postalCode: s?.postalCode ?? g.postalCode,
    city: s?.city ?? g.city,
    vatId: s?.vatId ?? g.vatId ?? '',
    taxNumber: s?.taxNumber ?? '',
    email: s?.email ?? g.email,
    phone: s?.phone ?? g.phone,
    contactName: s?.contactName ?? g.contactName,
    iban: s?.iban ?? '',
    bic: s?.bic ?? '',
    accountHolder: s?.accountHolder ?? g.legalName,
    numberPrefix: s?.numberPrefix ?? 'RE',
    paymentDays: String(s?.paymentDays ?? 14),
  };
}

/** The office's invoice details, prefilled from the Impressum the first time. */
export function InvoiceSettingsForm({ view, onDone }: { view: InvoiceSettingsView; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState<Form>(() => initial(view));
  const save = useMutation({
    mutationFn: () =>
      api('/invoices/settings', {
        method: 'PUT',
        body: {
          ...form,
          vatId: form.vatId || null,
          taxNumber: form.taxNumber || null,
          bic: form.bic || null,
          paymentDays: Number(form.paymentDays),
        },
      }),
    onSuccess: async () => {
      toast.success(t('invoices:settings.saved'));
      await client.invalidateQueries({ queryKey: ['invoices'] });
      onDone();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const errors = fieldErrors(save.error);
  const field = (name: keyof Form, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      label={t(`invoices:settings.${name}`)}
      value={form[name]}
      error={errors[name] ?? null}
      onChange={(e) => setForm((f) => ({ ...f, [name]: e.target.value }))}
      {...extra}
    />
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const year = new Date().getFullYear();
  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label={t('invoices:settings.title')}>
      <div className="grid gap-3 sm:grid-cols-2">
        {field('legalName', { required: true })}
        {field('contactName', { required: true })}
        {field('street', { required: true })}
        <div className="grid grid-cols-[7rem_1fr] gap-3">
          {field('postalCode', { required: true, inputMode: 'numeric' })}
          {field('city', { required: true })}
        </div>
        {field('vatId', { hint: t('invoices:settings.taxHint') })}
        {field('taxNumber')}
        {field('email', { type: 'email', required: true })}
        {field('phone', { type: 'tel', required: true })}
        {field('iban', { required: true, autoComplete: 'off' })}
        {field('bic')}
        {field('accountHolder', { required: true })}
        <div className="grid grid-cols-2 gap-3">
          {field('numberPrefix', {
            hint: t('invoices:settings.numberHint', { example: `${form.numberPrefix || 'RE'}-${year}-0001` }),
          })}
          {field('paymentDays', { type: 'number', min: 0, max: 90 })}
        </div>
      </div>
      <div className="flex justify-end">
        <Button type="submit" loading={save.isPending}>
          {t('invoices:settings.save')}
        </Button>
      </div>
    </form>
  );
}
