import { DateTime } from 'luxon';
import PDFDocument from 'pdfkit';
import { formatDate, formatNumber, winAnsi } from '../../../platform/format/format-de.js';
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
  table,
  tiles,
} from '../../../platform/render/pdf-blocks.js';
import { stampPageFooters } from '../../../platform/render/pdf-page-footer.js';
import type { OwnerReportData } from './owner-report-data.js';

/** The period's last day: the period ends at midnight, which belongs to the next day. */
export const periodText = (period: { from: Date; to: Date }) =>
  `${formatDate(period.from)} – ${formatDate(new Date(period.to.getTime() - 1))}`;

const weekLabel = (isoMonday: string) => `KW ${DateTime.fromISO(isoMonday).weekNumber}`;

/** Viewings per calendar week as bars (vector, so it prints sharp at any size). */
function weekChart(doc: PDFKit.PDFDocument, weeks: { week: string; viewings: number }[], colour: string) {
  const height = 90;
  ensureSpace(doc, height + 30);
  const top = doc.y + 6;
  const max = Math.max(1, ...weeks.map((w) => w.viewings));
  const slot = CONTENT_WIDTH / Math.max(weeks.length, 1);
  const barWidth = Math.min(36, slot * 0.6);
  doc
    .moveTo(MARGIN, top + height)
    .lineTo(MARGIN + CONTENT_WIDTH, top + height)
    .lineWidth(0.5)
    .stroke('#cbd5e1');
  weeks.forEach((w, i) => {
    const h = (w.viewings / max) * (height - 14);
    const x = MARGIN + i * slot + (slot - barWidth) / 2;
    if (h > 0) doc.rect(x, top + height - h, barWidth, h).fill(colour);
    doc
      .font('Helvetica-Bold')
      .fontSize(8)
      .fillColor(INK)
      .text(String(w.viewings), x - 6, top + height - h - 11, { width: barWidth + 12, align: 'center' });
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(MUTED)
      .text(weekLabel(w.week), x - 10, top + height + 4, { width: barWidth + 20, align: 'center' });
  });
  doc.y = top + height + 20;
  doc.x = MARGIN;
}

/**
 * The owner report (Eigentümerbericht) as an A4 PDF: key figures of the period, marketing status,
 * inquiries by channel, portals, viewings with the visitors' feedback, and the broker's assessment.
 */
