import { useQuery } from '@tanstack/react-query';
import { ScrollText } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatDateTime, formatNumber } from '../../../platform/format/format-de.js';
import type { ListPage } from '../../../platform/http/page-schema.js';
import { api } from '../../../web/api/client.js';
import { fieldLabel } from '../../../web/api/error-message.js';
import { Card } from '../../../web/components/card.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { SelectField } from '../../../web/components/field.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { Pagination } from '../../../web/components/pagination.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { AuditEntry } from '../contract.js';

const PAGE_SIZE = 25;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-/i;

export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const [entity, setEntity] = useState('');
  const [page, setPage] = useState(1);
  const log = useQuery({
    queryKey: ['admin', 'audit', entity, page],
    queryFn: () =>
      api<ListPage<AuditEntry>>(
        `/admin/audit-log?page=${page}&pageSize=${PAGE_SIZE}${entity ? `&entity=${entity}` : ''}`,
      ),
  });
  const entities = useQuery({
    queryKey: ['admin', 'audit', 'entities'],
    queryFn: () => api<{ items: string[] }>('/admin/audit-log/entities'),
  });
  const lang = i18n.language;
  const entityLabel = (e: string) => t(`admin:audit.entities.${e}`, { defaultValue: e.replaceAll('_', ' ') });
  const actionLabel = (a: string) => t(`admin:audit.actions.${a}`, { defaultValue: a });
  const dateTime = (iso: string) => formatDateTime(iso, lang);
  /** A changed value as a broker reads it: labels for roles and states, local dates, no ids. */
  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '–';
    if (typeof value === 'boolean') return t(value ? 'admin:audit.yes' : 'admin:audit.no');
    if (typeof value === 'number') return formatNumber(value, lang);
    if (typeof value === 'string') {
      if (field === 'role') return t(`roles.${value}`, { defaultValue: value });
      if (ISO_INSTANT.test(value)) return formatDateTime(value, lang);
      if (ISO_DAY.test(value)) return formatDate(value, lang);
      if (UUID.test(value)) return '…';
      for (const key of [
        `crm:enum.status.${value}`,
        `crm:enum.${field}.${value}`,
        `admin:jobs.statuses.${value}`,
      ]) {
        const label = t(key, { defaultValue: '' });
        if (label) return label;
      }
      return value;
    }
    return Array.isArray(value) ? value.map((v) => show(field, v)).join(', ') : JSON.stringify(value);
  };
  return (
    <>
      <PageHeader title={t('admin:audit.title')} description={t('admin:audit.description')} />
      <div className="mb-4 max-w-xs">
        <SelectField
          label={t('admin:audit.filterEntity')}
          value={entity}
          onChange={(e) => {
            setEntity(e.target.value);
            setPage(1);
          }}
          options={[
            { value: '', label: t('admin:audit.allEntities') },
            ...(entities.data?.items ?? []).map((e) => ({ value: e, label: entityLabel(e) })),
          ]}
        />
      </div>
      <Card>
        <QueryState query={log}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState icon={ScrollText} title={t('admin:audit.empty')} />
            ) : (
              <>
                <ol className="-mt-2 divide-y divide-slate-100">
                  {data.items.map((entry) => (
                    <li key={entry.id} className="grid gap-2 py-3 text-sm md:grid-cols-[12rem_1fr]">
                      <div className="text-slate-500">
                        <time dateTime={entry.createdAt}>{dateTime(entry.createdAt)}</time>
                        <div className="text-xs">{entry.ipAddress ?? ''}</div>
                      </div>
                      <div>
                        <p>
                          <span className="font-medium text-slate-900">
                            {entry.userName ?? t('admin:audit.system')}
                          </span>{' '}
                          <span className="text-slate-600">
                            · {entityLabel(entry.entity)}
                            {entry.subject ? (
                              <>
                                {' '}
                                {entry.subject.path ? (
                                  <Link className="font-medium text-brand underline" to={entry.subject.path}>
                                    {entry.subject.label}
                                  </Link>
                                ) : (
                                  <span className="font-medium">{entry.subject.label}</span>
                                )}
                              </>
                            ) : null}{' '}
                            · {actionLabel(entry.action)}
                          </span>
                        </p>
                        {Object.keys(entry.changes).length > 0 ? (
                          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-xs text-slate-600">
                            {Object.entries(entry.changes).map(([field, change]) => (
                              <div key={field} className="contents">
                                <dt className="text-slate-500">{fieldLabel(field, t) || field}</dt>
                                <dd>
                                  <span className="text-red-700 line-through">
                                    {show(field, change.before)}
                                  </span>{' '}
                                  → <span className="text-emerald-700">{show(field, change.after)}</span>
                                </dd>
                              </div>
                            ))}
                          </dl>
                        ) : null}
                      </div>
                    </li>
                  ))}
                </ol>
                <Pagination list={data} onPage={setPage} />
              </>
            )
          }
        </QueryState>
      </Card>
    </>
  );
}
