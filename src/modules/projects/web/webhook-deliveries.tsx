import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { formatDateTime } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { QueryState } from '../../../web/components/query-state.js';
import { type DeliveryView, WEBHOOK_EVENTS, type WebhookEvent } from '../integration-contract.js';

const TONE = { pending: 'blue', succeeded: 'green', failed: 'red' } as const;

/** A webhook's delivery log: outcome, receiver's answer, tries; replay for any delivery. */
export function WebhookDeliveries({ webhookId }: { webhookId: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const key = ['projects', 'webhooks', webhookId, 'deliveries'];
  const deliveries = useQuery({
    queryKey: key,
    queryFn: () => api<{ items: DeliveryView[] }>(`/projects/webhooks/${webhookId}/deliveries`),
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.status === 'pending') ? 2000 : false),
  });
  const replay = useMutation({
    mutationFn: (id: string) =>
      api(`/projects/webhooks/${webhookId}/deliveries/${id}/replay`, { method: 'POST' }),
    onSuccess: () => {
      toast.success(t('projects:integrations.webhooks.replayed'));
      void client.invalidateQueries({ queryKey: ['projects', 'webhooks'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  return (
    <QueryState query={deliveries}>
      {(data) =>
        data.items.length === 0 ? (
          <p className="text-sm text-slate-500">{t('projects:integrations.webhooks.noDeliveries')}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="deliveries">
            {data.items.map((d) => (
              <li key={d.id} className="flex flex-wrap items-start justify-between gap-2 py-2">
                <div className="min-w-0">
                  <p className="text-slate-800">
                    {d.event === 'ping'
                      ? 'Test (ping)'
                      : (WEBHOOK_EVENTS[d.event as WebhookEvent] ?? d.event)}
                    <span className="text-slate-500">
                      {' '}
                      · {formatDateTime(d.createdAt, i18n.language)} ·{' '}
                      {t('projects:integrations.webhooks.attempts', { count: d.attempts })}
                      {d.responseStatus ? ` · HTTP ${d.responseStatus}` : ''}
                      {d.durationMs !== null ? ` · ${d.durationMs} ms` : ''}
                    </span>
                  </p>
                  {d.error ? <p className="break-words text-red-700">{d.error}</p> : null}
                </div>
                <div className="flex items-center gap-2">
                  <Badge tone={TONE[d.status]}>
                    {t(`projects:integrations.webhooks.status.${d.status}`)}
                  </Badge>
                  {d.status !== 'pending' ? (
                    <Button variant="ghost" loading={replay.isPending} onClick={() => replay.mutate(d.id)}>
                      {t('projects:integrations.webhooks.replay')}
                    </Button>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )
      }
    </QueryState>
  );
}
