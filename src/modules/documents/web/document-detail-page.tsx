import './i18n.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, Lightbulb, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { ConfirmDialog } from '../../../web/components/confirm-dialog.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { DocumentView } from '../contract.js';
import { DocumentForm } from './document-form.js';
import { ExpiryBadge, TextStatus } from './document-table.js';
import { EnergyFactsCard } from './energy-facts-card.js';
import { isReading } from './format.js';
import { SignatureCard } from './signature-card.js';
import { VersionList } from './version-list.js';

export type DocumentDetail = DocumentView & { versions: DocumentView['current'][] };

export function DocumentDetailPage() {
  const { documentId = '' } = useParams();
  const query = useQuery({
    queryKey: ['documents', 'one', documentId],
    queryFn: () => api<DocumentDetail>(`/documents/${documentId}`),
    refetchInterval: (q) => (q.state.data && isReading(q.state.data) ? 2000 : false),
  });
  return <QueryState query={query}>{(doc) => <DocumentDetailView doc={doc} />}</QueryState>;
}

function DocumentDetailView({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [deleting, setDeleting] = useState(false);
  const canWrite = hasPermission(me, 'documents.write');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['documents'] });

  const patch = useMutation({
    mutationFn: (body: Record<string, unknown>) => api(`/documents/${doc.id}`, { method: 'PATCH', body }),
    onSuccess: async (_data, body) => {
      toast.success(
        'category' in body && Object.keys(body).length === 1
          ? t('documents:suggestion.applied')
          : t('documents:saved'),
      );
      await refresh();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const remove = useMutation({
    mutationFn: () => api(`/documents/${doc.id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      toast.success(t('documents:deleted'));
      await refresh();
      navigate(doc.folder.kind === 'objekt' ? `/objekte/${doc.folder.id}?tab=documents` : '/dokumente');
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const suggestion = doc.suggestion;
  const folderLink =
    doc.folder.kind === 'objekt' ? `/objekte/${doc.folder.id}?tab=documents` : `/kontakte/${doc.folder.id}`;

  return (
    <>
      <Link to="/dokumente" className="text-sm text-slate-500 hover:underline">
        ← {t('documents:back')}
      </Link>
      <div className="mb-6 mt-2 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{doc.title}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-500">
            <Badge tone="brand">{t(`documents:category.${doc.category}`)}</Badge>
            {doc.confidential ? <Badge tone="amber">{t('documents:confidential')}</Badge> : null}
            <ExpiryBadge doc={doc} />
            <TextStatus doc={doc} />
            <Link to={folderLink} className="hover:underline">
              {doc.folder.label}
            </Link>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <a
            href={doc.current.url}
            className="inline-flex items-center gap-2 rounded-lg bg-white px-3.5 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
          >
            <Download className="size-4" aria-hidden="true" />
            {t('documents:download')}
          </a>
          {canWrite ? (
            <Button variant="ghost" icon={<Trash2 className="size-4" />} onClick={() => setDeleting(true)}>
              {t('documents:delete')}
            </Button>
          ) : null}
        </div>
      </div>

      {suggestion && suggestion.category !== doc.category ? (
        <div
          role="status"
          className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded-xl bg-sky-50 p-4 ring-1 ring-sky-200"
        >
          <div className="text-sm text-sky-900">
            <p className="flex items-center gap-2 font-semibold">
              <Lightbulb className="size-4" aria-hidden="true" />
              {t('documents:suggestion.title', {
                category: t(`documents:category.${suggestion.category}`),
                confidence: Math.round(suggestion.confidence * 100),
              })}
            </p>
            <p className="mt-1">
              {t('documents:suggestion.reason', { reason: suggestion.reason.join(', ') })}
            </p>
          </div>
          {canWrite ? (
            <Button loading={patch.isPending} onClick={() => patch.mutate({ category: suggestion.category })}>
              {t('documents:suggestion.apply')}
            </Button>
          ) : null}
        </div>
      ) : null}
      {suggestion && suggestion.category === doc.category && doc.categorySource === 'automatisch' ? (
        <p className="mb-4 text-sm text-slate-500">
          {t('documents:suggestion.automatic', {
            confidence: Math.round(suggestion.confidence * 100),
            reason: suggestion.reason.join(', '),
          })}
        </p>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <div className="space-y-6">
          <Card>
            <DocumentForm
              key={doc.updatedAt}
              doc={doc}
              readOnly={!canWrite}
              canMarkConfidential={hasPermission(me, 'documents.confidential')}
              busy={patch.isPending}
              onSubmit={(body) => patch.mutate(body)}
            />
          </Card>
          <Card>
            <h2 className="text-sm font-semibold text-slate-900">{t('documents:text.title')}</h2>
            <p className="mt-2 whitespace-pre-wrap text-sm text-slate-600" data-testid="document-text">
              {doc.text.excerpt
                ? `${doc.text.excerpt}${doc.text.excerpt.length >= 400 ? ' …' : ''}`
                : t('documents:text.none')}
            </p>
          </Card>
        </div>
        <div className="space-y-6">
          {doc.energyFacts && doc.propertyId ? (
            <EnergyFactsCard propertyId={doc.propertyId} facts={doc.energyFacts} />
          ) : null}
          <SignatureCard doc={doc} canSend={hasPermission(me, 'documents.share')} />
          <VersionList doc={doc} canWrite={canWrite} onUploaded={refresh} />
        </div>
      </div>
      <ConfirmDialog
        open={deleting}
        title={t('documents:deleteTitle')}
        text={t('documents:deleteText')}
        confirmLabel={t('documents:delete')}
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setDeleting(false)}
      />
    </>
  );
}
