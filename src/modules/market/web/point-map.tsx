import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../platform/format/format-de.js';
import { areaColour, areaRadius, type DemandArea } from './demand-scale.js';

const WIDTH = 800;
const HEIGHT = 460;
const PAD = 30;

/**
 * The areas drawn from their postal-code points alone, without map tiles: for offline installs,
 * tests and servers without a tile provider. North up, distances true to scale.
 */
export function PointMap({ areas, onSelect }: { areas: DemandArea[]; onSelect: (code: string) => void }) {
  const { t, i18n } = useTranslation();
  if (areas.length === 0) return null;
  const lats = areas.map((a) => a.latitude);
  const lngs = areas.map((a) => a.longitude);
  const [minLat, maxLat, minLng, maxLng] = [
    Math.min(...lats),
    Math.max(...lats),
    Math.min(...lngs),
    Math.max(...lngs),
  ];
  const cos = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLng - minLng) * cos, 0.01);
  const spanY = Math.max(maxLat - minLat, 0.01);
  const scale = Math.min((WIDTH - 2 * PAD) / spanX, (HEIGHT - 2 * PAD) / spanY);
  const x = (lng: number) => PAD + (lng - minLng) * cos * scale;
  const y = (lat: number) => HEIGHT - PAD - (lat - minLat) * scale;
  const maxDemand = Math.max(...areas.map((a) => a.demand));
  // The busiest code of each of the eight busiest towns gets the town's name.
  const towns = new Set<string>();
  const labelled = new Set<string>();
  for (const a of areas.filter((area) => area.demand > 0)) {
    if (towns.size >= 8 || towns.has(a.town)) continue;
    towns.add(a.town);
    labelled.add(a.postalCode);
  }
  // Quiet areas first, so the busy ones are drawn on top.
  const ordered = [...areas].sort((a, b) => a.demand - b.demand);
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      className="h-auto w-full rounded-lg bg-slate-50"
      role="img"
      aria-label={t('market:demand.mapLabel')}
      data-testid="demand-map"
    >
      {ordered.map((a) => (
        <a
          key={a.postalCode}
          href={`#area-${a.postalCode}`}
          aria-label={`${a.postalCode} ${a.town}`}
          onClick={(e) => {
            e.preventDefault();
            onSelect(a.postalCode);
          }}
        >
          <circle
            cx={x(a.longitude)}
            cy={y(a.latitude)}
            r={areaRadius(a, maxDemand)}
            fill={areaColour(a)}
            fillOpacity={a.demand > 0 || a.supply > 0 ? 0.75 : 0.9}
            stroke="#ffffff"
            strokeWidth={1}
          >
            <title>
              {`${a.postalCode} ${a.town}: ${t('market:demand.tooltip', {
                demand: formatNumber(a.demand, i18n.language, 1),
                supply: formatNumber(a.supply, i18n.language, 0),
              })}`}
            </title>
          </circle>
        </a>
      ))}
      {areas
        .filter((a) => labelled.has(a.postalCode))
        .map((a) => (
          <text
            key={`label-${a.postalCode}`}
            x={x(a.longitude) + areaRadius(a, maxDemand) + 3}
            y={y(a.latitude) + 4}
            fontSize={13}
            fill="#0f172a"
            className="pointer-events-none"
          >
            {a.town}
          </text>
        ))}
    </svg>
  );
}
