import { Lock } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge } from '../../../web/components/badge.js';
import type { DocumentView } from '../contract.js';
import { EXPIRY_TONE, formatBytes, formatDateTime, formatDay, isReading } from './format.js';

export function ExpiryBadge({ doc }: { doc: Pick<DocumentView, 'expiry' | 'validUntil'> }) {
  const { t, i18n } = useTranslation();
  if (doc.expiry === 'keine' || !doc.validUntil) return null;
  return (
    <Badge tone={EXPIRY_TONE[doc.expiry]}>
      {t(`documents:expiry.${doc.expiry}`, { date: formatDay(doc.validUntil, i18n.language) })}
    </Badge>
  );
}

export function TextStatus({ doc }: { doc: Pick<DocumentView, 'text'> }) {
  const { t } = useTranslation();
  const percent = doc.text.progress?.percent ?? 0;
  return (
    <span
      className={`text-xs ${isReading(doc) ? 'text-sky-700' : doc.text.status === 'fehler' ? 'text-red-700' : 'text-slate-500'}`}
      title={doc.text.note ?? undefined}
    >
      {t(`documents:textStatus.${doc.text.status}`, { percent })}
    </span>
  );
}

/** Documents as rows; the folder column appears on the page that lists every folder. */
export function DocumentTable({ items, showFolder }: { items: DocumentView[]; showFolder: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead>
          <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <th className="px-3 py-2">{t('documents:column.title')}</th>
            {showFolder ? <th className="px-3 py-2">{t('documents:column.folder')}</th> : null}
            <th className="px-3 py-2">{t('documents:column.category')}</th>
            <th className="px-3 py-2">{t('documents:column.status')}</th>
            <th className="px-3 py-2">{t('documents:column.changed')}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((doc) => (
            <tr key={doc.id} data-testid="document-row">
              <td className="px-3 py-2">
                <Link to={`/dokumente/${doc.id}`} className="font-medium text-slate-900 hover:underline">
                  {doc.title}
                </Link>
                <p className="flex items-center gap-1 text-xs text-slate-500">
                  {doc.confidential ? (
                    <span className="inline-flex items-center gap-0.5 text-amber-700">
                      <Lock className="size-3" aria-hidden="true" />
                      {t('documents:confidential')} ·
                    </span>
                  ) : null}
                  {doc.current.fileName} · {formatBytes(doc.current.sizeBytes, i18n.language)}
                  {doc.currentVersion > 1
                    ? ` · ${t('documents:version', { version: doc.currentVersion })}`
                    : ''}
                </p>
              </td>
              {showFolder ? (
                <td className="px-3 py-2">
                  <Link
                    to={
                      doc.folder.kind === 'objekt'
                        ? `/objekte/${doc.folder.id}`
                        : `/kontakte/${doc.folder.id}`
                    }
                    className="text-slate-700 hover:underline"
                  >
                    {doc.folder.label}
                  </Link>
                </td>
              ) : null}
              <td className="px-3 py-2">
                <Badge tone="brand">{t(`documents:category.${doc.category}`)}</Badge>
              </td>
              <td className="space-x-2 px-3 py-2">
                <ExpiryBadge doc={doc} />
                <TextStatus doc={doc} />
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-slate-500">
                {formatDateTime(doc.updatedAt, i18n.language)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
