import { useTranslation } from 'react-i18next';
import { formatCents, formatNumber } from '../../../platform/format/format-de.js';
import type { ComparableView } from '../contract.js';
import { kmAround, type Place, roundScaleKm } from '../domain/local-projection.js';

const SIZE = 400;
const HALF = SIZE / 2;

/**
 * The comparables around the property without map tiles (offline, no provider needed): north up,
 * true to scale, the property in the middle; darker means closer to the property's traits.
 */
export function ComparablesMap({ subject, rows }: { subject: Place | null; rows: ComparableView[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (!subject) return <p className="text-sm text-slate-500">{t('market:map.noCoordinates')}</p>;
  const points = rows
    .filter((c) => c.observation.latitude !== null && c.observation.longitude !== null)
    .map((c) => ({
      c,
      ...kmAround(subject, { latitude: c.observation.latitude!, longitude: c.observation.longitude! }),
    }));
  if (points.length === 0) return <p className="text-sm text-slate-500">{t('market:map.noPoints')}</p>;
  const reach = Math.max(0.5, ...points.map((p) => Math.max(Math.abs(p.x), Math.abs(p.y)))) * 1.1;
  const scale = (HALF - 12) / reach;
  const bar = roundScaleKm(reach / 2);
  return (
    <figure>
      <svg
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        className="mx-auto h-auto w-full max-w-md rounded-lg bg-slate-50"
        role="img"
        aria-label={t('market:map.label', { n: points.length })}
        data-testid="comparables-map"
      >
        {[1 / 3, 2 / 3, 1].map((ring) => (
          <circle key={ring} cx={HALF} cy={HALF} r={(HALF - 12) * ring} fill="none" stroke="#e2e8f0" />
        ))}
        {points.map(({ c, x, y }) => (
          <circle
            key={c.observation.id}
            cx={HALF + x * scale}
            cy={HALF - y * scale}
            r={5}
            fill={c.outlier ? 'none' : '#334155'}
            fillOpacity={c.outlier ? 1 : 0.25 + (0.65 * c.similarity) / 100}
            stroke={c.outlier ? '#64748b' : '#ffffff'}
            strokeWidth={c.outlier ? 1.5 : 1}
          >
            <title>
              {`${c.observation.postalCode} ${c.observation.city}, ${formatNumber(c.observation.livingArea, lang, 0)} m², ${formatCents(c.adjustedPricePerSqmCents, lang, { whole: true })}/m² ${t('market:map.adjusted')}, ${t('market:map.similarity', { n: formatNumber(c.similarity, lang, 0) })}${c.distanceKm === null ? '' : `, ${formatNumber(c.distanceKm, lang, 1)} km`}`}
            </title>
          </circle>
        ))}
        <rect x={HALF - 6} y={HALF - 6} width={12} height={12} fill="#0f766e" />
        <line x1={12} y1={SIZE - 14} x2={12 + bar * scale} y2={SIZE - 14} stroke="#0f172a" strokeWidth={2} />
        <text x={12} y={SIZE - 20} fontSize={11} fill="#0f172a">
          {formatNumber(bar, lang, 2)} km
        </text>
        <text x={SIZE - 20} y={20} fontSize={12} fill="#0f172a">
          N
        </text>
      </svg>
      <figcaption className="mt-1 text-center text-xs text-slate-500">{t('market:map.legend')}</figcaption>
    </figure>
  );
}
