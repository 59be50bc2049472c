import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FileText } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { formatCents, formatDate } from '../../../platform/format/format-de.js';
import { formatIban } from '../../../platform/invoicing/iban.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { ConfirmDialog } from '../../../web/components/confirm-dialog.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { InvoiceList, InvoiceSettingsView, IssuedInvoiceView } from '../contract.js';
import { CommissionDialog } from './commission-dialog.js';
import { InvoiceSettingsForm } from './invoice-settings-form.js';

const eur = (cents: number) => formatCents(cents, 'de', { whole: false });

function StatusBadge({ invoice }: { invoice: IssuedInvoiceView }) {
  const { t } = useTranslation();
  if (invoice.kind === 'credit_note')
    return <Badge tone="gray">{t('invoices:creditNote', { number: invoice.correctsNumber ?? '–' })}</Badge>;
  if (invoice.cancelledBy)
    return <Badge tone="amber">{t('invoices:cancelledBy', { number: invoice.cancelledBy })}</Badge>;
  return <Badge tone="green">{t('invoices:open')}</Badge>;
}

/** The office's invoices, its invoice details and the way to a new commission invoice. */
export function InvoicesPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const me = useMe().data;
  const canManage = me ? hasPermission(me, 'invoices.manage') : false;
  const settings = useQuery({
    queryKey: ['invoices', 'settings'],
    queryFn: () => api<InvoiceSettingsView>('/invoices/settings'),
  });
  const list = useQuery({ queryKey: ['invoices', 'list'], queryFn: () => api<InvoiceList>('/invoices') });
  const [editing, setEditing] = useState(false);
  const [creating, setCreating] = useState(false);
  const [cancelling, setCancelling] = useState<IssuedInvoiceView | null>(null);
  const cancel = useMutation({
    mutationFn: (invoice: IssuedInvoiceView) =>
      api<IssuedInvoiceView>(`/invoices/${invoice.id}/cancel`, { method: 'POST' }),
    onSuccess: async (credit) => {
      toast.success(t('invoices:cancelled', { number: credit.number }));
      setCancelling(null);
      await client.invalidateQueries({ queryKey: ['invoices', 'list'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const configured = Boolean(settings.data?.settings);
  const actions = (invoice: IssuedInvoiceView) => (
    <>
      <a
        className="text-brand hover:underline"
        href={`/api/invoices/${invoice.id}/pdf`}
        target="_blank"
        rel="noreferrer"
      >
        {t('invoices:pdf')}
      </a>
      <a className="ml-3 text-brand hover:underline" href={`/api/invoices/${invoice.id}/xml`} download>
        {t('invoices:xml')}
      </a>
      {canManage && invoice.kind === 'invoice' && !invoice.cancelledBy ? (
        <button
          type="button"
          className="ml-3 text-red-700 hover:underline"
          onClick={() => setCancelling(invoice)}
        >
          {t('invoices:cancel')}
        </button>
      ) : null}
    </>
  );

  return (
    <>
      <PageHeader
        title={t('invoices:title')}
        description={t('invoices:intro')}
        actions={
          canManage && configured ? (
            <Button onClick={() => setCreating(true)}>{t('invoices:newCommission')}</Button>
          ) : null
        }
      />
      <div className="space-y-6">
        <QueryState query={settings}>
          {(view) =>
            !view.settings || editing ? (
              <Card title={t('invoices:settings.title')}>
                {!view.settings ? (
                  <p className="mb-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
                    {t('invoices:settings.missing')}
                  </p>
                ) : null}
                {canManage ? <InvoiceSettingsForm view={view} onDone={() => setEditing(false)} /> : null}
              </Card>
            ) : (
              <Card
                title={t('invoices:settings.title')}
                actions={
                  canManage ? (
                    <Button variant="secondary" onClick={() => setEditing(true)}>
                      {t('invoices:settings.edit')}
                    </Button>
                  ) : null
                }
              >
                <p className="text-sm text-slate-700" data-testid="invoice-settings">
                  {[
                    view.settings.legalName,
                    `${view.settings.street}, ${view.settings.postalCode} ${view.settings.city}`,
                    view.settings.vatId
                      ? `USt-IdNr. ${view.settings.vatId}`
                      : `St.-Nr. ${view.settings.taxNumber}`,
                    `IBAN ${formatIban(view.settings.iban)}`,
                  ].join(' · ')}
                </p>
              </Card>
            )
          }
        </QueryState>
        <Card title={t('invoices:title')}>
          <QueryState query={list}>
            {(data) =>
              data.items.length === 0 ? (
                <EmptyState icon={FileText} title={t('invoices:empty')} text={t('invoices:emptyText')} />
              ) : (
                <>
                  <ul className="-mx-5 -my-4 divide-y divide-slate-100 sm:hidden" data-testid="invoice-cards">
                    {data.items.map((invoice) => (
                      <li key={invoice.id} className="space-y-1 px-5 py-3 text-sm">
                        <div className="flex items-baseline justify-between gap-2">
                          <span className="font-medium text-slate-900">{invoice.number}</span>
                          <span className="tabular-nums">
                            {invoice.kind === 'credit_note'
                              ? `−${eur(invoice.grossCents)}`
                              : eur(invoice.grossCents)}
                          </span>
                        </div>
                        <p className="text-slate-600">
                          {formatDate(invoice.issueDate)} · {invoice.buyerName}
                        </p>
                        <StatusBadge invoice={invoice} />
                        <p>{actions(invoice)}</p>
                      </li>
                    ))}
                  </ul>
                  <div className="-mx-5 -my-4 hidden overflow-x-auto sm:block">
                    <table className="min-w-full text-sm" data-testid="invoice-table">
                      <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                        <tr>
                          <th className="px-4 py-2">{t('invoices:number')}</th>
                          <th className="px-4 py-2">{t('invoices:date')}</th>
                          <th className="px-4 py-2">{t('invoices:buyer')}</th>
                          <th className="hidden px-4 py-2 2xl:table-cell">{t('invoices:subject')}</th>
                          <th className="px-4 py-2 text-right">{t('invoices:gross')}</th>
                          <th className="px-4 py-2">{t('invoices:status')}</th>
                          <th className="px-4 py-2" />
                        </tr>
                      </thead>
                      <tbody className="divide-y divide-slate-100">
                        {data.items.map((invoice) => (
                          <tr key={invoice.id}>
                            <td className="whitespace-nowrap px-4 py-2 font-medium text-slate-900">
                              {invoice.number}
                            </td>
                            <td className="whitespace-nowrap px-4 py-2">{formatDate(invoice.issueDate)}</td>
                            <td className="px-4 py-2">{invoice.buyerName}</td>
                            <td className="hidden max-w-xs truncate px-4 py-2 text-slate-600 2xl:table-cell">
                              {invoice.subject}
                            </td>
                            <td className="whitespace-nowrap px-4 py-2 text-right tabular-nums">
                              {invoice.kind === 'credit_note'
                                ? `−${eur(invoice.grossCents)}`
                                : eur(invoice.grossCents)}
                            </td>
                            <td className="px-4 py-2">
                              <StatusBadge invoice={invoice} />
                            </td>
                            <td className="whitespace-nowrap px-4 py-2 text-right">{actions(invoice)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </>
              )
            }
          </QueryState>
        </Card>
      </div>
      {creating ? (
        <CommissionDialog
          onClose={() => setCreating(false)}
          onIssued={async () => {
            setCreating(false);
            await client.invalidateQueries({ queryKey: ['invoices', 'list'] });
          }}
        />
      ) : null}
      <ConfirmDialog
        open={cancelling !== null}
        title={t('invoices:cancelTitle', { number: cancelling?.number ?? '' })}
        text={t('invoices:cancelText')}
        confirmLabel={t('invoices:cancel')}
        busy={cancel.isPending}
        onConfirm={() => cancelling && cancel.mutate(cancelling)}
        onClose={() => setCancelling(null)}
      />
    </>
  );
}
