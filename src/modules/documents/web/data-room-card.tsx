import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Share2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { ConfirmDialog } from '../../../web/components/confirm-dialog.js';
import { Modal } from '../../../web/components/modal.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { DocumentView } from '../contract.js';
import type { ShareView } from '../data-room-contract.js';
import { formatDateTime } from './format.js';
import { ShareDialog } from './share-dialog.js';

const STATUS_TONE = { aktiv: 'green', abgelaufen: 'gray', widerrufen: 'red' } as const;

interface AccessEntry {
  at: string;
  outcome: string;
  documentTitle: string | null;
  ip: string | null;
  userAgent: string | null;
}

/** The data rooms of a property: share, see who opened what, revoke. */
export function DataRoomCard({ propertyId, documents }: { propertyId: string; documents: DocumentView[] }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ShareView | null>(null);
  const [logOf, setLogOf] = useState<ShareView | null>(null);
  const shares = useQuery({
    queryKey: ['documents', 'shares', propertyId],
    queryFn: () => api<{ items: ShareView[] }>(`/documents/shares?propertyId=${propertyId}`),
  });
  const log = useQuery({
    queryKey: ['documents', 'shares', 'log', logOf?.id],
    queryFn: () => api<{ items: AccessEntry[] }>(`/documents/shares/${logOf?.id}/access`),
    enabled: Boolean(logOf),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api(`/documents/shares/${id}/revoke`, { method: 'POST' }),
    onSuccess: async () => {
      toast.success(t('documents:share.revoked'));
      setRevoking(null);
      await queryClient.invalidateQueries({ queryKey: ['documents', 'shares'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });

  return (
    <section aria-labelledby="data-rooms" className="space-y-3 border-t border-slate-200 pt-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h3 id="data-rooms" className="text-sm font-semibold text-slate-900">
            {t('documents:share.title')}
          </h3>
          <p className="text-xs text-slate-500">{t('documents:share.description')}</p>
        </div>
        <Button
          variant="secondary"
          icon={<Share2 className="size-4" />}
          disabled={documents.length === 0}
          onClick={() => setCreating(true)}
        >
          {t('documents:share.new')}
        </Button>
      </div>
      <QueryState query={shares}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="text-sm text-slate-500">{t('documents:share.empty')}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="data-room-list">
              {items.map((share) => (
                <li key={share.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
                  <div className="min-w-0">
                    <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                      {share.recipientName}
                      <Badge tone={STATUS_TONE[share.status]}>
                        {t(`documents:share.status.${share.status}`)}
                      </Badge>
                      {share.hasPassword ? <Badge>{t('documents:share.withPassword')}</Badge> : null}
                    </p>
                    <p className="text-xs text-slate-500">
                      {share.documents
                        .map((d) => `${d.title} (${t(`documents:category.${d.category}`)})`)
                        .join(', ')}{' '}
                      · {t('documents:share.until', { date: formatDateTime(share.expiresAt, i18n.language) })}{' '}
                      · {t('documents:share.accesses', { count: share.accessCount })}
                      {share.lastAccessAt
                        ? ` · ${t('documents:share.lastAccess', { date: formatDateTime(share.lastAccessAt, i18n.language) })}`
                        : ''}
                    </p>
                  </div>
                  <div className="flex gap-2">
                    <Button variant="ghost" onClick={() => setLogOf(share)}>
                      {t('documents:share.log')}
                    </Button>
                    {share.status === 'aktiv' ? (
                      <Button variant="ghost" onClick={() => setRevoking(share)}>
                        {t('documents:share.revoke')}
                      </Button>
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      <ShareDialog
        open={creating}
        onClose={() => setCreating(false)}
        documents={documents}
        propertyId={propertyId}
      />
      <ConfirmDialog
        open={Boolean(revoking)}
        title={t('documents:share.revokeTitle')}
        text={t('documents:share.revokeText')}
        confirmLabel={t('documents:share.revoke')}
        busy={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
        onClose={() => setRevoking(null)}
      />
      <Modal open={Boolean(logOf)} title={t('documents:share.logTitle')} onClose={() => setLogOf(null)} wide>
        <QueryState query={log}>
          {({ items }) =>
            items.length === 0 ? (
              <p className="text-sm text-slate-500">{t('documents:share.logEmpty')}</p>
            ) : (
              <ul
                className="max-h-96 divide-y divide-slate-100 overflow-y-auto text-sm"
                data-testid="access-log"
              >
                {items.map((entry) => (
                  <li key={`${entry.at}-${entry.outcome}-${entry.documentTitle}`} className="py-2">
                    <p className="text-slate-900">
                      {formatDateTime(entry.at, i18n.language)} –{' '}
                      {t(`documents:share.outcome.${entry.outcome}`)}
                      {entry.documentTitle ? `: ${entry.documentTitle}` : ''}
                    </p>
                    <p className="truncate text-xs text-slate-500">
                      {entry.ip ?? '–'} · {entry.userAgent ?? '–'}
                    </p>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      </Modal>
    </section>
  );
}
