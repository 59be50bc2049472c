import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { formatDateTime } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { CampaignView, RecipientView } from '../contract.js';

const STATE_TONE = { laeuft: 'blue', fertig: 'green', abgebrochen: 'gray' } as const;
const RECIPIENT_TONE = { wartet: 'gray', gesendet: 'green', uebersprungen: 'amber', fehler: 'red' } as const;

/** One mailing: progress while it runs, counts after, and who got what. */
export function CampaignCard({ campaign: c }: { campaign: CampaignView }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const done = c.counts.total - c.counts.wartet;
  const percent = c.counts.total === 0 ? 100 : Math.round((done / c.counts.total) * 100);
  const recipients = useQuery({
    queryKey: ['mailings', 'campaign', c.id, done],
    queryFn: () => api<{ recipients: RecipientView[] }>(`/mailings/campaigns/${c.id}`),
    enabled: open,
  });
  const cancel = useMutation({
    mutationFn: () => api(`/mailings/campaigns/${c.id}/cancel`, { method: 'POST' }),
    onSuccess: () => {
      toast.success(t('mailings:cancelled'));
      void queryClient.invalidateQueries({ queryKey: ['mailings'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const canSend = hasPermission(useMe().data, 'mailings.send');
  return (
    <Card>
      <div className="space-y-2" data-testid="campaign">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <div className="min-w-0">
            <h3 className="truncate font-semibold text-slate-900">
              {c.propertyId ? (
                <Link to={`/objekte/${c.propertyId}`} className="hover:underline">
                  {c.propertyTitle}
                </Link>
              ) : (
                c.propertyTitle
              )}
            </h3>
            <p className="truncate text-xs text-slate-500">
              {c.subject} ·{' '}
              {t('mailings:by', {
                date: formatDateTime(c.createdAt, i18n.language),
                name: c.createdByName ?? '–',
              })}
            </p>
          </div>
          <Badge tone={STATE_TONE[c.state]}>{t(`mailings:state.${c.state}`)}</Badge>
        </div>
        <div
          role="progressbar"
          aria-label={t('mailings:progress', { done, total: c.counts.total })}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          className="h-2 overflow-hidden rounded-full bg-slate-100"
        >
          <div className="h-full bg-brand transition-all" style={{ width: `${percent}%` }} />
        </div>
        <p className="text-sm text-slate-700">
          {t('mailings:progress', { done, total: c.counts.total })} · {t('mailings:counts', { ...c.counts })}
        </p>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => setOpen((o) => !o)}>
            {open ? t('mailings:hideRecipients') : t('mailings:showRecipients')}
          </Button>
          {c.state === 'laeuft' && canSend ? (
            <Button variant="ghost" loading={cancel.isPending} onClick={() => cancel.mutate()}>
              {t('mailings:cancel')}
            </Button>
          ) : null}
        </div>
        {open ? (
          <QueryState query={recipients}>
            {(data) => (
              <ul className="max-h-80 divide-y divide-slate-200 overflow-y-auto rounded-lg border border-slate-200">
                {data.recipients.map((r) => (
                  <li
                    key={r.id}
                    data-recipient={r.name}
                    className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm"
                  >
                    <span className="min-w-0">
                      <Link
                        to={`/kontakte/${r.contactId}`}
                        className="font-medium text-slate-900 hover:underline"
                      >
                        {r.name}
                      </Link>
                      {r.reason ? <span className="block text-xs text-slate-600">{r.reason}</span> : null}
                    </span>
                    <span className="flex items-center gap-2">
                      {r.sentAt ? (
                        <span className="text-xs text-slate-500">
                          {formatDateTime(r.sentAt, i18n.language)}
                        </span>
                      ) : null}
                      <Badge tone={RECIPIENT_TONE[r.state]}>{t(`mailings:recipientState.${r.state}`)}</Badge>
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </QueryState>
        ) : null}
      </div>
    </Card>
  );
}
