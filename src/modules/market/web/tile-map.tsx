import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../platform/format/format-de.js';
import { areaColour, areaRadius, type DemandArea } from './demand-scale.js';

/** The areas on a Leaflet map with the tiles the server is configured for (MAP_TILE_URL). */
export default function TileMap({
  areas,
  tiles,
  onSelect,
}: {
  areas: DemandArea[];
  tiles: { url: string; attribution: string };
  onSelect: (code: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current || areas.length === 0) return;
    const map = L.map(element.current, { scrollWheelZoom: false });
    L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 18 }).addTo(map);
    const maxDemand = Math.max(...areas.map((a) => a.demand));
    for (const a of [...areas].sort((x, y) => x.demand - y.demand))
      L.circleMarker([a.latitude, a.longitude], {
        radius: areaRadius(a, maxDemand),
        color: '#ffffff',
        weight: 1,
        fillColor: areaColour(a),
        fillOpacity: 0.75,
      })
        .bindTooltip(
          `${a.postalCode} ${a.town}: ${t('market:demand.tooltip', {
            demand: formatNumber(a.demand, i18n.language, 1),
            supply: formatNumber(a.supply, i18n.language, 0),
          })}`,
        )
        .on('click', () => onSelect(a.postalCode))
        .addTo(map);
    map.fitBounds(L.latLngBounds(areas.map((a) => [a.latitude, a.longitude])), { padding: [20, 20] });
    return () => {
      map.remove();
    };
  }, [areas, tiles, onSelect, t, i18n.language]);
  return <div ref={element} className="h-[28rem] w-full rounded-lg" data-testid="demand-map" />;
}
