import PDFDocument from 'pdfkit';
import { formatDate, formatNumber, formatPercent, winAnsi } from '../../../platform/format/format-de.js';
import {
  A4,
  CONTENT_WIDTH,
  ensureSpace,
  FOOTER_Y,
  heading,
  INK,
  MARGIN,
  MUTED,
  paragraph,
  pdfBytes,
  printableLogo,
  table,
  tiles,
} from '../../../platform/render/pdf-blocks.js';
import { stampPageFooters } from '../../../platform/render/pdf-page-footer.js';
import { OBJECT_TYPE_LABELS_DE } from '../../crm/domain/labels-de.js';
import type { ValuationView } from '../contract.js';
import { stepValue } from '../domain/step-value.js';
import { comparablesMap } from './comparables-map-pdf.js';
import type { MarketReportData } from './report-data.js';
import {
  COMPARABLE_HEADER,
  COMPARABLE_WIDTHS,
  comparableRow,
  DISCLAIMER,
  euroRange,
  euros,
  keyFigures,
  sourceLine,
} from './report-figures.js';

const METHOD_TITLES: Record<ValuationView['method'], string> = {
  vergleichswert: 'Vergleichswert (§§ 24–26 ImmoWertV)',
  ertragswert: 'Ertragswert (§§ 27–34 ImmoWertV)',
  sachwert: 'Sachwert (§§ 35–39 ImmoWertV)',
};

function valuationSteps(doc: PDFKit.PDFDocument, valuation: ValuationView, colour: string) {
  heading(doc, METHOD_TITLES[valuation.method], colour);
  table(
    doc,
    ['Schritt', 'Grundlage', 'Wert'],
    valuation.steps.map((s) => [
      `${s.operation ? `${s.operation} ` : ''}${s.label}${s.detail ? `\n${s.detail}` : ''}`,
      s.basis ?? '',
      stepValue(s),
    ]),
    [130, 110],
  );
  for (const warning of valuation.warnings)
    paragraph(doc, `Hinweis: ${warning}`, { size: 9, colour: '#92400e' });
}

/**
 * The branded market report of one property (A4): key figures, the property, a map and a table of
 * the comparables, every valuation step, the statistical estimate, the town's price trend and
 * the sources with their licences.
 */
