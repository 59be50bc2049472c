import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { Card } from '../../../web/components/card.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { NetworkReport, OfficeFigures } from '../contract.js';

const FIGURES: (keyof OfficeFigures)[] = [
  'newListings',
  'soldOrLet',
  'newContacts',
  'viewings',
  'activeListings',
];

/** "2027-03" → "März 2027". */
function monthLabel(month: string, lang: string) {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'de-DE', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T00:00:00Z`));
}

/** The network's figures: this month per office, and the last six months for the whole network. */
export function ReportTab({ networkId }: { networkId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const report = useQuery({
    queryKey: ['networks', networkId, 'report'],
    queryFn: () => api<NetworkReport>(`/networks/${networkId}/report`),
  });
  const n = (value: number) => formatNumber(value, lang, 0);
  return (
    <QueryState query={report}>
      {(data) => {
        const current = data.months.length - 1;
        return (
          <div className="space-y-6">
            <Card
              title={t('networks:report.thisMonth', { month: monthLabel(data.months[current] ?? '', lang) })}
            >
              <p className="mb-3 text-xs text-slate-500">{t('networks:report.hint')}</p>
              <div className="-mx-5 overflow-x-auto">
                <table className="min-w-full text-sm" data-testid="report-offices">
                  <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                    <tr>
                      <th className="px-4 py-2">{t('networks:report.officeCol')}</th>
                      {FIGURES.map((f) => (
                        <th key={f} className="px-4 py-2 text-right">
                          {t(`networks:report.${f}`)}
                        </th>
                      ))}
                      <th className="px-4 py-2 text-right">{t('networks:report.leadsRouted')}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {data.offices.map((office) => {
                      const figures = office.figures[current];
                      return (
                        <tr key={office.tenantId}>
                          <td className="whitespace-nowrap px-4 py-2 font-medium text-slate-900">
                            {office.name}
                          </td>
                          {figures ? (
                            FIGURES.map((f) => (
                              <td key={f} className="px-4 py-2 text-right tabular-nums">
                                {n(figures[f])}
                              </td>
                            ))
                          ) : (
                            <td
                              colSpan={FIGURES.length}
                              className="px-4 py-2 text-center text-xs text-slate-400"
                            >
                              {t('networks:report.notShared')}
                            </td>
                          )}
                          <td className="px-4 py-2 text-right tabular-nums">
                            {n(office.leadsRouted[current] ?? 0)}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                  <tfoot className="border-t border-slate-200 font-semibold">
                    <tr>
                      <td className="px-4 py-2">{t('networks:report.total')}</td>
                      {FIGURES.map((f) => (
                        <td key={f} className="px-4 py-2 text-right tabular-nums">
                          {n(data.totals[current]?.[f] ?? 0)}
                        </td>
                      ))}
                      <td className="px-4 py-2 text-right tabular-nums">
                        {n(data.totals[current]?.leadsRouted ?? 0)}
                      </td>
                    </tr>
                  </tfoot>
                </table>
              </div>
            </Card>
            <Card title={t('networks:report.trend')}>
              <div className="-mx-5 overflow-x-auto">
                <table className="min-w-full text-sm" data-testid="report-months">
                  <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                    <tr>
                      <th className="px-4 py-2">{t('networks:report.month')}</th>
                      {FIGURES.filter((f) => f !== 'activeListings').map((f) => (
                        <th key={f} className="px-4 py-2 text-right">
                          {t(`networks:report.${f}`)}
                        </th>
                      ))}
                      <th className="px-4 py-2 text-right">{t('networks:report.leadsRouted')}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {data.months.map((month, i) => (
                      <tr key={month}>
                        <td className="whitespace-nowrap px-4 py-2">{monthLabel(month, lang)}</td>
                        {FIGURES.filter((f) => f !== 'activeListings').map((f) => (
                          <td key={f} className="px-4 py-2 text-right tabular-nums">
                            {n(data.totals[i]?.[f] ?? 0)}
                          </td>
                        ))}
                        <td className="px-4 py-2 text-right tabular-nums">
                          {n(data.totals[i]?.leadsRouted ?? 0)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </Card>
          </div>
        );
      }}
    </QueryState>
  );
}
