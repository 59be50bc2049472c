import { formatNumber } from '../../../platform/format/format-de.js';
import { CONTENT_WIDTH, ensureSpace, INK, MARGIN, MUTED } from '../../../platform/render/pdf-blocks.js';
import type { ComparableView } from '../contract.js';
import { kmAround, roundScaleKm } from '../domain/local-projection.js';

/**
 * The comparables around the property as a drawn map without tiles (reports print offline):
 * north up, distances true to scale, the property in the middle, outliers hollow.
 */
export function comparablesMap(
  doc: PDFKit.PDFDocument,
  subject: { latitude: number | null; longitude: number | null },
  comparables: ComparableView[],
  colour: string,
): boolean {
  if (subject.latitude === null || subject.longitude === null) return false;
  const centre = { latitude: subject.latitude, longitude: subject.longitude };
  const points = comparables
    .filter((c) => c.observation.latitude !== null && c.observation.longitude !== null)
    .map((c) => ({
      ...kmAround(centre, { latitude: c.observation.latitude!, longitude: c.observation.longitude! }),
      outlier: c.outlier,
    }));
  if (points.length === 0) return false;
  const reach = Math.max(0.5, ...points.map((p) => Math.max(Math.abs(p.x), Math.abs(p.y)))) * 1.1;
  const height = 230;
  ensureSpace(doc, height + 30);
  const top = doc.y + 4;
  const centreX = MARGIN + CONTENT_WIDTH / 2;
  const centreY = top + height / 2;
  const scale = height / 2 / reach;
  doc.rect(MARGIN, top, CONTENT_WIDTH, height).fill('#f8fafc');
  doc.lineWidth(0.4).strokeColor('#e2e8f0');
  for (const ring of [0.33, 0.66, 1]) doc.circle(centreX, centreY, (height / 2) * ring).stroke();
  for (const p of points) {
    const x = centreX + p.x * scale;
    const y = centreY - p.y * scale;
    if (p.outlier) doc.circle(x, y, 3).lineWidth(0.8).stroke(MUTED);
    else doc.circle(x, y, 3).fillOpacity(0.75).fill('#475569').fillOpacity(1);
  }
  doc.rect(centreX - 5, centreY - 5, 10, 10).fill(colour);
  const bar = roundScaleKm(reach / 2);
  const barWidth = bar * scale;
  const barY = top + height - 14;
  doc
    .moveTo(MARGIN + 10, barY)
    .lineTo(MARGIN + 10 + barWidth, barY)
    .lineWidth(1.5)
    .stroke(INK);
  doc
    .font('Helvetica')
    .fontSize(8)
    .fillColor(INK)
    .text(`${formatNumber(bar, 'de', 2)} km`, MARGIN + 10, barY - 11, { lineBreak: false });
  const northX = MARGIN + CONTENT_WIDTH - 18;
  doc
    .polygon([northX, top + 8], [northX - 4, top + 18], [northX + 4, top + 18])
    .fill(INK)
    .fillColor(INK)
    .text('N', northX - 3, top + 20, { lineBreak: false });
  doc
    .fontSize(8)
    .fillColor(MUTED)
    .text(
      'Quadrat: bewertetes Objekt · Punkt: Vergleichspreis · Kreis: Ausreißer (nicht berücksichtigt) · Ringe im Abstand eines Drittels der Reichweite',
      MARGIN,
      top + height + 4,
      { width: CONTENT_WIDTH },
    );
  doc.x = MARGIN;
  return true;
}
