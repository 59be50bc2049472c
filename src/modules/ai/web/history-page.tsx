import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { History } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ListPage } from '../../../platform/http/page-schema.js';
import { api } from '../../../web/api/client.js';
import { Badge } from '../../../web/components/badge.js';
import { Card } from '../../../web/components/card.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { SelectField, TextField } from '../../../web/components/field.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { Pagination } from '../../../web/components/pagination.js';
import { QueryState } from '../../../web/components/query-state.js';
import { type GenerationView, TEXT_TYPES } from '../contract.js';
import { AiTabs } from './ai-tabs.js';
import { formatUsd } from './format-usd.js';

export function HistoryPage() {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const [page, setPage] = useState(1);
  const query = useQuery({
    queryKey: ['ai', 'generations', q, kind, page],
    queryFn: () =>
      api<ListPage<GenerationView>>(
        `/ai/generations?${new URLSearchParams({ ...(q ? { q } : {}), ...(kind ? { kind } : {}), page: String(page) })}`,
      ),
    placeholderData: keepPreviousData,
  });
  const when = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'de-DE', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return (
    <div>
      <PageHeader title={t('ai:title')} description={t('ai:history.description')} />
      <AiTabs />
      <Card>
        <div className="mb-4 grid gap-3 sm:grid-cols-[1fr_200px]">
          <TextField
            label={t('ai:history.search')}
            type="search"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setPage(1);
            }}
          />
          <SelectField
            label={t('ai:history.kind')}
            value={kind}
            onChange={(e) => {
              setKind(e.target.value);
              setPage(1);
            }}
            options={[
              { value: '', label: t('ai:history.all') },
              ...['text', 'image', 'video'].map((k) => ({ value: k, label: t(`ai:history.kinds.${k}`) })),
            ]}
          />
        </div>
        <QueryState query={query}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState icon={History} title={t('ai:history.empty')} text={t('ai:history.emptyText')} />
            ) : (
              <>
                <ul className="divide-y divide-slate-100">
                  {data.items.map((g) => (
                    <li key={g.id} className="py-3">
                      <div className="flex flex-wrap items-center gap-2 text-sm">
                        <span className="font-medium text-slate-900">
                          {t(`ai:type.${g.type}`, { defaultValue: g.type })}
                        </span>
                        <Badge tone={g.offline ? 'amber' : 'brand'}>
                          {g.offline
                            ? t('ai:studio.offline')
                            : `${t(`ai:providerName.${g.provider}`, { defaultValue: g.provider })} · ${g.model}`}
                        </Badge>
                        {g.cacheHit ? <Badge tone="green">{t('ai:studio.cacheHit')}</Badge> : null}
                        {g.fallbackFrom ? (
                          <Badge tone="amber">{t('ai:studio.fallback', { from: g.fallbackFrom })}</Badge>
                        ) : null}
                        {g.status === 'fehler' ? <Badge tone="red">{t('ai:history.failed')}</Badge> : null}
                        {g.status === 'laeuft' ? <Badge tone="amber">{t('ai:history.running')}</Badge> : null}
                        <span className="text-slate-500">{when.format(new Date(g.createdAt))}</span>
                        {g.userName ? (
                          <span className="text-slate-500">{t('ai:history.by', { name: g.userName })}</span>
                        ) : null}
                        <span className="ml-auto text-slate-600">{formatUsd(g.costUsd)}</span>
                      </div>
                      {g.propertyTitle ? (
                        <Link to={`/objekte/${g.propertyId}`} className="text-sm text-brand hover:underline">
                          {g.propertyTitle}
                        </Link>
                      ) : null}
                      <p className="mt-1 line-clamp-2 whitespace-pre-line text-sm text-slate-600">
                        {g.outputText ?? g.error}
                      </p>
                      {g.files.length > 0 ? (
                        <div className="mt-2 flex flex-wrap gap-2">
                          {g.files.map((file) =>
                            file.contentType.startsWith('image/') ? (
                              <a key={file.url} href={file.url} target="_blank" rel="noreferrer">
                                <img
                                  src={file.url}
                                  alt={file.label}
                                  loading="lazy"
                                  className="h-24 rounded ring-1 ring-slate-200"
                                />
                              </a>
                            ) : (
                              <a
                                key={file.url}
                                href={file.url}
                                target="_blank"
                                rel="noreferrer"
                                className="text-sm font-medium text-brand hover:underline"
                              >
                                {t('ai:history.openFile', { label: file.label })}
                              </a>
                            ),
                          )}
                        </div>
                      ) : null}
                      {/* Structured answers for other modules (a 3D room program) are not studio texts. */}
                      {g.kind === 'text' &&
                      g.outputText &&
                      (TEXT_TYPES as readonly string[]).includes(g.type) ? (
                        <Link
                          to={`/ki?reuse=${g.id}`}
                          className="text-sm font-medium text-brand hover:underline"
                        >
                          {t('ai:history.reuse')}
                        </Link>
                      ) : null}
                    </li>
                  ))}
                </ul>
                <Pagination list={data} onPage={setPage} />
              </>
            )
          }
        </QueryState>
      </Card>
    </div>
  );
}
