import { useQuery } from '@tanstack/react-query';
import { ScrollText } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client.js';
import { Card } from '../../../web/components/card.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { SelectField } from '../../../web/components/field.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { Pagination } from '../../../web/components/pagination.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { AuditEntry } from '../contract.js';

const ENTITIES = ['member', 'invitation', 'tenant_settings', 'job'] as const;
const PAGE_SIZE = 25;

const show = (value: unknown) =>
  value === null || value === undefined ? '–' : typeof value === 'string' ? value : JSON.stringify(value);

export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const [entity, setEntity] = useState('');
  const [page, setPage] = useState(1);
  const log = useQuery({
    queryKey: ['admin', 'audit', entity, page],
    queryFn: () =>
      api<{ items: AuditEntry[]; total: number; page: number; pageSize: number }>(
        `/admin/audit-log?page=${page}&pageSize=${PAGE_SIZE}${entity ? `&entity=${entity}` : ''}`,
      ),
  });
  const entityLabel = (e: string) =>
    (ENTITIES as readonly string[]).includes(e) ? t(`admin:audit.entities.${e}`) : e;
  const dateTime = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'de-DE', {
      dateStyle: 'medium',
      timeStyle: 'medium',
    });
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
            ...ENTITIES.map((e) => ({ value: e, label: entityLabel(e) })),
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
                            · {entityLabel(entry.entity)} · {entry.action}
                          </span>
                        </p>
                        {Object.keys(entry.changes).length > 0 ? (
                          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-xs text-slate-600">
                            {Object.entries(entry.changes).map(([field, change]) => (
                              <div key={field} className="contents">
                                <dt className="font-mono text-slate-500">{field}</dt>
                                <dd>
                                  <span className="text-red-700 line-through">{show(change.before)}</span> →{' '}
                                  <span className="text-emerald-700">{show(change.after)}</span>
                                </dd>
                              </div>
                            ))}
                          </dl>
                        ) : null}
                      </div>
                    </li>
                  ))}
                </ol>
                <Pagination page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
              </>
            )
          }
        </QueryState>
      </Card>
    </>
  );
}
