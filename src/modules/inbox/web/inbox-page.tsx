import './i18n.js';
import { useQuery } from '@tanstack/react-query';
import { Inbox } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { Badge } from '../../../web/components/badge.js';
import { Card } from '../../../web/components/card.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { MailboxView, MessageView } from '../contract.js';
import { ConnectForm } from './connect-form.js';
import { MailboxCard } from './mailbox-card.js';
import { MessageThread } from './message-thread.js';

const FILTERS = ['alle', 'anfrage', 'nicht_erkannt', 'mail'] as const;
const TONE = { anfrage: 'green', nicht_erkannt: 'amber', mail: 'gray' } as const;

/** What came in through the connected mailboxes, and the mailboxes themselves. */
export function InboxPage() {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('alle');
  const [open, setOpen] = useState<string | null>(null);
  const mailboxes = useQuery({
    queryKey: ['inbox', 'mailboxes'],
    queryFn: () => api<{ items: MailboxView[] }>('/inbox/mailboxes'),
  });
  const messages = useQuery({
    queryKey: ['inbox', 'messages', filter],
    queryFn: () =>
      api<{ items: MessageView[]; total: number }>(
        `/inbox/messages${filter === 'alle' ? '' : `?outcome=${filter}`}`,
      ),
    refetchInterval: 60_000,
  });
  return (
    <>
      <PageHeader title={t('inbox:title')} />
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('inbox:intro')}</p>
      <div role="tablist" className="mb-3 flex flex-wrap gap-2">
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            role="tab"
            aria-selected={filter === f}
            onClick={() => setFilter(f)}
            className={`rounded-full px-3 py-1 text-sm ${filter === f ? 'bg-brand text-white' : 'bg-slate-100 text-slate-700 hover:bg-slate-200'}`}
          >
            {t(`inbox:filter.${f}`)}
          </button>
        ))}
      </div>
      <Card>
        <QueryState query={messages}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState
                icon={Inbox}
                title={t('inbox:empty')}
                text={mailboxes.data?.items.length ? undefined : t('inbox:emptyNoMailbox')}
              />
            ) : (
              <ul className="divide-y divide-slate-200">
                {data.items.map((m) => (
                  <li key={m.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-start sm:gap-4">
                    <div className="min-w-0 flex-1">
                      <button
                        type="button"
                        onClick={() => setOpen(m.id)}
                        className="block max-w-full truncate text-left font-medium text-slate-900 hover:text-brand hover:underline"
                      >
                        {m.subject || t('inbox:noSubject')}
                      </button>
                      <p className="truncate text-sm text-slate-600">
                        {m.direction === 'ausgang'
                          ? t('inbox:to', { to: m.toAddress })
                          : m.fromName
                            ? `${m.fromName} <${m.fromAddress}>`
                            : m.fromAddress}
                      </p>
                      {m.reason ? (
                        <p role="alert" className="text-sm text-amber-800">
                          {m.reason}
                        </p>
                      ) : null}
                    </div>
                    <div className="flex flex-wrap items-center gap-2 text-sm sm:justify-end">
                      <span className="text-xs text-slate-500">
                        {formatDateTime(m.receivedAt, i18n.language)}
                      </span>
                      {m.portal ? (
                        <Badge tone="blue">{t(`inbox:portal.${m.portal}`, { defaultValue: m.portal })}</Badge>
                      ) : null}
                      {m.direction === 'ausgang' ? (
                        <Badge tone="brand">{t('inbox:sent')}</Badge>
                      ) : (
                        <Badge tone={TONE[m.outcome]}>{t(`inbox:outcome.${m.outcome}`)}</Badge>
                      )}
                      {m.contactId ? (
                        <Link className="text-brand hover:underline" to={`/kontakte/${m.contactId}`}>
                          {t('inbox:toContact')}
                        </Link>
                      ) : null}
                    </div>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      </Card>
      <h2 className="mt-6 mb-2 text-base font-semibold text-slate-900">{t('inbox:mailboxes')}</h2>
      <QueryState query={mailboxes}>
        {(data) => (
          <div className="grid gap-4 lg:grid-cols-2">
            {data.items.map((b) => (
              <MailboxCard key={b.id} box={b} />
            ))}
          </div>
        )}
      </QueryState>
      <div className="mt-4">
        <Card>
          <ConnectForm />
        </Card>
      </div>
      {open ? <MessageThread messageId={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
