import type { Platform } from '../../../platform/kernel.js';
import type { ExposeSection } from '../../../platform/modules/module-manifest.js';
import { loadReportData } from './report-data.js';
import {
  COMPARABLE_HEADER,
  COMPARABLE_WIDTHS,
  comparableRow,
  DISCLAIMER,
  keyFigures,
  sourceLine,
} from './report-figures.js';

/** The exposé's "Marktanalyse" page, when the property's saved analysis is marked for it. */
export async function marketExposeSections(
  platform: Platform,
  tenantId: string,
  propertyId: string,
): Promise<ExposeSection[]> {
  const data = await loadReportData(platform, tenantId, propertyId);
  if (!data?.inExpose) return [];
  const shown = data.result.comparables.comparables.filter((c) => !c.outlier).slice(0, 8);
  return [
    {
      title: 'Marktanalyse',
      intro: `Einordnung des Objekts in den Markt: ${shown.length} vergleichbare Preise aus der Umgebung, an das Objekt angepasst (Lage, Größe, Baujahr, Zustand, Seeblick), und die daraus abgeleitete Wertspanne.`,
      facts: keyFigures(data),
      table:
        shown.length > 0
          ? { header: COMPARABLE_HEADER, rows: shown.map(comparableRow), widths: COMPARABLE_WIDTHS }
          : null,
      notes: [...data.result.comparables.sources.map((s) => `Quelle – ${sourceLine(s)}`), DISCLAIMER],
    },
  ];
}
