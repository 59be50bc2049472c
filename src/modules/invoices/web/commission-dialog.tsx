import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { formatCents } from '../../../platform/format/format-de.js';
import { invoiceTotals } from '../../../platform/invoicing/invoice-totals.js';
import { todayInBerlin } from '../../../platform/time/berlin-day.js';
import { api } from '../../../web/api/client.js';
import { errorMessage, fieldErrors } from '../../../web/api/error-message.js';
import { Button } from '../../../web/components/button.js';
import { SelectField, TextField } from '../../../web/components/field.js';
import { Modal } from '../../../web/components/modal.js';
import type { ContactView } from '../../crm/contract.js';
import { parseGermanNumber } from '../../crm/web/format.js';
import type { CommissionCandidates, IssuedInvoiceView } from '../contract.js';

const contactName = (c: ContactView) =>
  c.companyName || [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || '–';

/** Picks a won deal and its customer, shows the amounts before issuing, then issues the invoice. */
export function CommissionDialog({
  onClose,
  onIssued,
}: {
  onClose: () => void;
  onIssued: (invoice: IssuedInvoiceView) => void;
}) {
  const { t } = useTranslation();
  const candidates = useQuery({
    queryKey: ['invoices', 'candidates'],
    queryFn: () => api<CommissionCandidates>('/invoices/candidates'),
  });
  const properties = candidates.data?.properties ?? [];
  const [propertyId, setPropertyId] = useState('');
  const chosen = properties.find((p) => p.id === (propertyId || properties[0]?.id));
  const [contactQ, setContactQ] = useState('');
  const [contact, setContact] = useState<ContactView | null>(null);
  const contacts = useQuery({
    queryKey: ['crm', 'contacts', 'picker', contactQ],
    queryFn: () =>
      api<{ items: ContactView[] }>(`/crm/contacts?${new URLSearchParams({ q: contactQ, pageSize: '8' })}`),
    enabled: contactQ.trim().length >= 2,
  });
  const [side, setSide] = useState<'kaeufer' | 'verkaeufer' | 'mieter' | 'vermieter'>('kaeufer');
  const [basis, setBasis] = useState<'percent' | 'fixed'>('percent');
  const [percent, setPercent] = useState('3,00');
  const [amount, setAmount] = useState('');
  const [serviceDate, setServiceDate] = useState(todayInBerlin());
  const usesPercent = basis === 'percent' && chosen?.priceCents;
  const netCents = usesPercent
    ? Math.round(((chosen?.priceCents ?? 0) * parseGermanNumber(percent)) / 100)
    : Math.round(parseGermanNumber(amount) * 100);
  const totals =
    Number.isFinite(netCents) && netCents > 0
      ? invoiceTotals(
          [{ description: '', quantity: 1, unitCode: 'C62', unitPriceCents: netCents }],
          'standard',
        )
      : null;

  const issue = useMutation({
    mutationFn: () =>
      api<IssuedInvoiceView>('/invoices/commission', {
        method: 'POST',
        body: {
          propertyId: chosen?.id,
          contactId: contact?.id,
          side,
          percent: usesPercent ? parseGermanNumber(percent) : null,
          amountCents: usesPercent ? null : Math.round(parseGermanNumber(amount) * 100),
          serviceDate,
        },
      }),
    onSuccess: (invoice) => {
      toast.success(t('invoices:issued', { number: invoice.number }));
      onIssued(invoice);
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const errors = fieldErrors(issue.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!contact) {
      toast.error(t('invoices:commission.noContact'));
      return;
    }
    issue.mutate();
  };

  return (
    <Modal open title={t('invoices:commission.title')} onClose={onClose} wide>
      {candidates.isSuccess && properties.length === 0 ? (
        <div className="space-y-4">
          <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
            {t('invoices:commission.noProperties')}
          </p>
          <div className="flex justify-end">
            <Button variant="secondary" onClick={onClose}>
              {t('common.close')}
            </Button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit} className="space-y-4" noValidate>
          <SelectField
            label={t('invoices:commission.property')}
            value={chosen?.id ?? ''}
            onChange={(e) => setPropertyId(e.target.value)}
            options={properties.map((p) => ({
              value: p.id,
              label: `${p.title} – ${p.address} (${p.priceCents ? t('invoices:commission.price', { price: formatCents(p.priceCents) }) : t('invoices:commission.noPrice')})`,
            }))}
          />
          <div className="grid gap-3 sm:grid-cols-2">
            <div>
              <TextField
                label={t('invoices:commission.contactSearch')}
                hint={t('invoices:commission.contactHint')}
                type="search"
                value={contactQ}
                onChange={(e) => setContactQ(e.target.value)}
              />
              {contacts.data?.items.length ? (
                <ul
                  className="mt-1 max-h-40 overflow-y-auto rounded-lg ring-1 ring-slate-200"
                  aria-label={t('invoices:commission.contact')}
                >
                  {contacts.data.items.map((c) => (
                    <li key={c.id}>
                      <button
                        type="button"
                        className={`w-full px-3 py-1.5 text-left text-sm hover:bg-slate-50 ${contact?.id === c.id ? 'bg-slate-100 font-medium' : ''}`}
                        onClick={() => setContact(c)}
                      >
                        {contactName(c)}
                        <span className="ml-2 text-xs text-slate-500">
                          {[c.postalCode, c.city].filter(Boolean).join(' ')}
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
            <div>
              <p className="block text-sm font-medium text-slate-700">{t('invoices:commission.contact')}</p>
              <p
                className="mt-1.5 rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-900"
                data-testid="chosen-contact"
              >
                {contact
                  ? [
                      contactName(contact),
                      contact.street,
                      [contact.postalCode, contact.city].filter(Boolean).join(' '),
                    ]
                      .filter(Boolean)
                      .join(', ')
                  : '–'}
              </p>
            </div>
          </div>
          <div className="grid gap-3 sm:grid-cols-3">
            <SelectField
              label={t('invoices:commission.side')}
              value={side}
              onChange={(e) => setSide(e.target.value as typeof side)}
              options={(['kaeufer', 'verkaeufer', 'mieter', 'vermieter'] as const).map((s) => ({
                value: s,
                label: t(`invoices:commission.sides.${s}`),
              }))}
            />
            <SelectField
              label={t('invoices:commission.basis')}
              value={usesPercent ? 'percent' : 'fixed'}
              onChange={(e) => setBasis(e.target.value as typeof basis)}
              options={[
                ...(chosen?.priceCents
                  ? [{ value: 'percent', label: t('invoices:commission.percent') }]
                  : []),
                { value: 'fixed', label: t('invoices:commission.fixed') },
              ]}
            />
            {usesPercent ? (
              <TextField
                label={t('invoices:commission.percentLabel')}
                inputMode="decimal"
                value={percent}
                error={errors.percent ?? null}
                onChange={(e) => setPercent(e.target.value)}
              />
            ) : (
              <TextField
                label={t('invoices:commission.amountLabel')}
                inputMode="decimal"
                value={amount}
                error={errors.amountCents ?? null}
                onChange={(e) => setAmount(e.target.value)}
              />
            )}
          </div>
          <TextField
            label={t('invoices:commission.serviceDate')}
            type="date"
            value={serviceDate}
            error={errors.serviceDate ?? null}
            onChange={(e) => setServiceDate(e.target.value)}
          />
          <div className="rounded-lg bg-slate-50 p-3 text-sm" data-testid="commission-preview">
            <p className="font-medium text-slate-900">
              {totals
                ? t('invoices:commission.preview', {
                    net: formatCents(totals.netCents, 'de', { whole: false }),
                    vat: formatCents(totals.vatCents, 'de', { whole: false }),
                    gross: formatCents(totals.grossCents, 'de', { whole: false }),
                  })
                : '–'}
            </p>
            <p className="mt-1 text-xs text-slate-600">{t('invoices:commission.vatNote')}</p>
          </div>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" type="button" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={issue.isPending} disabled={!totals || !chosen}>
              {t('invoices:commission.issue')}
            </Button>
          </div>
        </form>
      )}
    </Modal>
  );
}
