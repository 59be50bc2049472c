import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { Badge } from '../../../web/components/badge.js';
import { Card } from '../../../web/components/card.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { OperatorLog } from '../contract.js';

/** The operators' own log: every request they made here, refused ones too. */
export function LogTab() {
  const { t, i18n } = useTranslation();
  const log = useQuery({
    queryKey: ['superadmin', 'log'],
    queryFn: () => api<OperatorLog>('/superadmin/log?limit=200'),
  });
  return (
    <Card>
      <QueryState query={log}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="py-8 text-center text-sm text-slate-500">{t('superadmin:log.empty')}</p>
          ) : (
            <div className="-mx-5 overflow-x-auto">
              <table className="min-w-full text-sm" data-testid="operator-log">
                <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
                  <tr>
                    <th className="px-5 py-2 font-medium">{t('superadmin:log.at')}</th>
                    <th className="px-3 py-2 font-medium">{t('superadmin:log.who')}</th>
                    <th className="px-3 py-2 font-medium">{t('superadmin:log.request')}</th>
                    <th className="px-5 py-2 font-medium">{t('superadmin:log.status')}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {data.items.map((row) => (
                    <tr key={`${row.at}-${row.path}-${row.method}`}>
                      <td className="whitespace-nowrap px-5 py-2">{formatDateTime(row.at, i18n.language)}</td>
                      <td className="px-3 py-2">{row.userEmail}</td>
                      <td className="px-3 py-2">
                        <code className="text-xs">
                          {row.method} {row.path}
                        </code>
                      </td>
                      <td className="px-5 py-2">
                        <Badge tone={row.statusCode.startsWith('2') ? 'green' : 'red'}>
                          {row.statusCode}
                        </Badge>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </Card>
  );
}