export async function renderMarketReport(data: MarketReportData): Promise<Buffer> {
  const colour = /^#[0-9a-f]{6}$/i.test(data.office.primaryColor) ? data.office.primaryColor : '#0f766e';
  const subject = data.input.query.subject;
  const { comparables } = data.result;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: 60, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: `Marktbericht – ${data.property.title}`,
      Author: data.office.name,
      Subject: `Objekt ${data.property.externalId}`,
    },
  });
  const done = pdfBytes(doc);
  const logo = await printableLogo(data.office.logo);

  doc.rect(0, 0, A4.width, 8).fill(colour);
  if (logo) doc.image(logo, MARGIN, 24, { fit: [140, 44] });
  doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .fillColor('#334155')
    .text(data.office.name, MARGIN, 30, { width: CONTENT_WIDTH, align: 'right' });
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor(MUTED)
    .text(`Stand ${formatDate(data.updatedAt)}`, { width: CONTENT_WIDTH, align: 'right' });
  doc
    .font('Helvetica-Bold')
    .fontSize(22)
    .fillColor(INK)
    .text('Marktbericht', MARGIN, 88, { width: CONTENT_WIDTH });
  doc
    .font('Helvetica')
    .fontSize(12)
    .fillColor('#334155')
    .text(
      winAnsi(
        `${data.property.title} · Objekt-Nr. ${data.property.externalId} · ${data.property.postalCode} ${data.property.city}${data.property.district ? ` (${data.property.district})` : ''}`,
      ),
      { width: CONTENT_WIDTH },
    );
  doc.moveDown(1);
  tiles(
    doc,
    [
      [
        'Vergleichswert',
        euros(comparables.vergleichswert?.valueCents ?? null),
        `Spanne ${euroRange(comparables.summary.lowCents, comparables.summary.highCents)}`,
      ],
      [
        'Statistische Schätzung',
        euros(comparables.estimate?.priceCents ?? null),
        comparables.estimate
          ? `aus ${formatNumber(comparables.estimate.observations, 'de', 0)} Preisen`
          : 'zu wenig Daten',
      ],
      [
        'Vergleichsobjekte',
        formatNumber(comparables.summary.used, 'de', 0),
        `${comparables.summary.outliers} Ausreißer`,
      ],
    ],
    colour,
  );

  heading(doc, 'Objekt und Ergebnisse', colour);
  table(
    doc,
    ['Merkmal', 'Wert'],
    [
      [
        'Objektart',
        `${OBJECT_TYPE_LABELS_DE[subject.objectType] ?? subject.objectType} (${subject.marketingType === 'kauf' ? 'Kauf' : 'Miete'})`,
      ],
      ['Zimmer', subject.rooms === null ? '–' : formatNumber(subject.rooms, 'de', 1)],
      ['Baujahr', subject.yearBuilt === null ? '–' : String(subject.yearBuilt)],
      ['Seeblick', subject.lakeView ? 'ja' : 'nein'],
      ...keyFigures(data),
    ],
    [230],
  );

  ensureSpace(doc, 320);
  heading(doc, 'Vergleichsobjekte', colour);
  const mapped = comparablesMap(doc, subject, comparables.comparables, colour);
  if (!mapped)
    paragraph(doc, 'Ohne Koordinaten des Objekts lässt sich keine Karte zeichnen.', {
      size: 9,
      colour: MUTED,
    });
  doc.moveDown(0.8);
  table(doc, COMPARABLE_HEADER, comparables.comparables.slice(0, 25).map(comparableRow), COMPARABLE_WIDTHS);
  if (comparables.comparables.length > 25)
    paragraph(doc, `… und ${comparables.comparables.length - 25} weitere in der Anwendung.`, {
      size: 9,
      colour: MUTED,
    });

  for (const valuation of [comparables.vergleichswert, data.result.ertragswert, data.result.sachwert])
    if (valuation) valuationSteps(doc, valuation, colour);
  if (!comparables.vergleichswert && comparables.vergleichswertError)
    paragraph(doc, `Kein Vergleichswert: ${comparables.vergleichswertError}`, { colour: '#92400e' });

  if (comparables.estimate) {
    const e = comparables.estimate;
    heading(doc, 'Statistische Schätzung (hedonische Regression)', colour);
    paragraph(
      doc,
      `${euros(e.pricePerSqmCents)} je m², 90-%-Vorhersageintervall ${euroRange(e.lowPerSqmCents, e.highPerSqmCents)} je m²; geschätzt aus ${formatNumber(e.observations, 'de', 0)} Preisen des Marktdatenbestands.`,
    );
    if (e.contributions.length > 0) {
      doc.moveDown(0.4);
      table(
        doc,
        ['Merkmal', 'Einfluss auf den Preis'],
        e.contributions.map((c) => [c.label, formatPercent(c.percent, 'de', 1)]),
        [160],
      );
    }
  }

  const trends = data.trends?.points.filter((p) => p.count > 0) ?? [];
  if (trends.length > 0) {
    heading(doc, `Preisentwicklung ${subject.city} (€/m², je Jahr)`, colour);
    table(
      doc,
      ['Jahr', 'Preisart', 'Median', 'mittlere 50 %', 'Anzahl'],
      trends.map((p) => [
        p.period,
        p.priceKind === 'verkauf' ? 'Kaufpreis' : 'Angebot',
        euros(p.medianPerSqmCents),
        euroRange(p.q1PerSqmCents, p.q3PerSqmCents),
        formatNumber(p.count, 'de', 0),
      ]),
      [70, 70, 130, 50],
    );
  }

  if (data.demand) {
    heading(doc, 'Nachfrage im Umfeld (letzte 12 Monate)', colour);
    paragraph(
      doc,
      'Suchaufträge, Anfragen und Besichtigungen des Büros für diese Objekt- und Vermarktungsart je Postleitzahlgebiet, gegenüber den Angeboten im Marktdatenbestand; Nachfrage je Angebot „–“, wo nichts angeboten wird.',
      { size: 9, colour: MUTED },
    );
    table(
      doc,
      ['PLZ und Ort', 'Entfernung', 'Suchaufträge', 'Anfragen', 'Besichtig.', 'Angebote', 'je Angebot'],
      data.demand.areas.map((a) => [
        `${a.postalCode} ${a.town}`,
        a.distanceKm === null ? '–' : `${formatNumber(a.distanceKm, 'de', 1)} km`,
        formatNumber(a.searches, 'de', 1),
        formatNumber(a.inquiries, 'de', 0),
        formatNumber(a.viewings, 'de', 0),
        formatNumber(a.supply, 'de', 0),
        a.demandPerOffer === null ? '–' : formatNumber(a.demandPerOffer, 'de', 1),
      ]),
      [62, 72, 58, 62, 58, 62],
    );
  }

  heading(doc, 'Quellen und Lizenzen', colour);
  const sources = new Map(
    [...comparables.sources, ...(data.trends?.sources ?? []), ...(data.demand?.sources ?? [])].map((s) => [
      s.name,
      s,
    ]),
  );
  for (const s of sources.values()) paragraph(doc, sourceLine(s), { size: 9 });
  doc.moveDown(0.6);
  ensureSpace(doc, 40);
  paragraph(doc, DISCLAIMER, { size: 8.5, colour: MUTED });
  if (data.office.imprintUrl)
    paragraph(doc, `Impressum: ${data.office.imprintUrl}`, { size: 8.5, colour: MUTED });

  stampPageFooters(
    doc,
    (page, pages) =>
      `${data.office.name} · Marktbericht ${data.property.externalId} · Seite ${page} von ${pages}`,
    { x: MARGIN, y: FOOTER_Y, width: CONTENT_WIDTH },
  );
  doc.end();
  return done;
}
