import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, PenLine } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { DocumentView } from '../contract.js';
import { signatureSuitability } from '../domain/signature-suitability.js';
import type { SignatureRequestView } from '../signature-contract.js';
import { formatDateTime } from './format.js';

const STATUS_TONE = {
  offen: 'blue',
  wird_versiegelt: 'blue',
  abgeschlossen: 'green',
  abgelehnt: 'red',
  zurueckgezogen: 'gray',
} as const;

/** The signature requests of one document, with each signer's state and the sealed PDF. */
export function SignatureCard({ doc, canSend }: { doc: DocumentView; canSend: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const requests = useQuery({
    queryKey: ['documents', 'signatures', doc.id],
    queryFn: () => api<{ items: SignatureRequestView[] }>(`/documents/signatures?documentId=${doc.id}`),
    refetchInterval: (q) =>
      q.state.data?.items.some((r) => r.status === 'offen' || r.status === 'wird_versiegelt') ? 5000 : false,
  });
  const cancel = useMutation({
    mutationFn: (id: string) => api(`/documents/signatures/${id}/cancel`, { method: 'POST' }),
    onSuccess: async () => {
      toast.success(t('documents:sign.cancelled'));
      await queryClient.invalidateQueries({ queryKey: ['documents', 'signatures', doc.id] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const isPdf = doc.current.contentType === 'application/pdf';
  const suitability = signatureSuitability(doc.category);
  return (
    <Card>
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold text-slate-900">{t('documents:sign.title')}</h2>
        {canSend && isPdf && suitability.allowed ? (
          <Link
            to={`/dokumente/${doc.id}/unterschrift`}
            className="inline-flex items-center gap-2 rounded-lg bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
          >
            <PenLine className="size-4" aria-hidden="true" />
            {t('documents:sign.send')}
          </Link>
        ) : null}
      </div>
      {canSend && !isPdf ? (
        <p className="mt-2 text-xs text-slate-500">{t('documents:sign.onlyPdf')}</p>
      ) : null}
      {!suitability.allowed ? (
        <p role="note" className="mt-2 rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700">
          {suitability.reason}
        </p>
      ) : suitability.note ? (
        <p role="note" className="mt-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {suitability.note}
        </p>
      ) : null}
      <QueryState query={requests}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="mt-3 text-sm text-slate-500">{t('documents:sign.empty')}</p>
          ) : (
            <ul className="mt-3 space-y-4 text-sm" data-testid="signature-requests">
              {items.map((r) => (
                <li key={r.id} className="rounded-lg p-3 ring-1 ring-slate-200">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <p className="font-medium text-slate-900">
                      {formatDateTime(r.createdAt, i18n.language)}{' '}
                      <Badge tone={STATUS_TONE[r.status]}>{t(`documents:sign.status.${r.status}`)}</Badge>
                    </p>
                    {canSend && r.status === 'offen' ? (
                      <Button variant="ghost" loading={cancel.isPending} onClick={() => cancel.mutate(r.id)}>
                        {t('documents:sign.cancel')}
                      </Button>
                    ) : null}
                  </div>
                  <ul className="mt-2 space-y-1">
                    {r.signers.map((s) => (
                      <li key={s.id} className="text-slate-700">
                        {s.name} &lt;{s.email}&gt; –{' '}
                        {s.status === 'unterschrieben' && s.signedAt
                          ? t('documents:sign.signedAt', { date: formatDateTime(s.signedAt, i18n.language) })
                          : s.status === 'abgelehnt'
                            ? t('documents:sign.declined', { reason: s.declineReason ?? '' })
                            : t(`documents:sign.signerStatus.${s.status}`)}
                      </li>
                    ))}
                  </ul>
                  {r.signedUrl ? (
                    <div className="mt-2 space-y-1">
                      <a
                        href={r.signedUrl}
                        className="inline-flex items-center gap-1 font-semibold text-brand hover:underline"
                      >
                        <Download className="size-4" aria-hidden="true" />
                        {t('documents:sign.download')}
                      </a>
                      <p className="break-all font-mono text-[11px] text-slate-400">
                        {t('documents:sign.hashBefore')}: {r.sha256Before}
                        <br />
                        {t('documents:sign.hashAfter')}: {r.sha256After}
                      </p>
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Card>
  );
}
