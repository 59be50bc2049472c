import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatArea, formatCents, formatDate, formatNumber } from '../../../platform/format/format-de.js';
import { Button } from '../../../web/components/button.js';
import type { ComparableView } from '../contract.js';

type SortKey = 'similarity' | 'distance' | 'perSqm' | 'adjusted' | 'date';

const sortValue: Record<SortKey, (c: ComparableView) => number | string> = {
  similarity: (c) => -c.similarity,
  distance: (c) => c.distanceKm ?? Number.POSITIVE_INFINITY,
  perSqm: (c) => c.pricePerSqmCents,
  adjusted: (c) => c.adjustedPricePerSqmCents,
  date: (c) => c.observation.observedOn,
};

/** Semicolons and German decimals, so Excel in Germany opens it as columns. */
function toCsv(rows: ComparableView[], lang: string): string {
  const n = (v: number | null, d = 2) => (v === null ? '' : formatNumber(v, lang, d).replace(/\./g, ''));
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const header = [
    'Ort',
    'PLZ',
    'Preisart',
    'Datum',
    'Wohnfläche m²',
    'Baujahr',
    'Zustand',
    'Seeblick',
    'Entfernung km',
    'Ähnlichkeit',
    'Preis €',
    '€/m²',
    'angepasst €/m²',
    'Anpassungen',
    'Ausreißer',
    'Quelle',
  ];
  const lines = rows.map((c) =>
    [
      quote(c.observation.city),
      c.observation.postalCode,
      c.observation.priceKind === 'verkauf' ? 'Verkauf' : 'Angebot',
      formatDate(c.observation.observedOn, 'de'),
      n(c.observation.livingArea),
      c.observation.yearBuilt ?? '',
      quote(c.observation.condition ?? ''),
      c.observation.lakeView ? 'ja' : 'nein',
      n(c.distanceKm),
      c.similarity,
      n(c.observation.priceCents / 100),
      n(c.pricePerSqmCents / 100),
      n(c.adjustedPricePerSqmCents / 100),
      quote(c.adjustments.map((a) => `${a.label} ${n(a.percent, 1)} % (${a.difference})`).join('; ')),
      c.outlier ? 'ja' : 'nein',
      quote(c.observation.datasetName),
    ].join(';'),
  );
  return `\uFEFF${[header.join(';'), ...lines].join('\r\n')}`;
}

function download(text: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

export function ComparablesTable({ rows }: { rows: ComparableView[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [sort, setSort] = useState<SortKey>('similarity');
  const sorted = [...rows].sort((a, b) => {
    const x = sortValue[sort](a);
    const y = sortValue[sort](b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const head = (key: SortKey, label: string, className = '') => (
    <th className={`py-1.5 pr-2 font-medium ${className}`} aria-sort={sort === key ? 'ascending' : undefined}>
      <button
        type="button"
        className={`hover:text-slate-900 ${sort === key ? 'text-brand' : ''}`}
        onClick={() => setSort(key)}
        title={t('market:table.sortBy', { column: label })}
      >
        {label}
        {sort === key ? ' ▲' : ''}
      </button>
    </th>
  );
  return (
    <div>
      <div className="mb-2 flex justify-end">
        <Button variant="secondary" onClick={() => download(toCsv(sorted, lang), 'vergleichsobjekte.csv')}>
          {t('market:table.csv')}
        </Button>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[44rem] text-sm" data-testid="comparables">
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
              <th className="py-1.5 pr-2 font-medium">{t('market:table.object')}</th>
              {head('similarity', t('market:table.similarity'))}
              {head('distance', t('market:table.distance'))}
              {head('date', t('market:table.date'))}
              {head('perSqm', t('market:table.perSqm'), 'text-right')}
              {head('adjusted', t('market:table.adjusted'), 'text-right')}
              <th className="py-1.5 font-medium">{t('market:table.adjustments')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((c) => (
              <tr
                key={c.observation.id}
                className={`border-b border-slate-100 align-top ${c.outlier ? 'text-slate-400 line-through decoration-slate-300' : ''}`}
              >
                <td className="py-1.5 pr-2">
                  <span className="font-medium">{c.observation.city}</span>{' '}
                  <span className="text-xs text-slate-500">
                    {formatArea(c.observation.livingArea, lang)} · {c.observation.yearBuilt ?? '–'} ·{' '}
                    {c.observation.priceKind === 'verkauf'
                      ? t('market:table.sold')
                      : t('market:table.asking')}
                    {c.observation.own ? ` · ${t('market:table.own')}` : ''}
                    {c.outlier ? ` · ${t('market:table.outlier')}` : ''}
                  </span>
                  <span className="block text-xs text-slate-500">
                    {formatCents(c.observation.priceCents, lang, { whole: true })}
                  </span>
                </td>
                <td className="py-1.5 pr-2 tabular-nums">{c.similarity}</td>
                <td className="py-1.5 pr-2 tabular-nums">
                  {c.distanceKm === null ? '–' : `${formatNumber(c.distanceKm, lang, 1)} km`}
                </td>
                <td className="py-1.5 pr-2 tabular-nums">{formatDate(c.observation.observedOn, lang)}</td>
                <td className="py-1.5 pr-2 text-right tabular-nums">
                  {formatCents(c.pricePerSqmCents, lang, { whole: true })}
                </td>
                <td className="py-1.5 pr-2 text-right font-medium tabular-nums">
                  {formatCents(c.adjustedPricePerSqmCents, lang, { whole: true })}
                </td>
                <td className="py-1.5 text-xs text-slate-600">
                  {c.adjustments.map((a) => (
                    <span key={a.key} className="block" title={a.difference}>
                      {a.label} {a.percent > 0 ? '+' : ''}
                      {formatNumber(a.percent, lang, 1)} %{' '}
                      <span className="text-slate-400">({a.difference})</span>
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
