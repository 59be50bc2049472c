import { useMutation, useQuery } from '@tanstack/react-query';
import { Target } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { MatchView } from '../contract.js';
import { formatEuro } from './format.js';

/** Matches of a property (contacts) or of a contact (properties), best score first. */
export function MatchesList({ path, propertyId }: { path: string; propertyId?: string }) {
  const { t, i18n } = useTranslation();
  const query = useQuery({
    queryKey: ['crm', 'matches', path],
    queryFn: () => api<{ items: MatchView[] }>(path),
  });
  const sendExpose = useMutation({
    mutationFn: (contactId: string) =>
      api<{ delivery: string }>(`/crm/properties/${propertyId}/expose-links`, {
        method: 'POST',
        body: { contactId },
      }),
    onSuccess: (link) => toast.success(t(`crm:matches.exposeSent.${link.delivery}`)),
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  return (
    <QueryState query={query}>
      {({ items }) =>
        items.length === 0 ? (
          <EmptyState
            icon={Target}
            title={t(propertyId ? 'crm:matches.empty' : 'crm:matches.emptyProperties')}
          />
        ) : (
          <ul className="divide-y divide-slate-100" aria-label={t('crm:properties.tabs.matches')}>
            {items.map((m) => (
              <li
                key={m.searchRequestId + (m.property?.id ?? '')}
                className="flex items-start justify-between gap-4 py-3"
              >
                <div>
                  {m.contact ? (
                    <Link
                      to={`/kontakte/${m.contact.id}`}
                      className="font-medium text-slate-900 hover:underline"
                    >
                      {m.contact.displayName}
                    </Link>
                  ) : null}
                  {m.property ? (
                    <Link
                      to={`/objekte/${m.property.id}`}
                      className="font-medium text-slate-900 hover:underline"
                    >
                      {m.property.title}
                    </Link>
                  ) : null}
                  <p className="text-sm text-slate-500">
                    {m.contact?.email ?? ''}
                    {m.property ? `${m.property.city} · ${formatEuro(m.property.price, i18n.language)}` : ''}
                  </p>
                  <p className="mt-1 text-xs text-slate-500">{m.reasons.join(' · ')}</p>
                </div>
                <div className="flex flex-col items-end gap-2">
                  <Badge tone={m.score >= 80 ? 'green' : m.score >= 50 ? 'amber' : 'gray'}>
                    {t('crm:matches.score', { score: Math.round(m.score) })}
                  </Badge>
                  {propertyId && m.contact ? (
                    <Button
                      variant="secondary"
                      loading={sendExpose.isPending && sendExpose.variables === m.contact.id}
                      onClick={() => m.contact && sendExpose.mutate(m.contact.id)}
                    >
                      {t('crm:matches.sendExpose')}
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
