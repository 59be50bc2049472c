import { useQuery } from '@tanstack/react-query';
import { FileText } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { formatCents, formatDate } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { Card } from '../../../web/components/card.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { SubscriptionInvoices } from '../contract.js';

/** The platform's invoices for the subscription, each as PDF (Factur-X) and XRechnung. */
export function SubscriptionInvoicesCard() {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['billing', 'invoices'],
    queryFn: () => api<SubscriptionInvoices>('/billing/invoices'),
  });
  return (
    <Card title={t('billing:invoices.title')}>
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState
              icon={FileText}
              title={t('billing:invoices.empty')}
              text={t(`billing:invoices.by.${data.issuedBy}`)}
            />
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="subscription-invoices">
              {data.items.map((invoice) => (
                <li
                  key={invoice.id}
                  className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm"
                >
                  <span>
                    <span className="font-medium text-slate-900">{invoice.number}</span>
                    <span className="ml-2 text-slate-600">{formatDate(invoice.issueDate)}</span>
                  </span>
                  <span className="flex items-center gap-3">
                    <span className="tabular-nums">
                      {formatCents(invoice.grossCents, 'de', { whole: false })}
                    </span>
                    <a
                      className="text-brand hover:underline"
                      href={`/api/billing/invoices/${invoice.id}/pdf`}
                      target="_blank"
                      rel="noreferrer"
                    >
                      PDF
                    </a>
                    <a
                      className="text-brand hover:underline"
                      href={`/api/billing/invoices/${invoice.id}/xml`}
                      download
                    >
                      XRechnung
                    </a>
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Card>
  );
}