export async function renderOwnerReportPdf(data: OwnerReportData, createdAt = new Date()): Promise<Buffer> {
  const colour = /^#[0-9a-f]{6}$/i.test(data.office.primaryColor) ? data.office.primaryColor : '#0f766e';
  const p = data.property;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: 60, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: `Eigentümerbericht – ${p.title}`,
      Author: data.office.name,
      Subject: `Objekt ${p.externalId}, ${periodText(data.period)}`,
    },
  });
  const done = pdfBytes(doc);

  doc.rect(0, 0, A4.width, 8).fill(colour);
  doc.font('Helvetica-Bold').fontSize(11).fillColor('#334155').text(data.office.name, MARGIN, 28, {
    width: CONTENT_WIDTH,
    align: 'right',
  });
  doc.font('Helvetica-Bold').fontSize(22).fillColor(colour).text('Eigentümerbericht', MARGIN, 56);
  doc
    .moveDown(0.2)
    .font('Helvetica-Bold')
    .fontSize(14)
    .fillColor(INK)
    .text(winAnsi(p.title), { width: CONTENT_WIDTH });
  doc
    .moveDown(0.2)
    .font('Helvetica')
    .fontSize(10)
    .fillColor('#475569')
    .text(winAnsi(`Objekt-Nr. ${p.externalId} · ${p.address}`), { width: CONTENT_WIDTH })
    .text(`Berichtszeitraum ${periodText(data.period)} · erstellt am ${formatDate(createdAt)}`);
  doc.moveDown(1);

  const v = data.viewings;
  tiles(
    doc,
    [
      ['Anfragen', String(data.inquiries.period), `im Zeitraum · ${data.inquiries.total} insgesamt`],
      ['Exposé-Abrufe', String(data.exposes.period), `im Zeitraum · ${data.exposes.total} insgesamt`],
      v
        ? ['Besichtigungen', String(v.inPeriod), `im Zeitraum · ${v.total} insgesamt`]
        : [
            'Portale online',
            String(data.portals.filter((x) => x.onlineSince).length),
            `von ${data.portals.length} gewählten`,
          ],
      v
        ? [
            'Ø Interesse',
            v.averageInterest === null ? '–' : `${formatNumber(v.averageInterest, 'de', 1)} / 5`,
            `aus ${v.feedbacks} Rückmeldungen`,
          ]
        : ['Vermarktet seit', p.marketedSince ? formatDate(p.marketedSince) : '–', p.status],
    ],
    colour,
  );

  heading(doc, 'Vermarktungsstand', colour);
  const since = p.marketedSince
    ? `seit ${formatDate(p.marketedSince)} (${Math.max(0, Math.floor((data.period.to.getTime() - p.marketedSince.getTime()) / 86_400_000))} Tage)`
    : 'noch nicht veröffentlicht';
  table(
    doc,
    ['Angabe', 'Stand'],
    [
      ['Status', p.status],
      ['Preis', p.price],
      ['Am Markt', since],
      ...p.facts.filter(([k]) => k !== 'Objektnummer'),
    ],
    [300],
  );

  heading(doc, 'Anfragen nach Kanal', colour);
  if (data.inquiries.byChannel.length === 0) paragraph(doc, 'Bisher sind keine Anfragen eingegangen.');
  else
    table(
      doc,
      ['Kanal', 'Im Zeitraum', 'Insgesamt'],
      data.inquiries.byChannel.map((c) => [c.channel, String(c.period), String(c.total)]),
      [100, 100],
    );
  doc.moveDown(0.4);
  paragraph(
    doc,
    `Das vollständige Exposé haben ${data.exposes.total} Interessenten nach Bestätigung der Provisions- und Widerrufshinweise geöffnet (${data.exposes.views} Abrufe insgesamt).`,
    { size: 9, colour: MUTED },
  );

  heading(doc, 'Portale', colour);
  if (data.portals.length === 0) paragraph(doc, 'Das Objekt ist noch auf keinem Portal veröffentlicht.');
  else
    table(
      doc,
      ['Portal', 'Status', 'Online seit'],
      data.portals.map((x) => [
        x.name,
        x.error ? `${x.state}: ${x.error}` : x.state,
        x.onlineSince ? formatDate(x.onlineSince) : '–',
      ]),
      [210, 90],
    );
  doc.moveDown(0.4);
  paragraph(
    doc,
    'Aufrufzahlen der Portale: Die angebundenen Schnittstellen (ImmoScout24-Import/Export, OpenImmo-Übertragung) liefern keine Aufrufstatistik. Wir nennen deshalb nur, was wir selbst messen: Anfragen und Exposé-Abrufe.',
    { size: 9, colour: MUTED },
  );

  if (v && v.total === 0) {
    heading(doc, 'Besichtigungen', colour);
    paragraph(doc, 'Bisher hat keine Besichtigung stattgefunden und keine ist geplant.');
  } else if (v) {
    heading(doc, 'Besichtigungen', colour);
    table(
      doc,
      ['Kennzahl', 'Insgesamt'],
      [
        ['Termine (davon durchgeführt)', `${v.total} (${v.held})`],
        ['Angemeldete Besucher', String(v.visitors)],
        ['Erschienen (eingecheckt)', String(v.checkIns)],
        ['Nicht erschienen', String(v.noShows)],
        ['Wünschen ein Angebot / zweite Besichtigung', `${v.wantsOffer} / ${v.wantsSecondViewing}`],
        [
          'Preis-Einschätzung: zu hoch / angemessen / günstig',
          `${v.priceOpinions.zu_hoch} / ${v.priceOpinions.angemessen} / ${v.priceOpinions.guenstig}`,
        ],
      ],
      [120],
    );
    if (v.weeks.some((w) => w.viewings > 0)) {
      doc.moveDown(0.6);
      // The caption goes with its chart onto the next page rather than sitting alone at the bottom.
      ensureSpace(doc, 140);
      doc
        .font('Helvetica-Bold')
        .fontSize(10)
        .fillColor('#334155')
        .text('Besichtigungstermine je Kalenderwoche');
      weekChart(doc, v.weeks, colour);
    }
    if (v.missingNotes.length > 0) {
      doc.moveDown(0.4);
      ensureSpace(doc, 40);
      doc
        .font('Helvetica-Bold')
        .fontSize(10)
        .fillColor('#334155')
        .text('Was Besuchern gefehlt hat (anonym)', MARGIN, doc.y);
      for (const note of v.missingNotes) paragraph(doc, `„${note}“`, { size: 9.5 });
    }
  }

  if (data.hints.length > 0 || data.assessment) {
    heading(doc, 'Einschätzung und Preisempfehlung', colour);
    for (const hint of data.hints) paragraph(doc, `• ${hint}`);
    if (data.hints.length > 0 && data.assessment) doc.moveDown(0.5);
    if (data.assessment) paragraph(doc, data.assessment);
  }

  heading(doc, 'Ihr Ansprechpartner', colour);
  doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .fillColor(INK)
    .text(data.agent?.name ?? data.office.name);
  doc.font('Helvetica').fontSize(10).fillColor('#334155');
  if (data.agent) doc.text(data.office.name);
  for (const line of [
    data.office.address,
    data.office.phone ? `Telefon ${data.office.phone}` : null,
    data.agent?.email ?? data.office.email,
  ])
    if (line) doc.text(winAnsi(line));
  if (data.office.imprintUrl)
    doc
      .moveDown(0.4)
      .fillColor(colour)
      .text(`Impressum: ${data.office.imprintUrl}`, { link: data.office.imprintUrl });

  stampPageFooters(
    doc,
    (page, pages) => `${data.office.name} · Eigentümerbericht ${p.externalId} · Seite ${page} von ${pages}`,
    { x: MARGIN, y: FOOTER_Y, width: CONTENT_WIDTH },
  );
  doc.end();
  return done;
}
