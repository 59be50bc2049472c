import PDFDocument from 'pdfkit';
import { pdfBytes, printableLogo } from '../../../../platform/render/pdf-blocks.js';
import { stampPageFooters } from '../../../../platform/render/pdf-page-footer.js';

export interface PdfSection {
  heading: string;
  rows: Array<[string, string]>;
}

export interface PdfTable {
  heading: string;
  columns: string[];
  rows: string[][];
}

export interface PdfChart {
  heading: string;
  /** One bar group per label; each series one colour. */
  labels: string[];
  series: Array<{ name: string; colour: string; values: number[] }>;
  stacked: boolean;
  formatValue: (value: number) => string;
}

export interface FinancePdfInput {
  title: string;
  subtitle: string | null;
  office: {
    name: string;
    primaryColor: string;
    email: string | null;
    phone: string | null;
    logo: Buffer | null;
  };
  sections: PdfSection[];
  chart: PdfChart | null;
  tables: PdfTable[];
  notes: string[];
  disclaimer: string;
  createdAt: Date;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const WIDTH = A4.width - 2 * MARGIN;
const BOTTOM = A4.height - 70;

/**
 * A branded A4 report for clients: office header in its colour, inputs and results as label/value
 * lists, a bar chart, the schedule as a table repeated with its header on every page, notes and the
 * disclaimer, and page numbers. Text stays text, so the PDF can be searched and copied.
 */
export async function renderFinancePdf(input: FinancePdfInput): Promise<Buffer> {
  const colour = /^#[0-9a-f]{6}$/i.test(input.office.primaryColor) ? input.office.primaryColor : '#0f766e';
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: 60, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: input.title, Author: input.office.name },
  });
  const done = pdfBytes(doc);
  const logo = await printableLogo(input.office.logo);

  doc.rect(0, 0, A4.width, 8).fill(colour);
  if (logo) doc.image(logo, MARGIN, 24, { fit: [140, 44] });
  doc
    .fillColor('#334155')
    .font('Helvetica-Bold')
    .fontSize(11)
    .text(input.office.name, MARGIN, 30, { width: WIDTH, align: 'right' });
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#64748b')
    .text([input.office.phone, input.office.email].filter(Boolean).join(' · '), {
      width: WIDTH,
      align: 'right',
    });
  doc.moveDown(2.5);
  doc.fillColor(colour).font('Helvetica-Bold').fontSize(20).text(input.title, MARGIN, 90, { width: WIDTH });
  if (input.subtitle)
    doc.fillColor('#334155').font('Helvetica').fontSize(11).text(input.subtitle, { width: WIDTH });
  doc
    .fillColor('#94a3b8')
    .fontSize(8)
    .text(`Erstellt am ${input.createdAt.toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin' })}`, {
      width: WIDTH,
    });
  doc.moveDown(1);

  const ensureSpace = (height: number) => {
    if (doc.y + height > BOTTOM) doc.addPage();
  };

  for (const section of input.sections) {
    ensureSpace(40 + section.rows.length * 15);
    doc
      .fillColor(colour)
      .font('Helvetica-Bold')
      .fontSize(12)
      .text(section.heading, MARGIN, doc.y, { width: WIDTH });
    doc.moveDown(0.3);
    for (const [label, value] of section.rows) {
      ensureSpace(15);
      const y = doc.y;
      doc
        .fillColor('#475569')
        .font('Helvetica')
        .fontSize(9.5)
        .text(label, MARGIN, y, { width: WIDTH * 0.6 });
      const labelBottom = doc.y;
      doc
        .fillColor('#0f172a')
        .font('Helvetica-Bold')
        .text(value, MARGIN + WIDTH * 0.6, y, { width: WIDTH * 0.4, align: 'right' });
      doc.y = Math.max(labelBottom, doc.y) + 2;
    }
    doc.moveDown(0.8);
  }

  if (input.chart) drawChart(doc, input.chart, ensureSpace);
  for (const table of input.tables) drawTable(doc, table, colour, ensureSpace);

  if (input.notes.length > 0) {
    ensureSpace(60);
    doc
      .fillColor(colour)
      .font('Helvetica-Bold')
      .fontSize(12)
      .text('Hinweise', MARGIN, doc.y, { width: WIDTH });
    doc.moveDown(0.3);
    for (const note of input.notes)
      doc.fillColor('#334155').font('Helvetica').fontSize(9).text(`• ${note}`, { width: WIDTH });
    doc.moveDown(0.8);
  }
  ensureSpace(80);
  doc
    .fillColor('#64748b')
    .font('Helvetica-Oblique')
    .fontSize(8)
    .text(input.disclaimer, MARGIN, doc.y, { width: WIDTH });

  stampPageFooters(
    doc,
    (page, pages) => `${input.office.name} · ${input.title} · Seite ${page} von ${pages}`,
    { x: MARGIN, y: A4.height - 40, width: WIDTH },
  );
  doc.end();
  return done;
}

function drawChart(doc: PDFKit.PDFDocument, chart: PdfChart, ensureSpace: (h: number) => void) {
  const height = 170;
  ensureSpace(height + 60);
  doc
    .fillColor('#0f172a')
    .font('Helvetica-Bold')
    .fontSize(11)
    .text(chart.heading, MARGIN, doc.y, { width: WIDTH });
  const top = doc.y + 8;
  const left = MARGIN + 60;
  const plotWidth = WIDTH - 60;
  const { lo, hi } = chartRange(chart);
  const yOf = (value: number) => top + ((hi - value) / (hi - lo)) * height;
  doc.font('Helvetica').fontSize(7).fillColor('#64748b');
  for (const tick of chartTicks(lo, hi)) {
    const y = yOf(tick);
    doc
      .moveTo(left, y)
      .lineTo(left + plotWidth, y)
      .lineWidth(tick === 0 ? 0.8 : 0.3)
      .strokeColor(tick === 0 ? '#64748b' : '#cbd5e1')
      .stroke();
    doc.text(chart.formatValue(tick), MARGIN, y - 4, { width: 56, align: 'right' });
  }
  const group = plotWidth / chart.labels.length;
  const barWidth = chart.stacked ? group * 0.7 : (group * 0.8) / chart.series.length;
  chart.labels.forEach((label, i) => {
    // Stacks grow away from zero: positive parts upwards, negative parts downwards.
    let up = 0;
    let down = 0;
    chart.series.forEach((serie, s) => {
      const value = serie.values[i] ?? 0;
      if (value === 0) return;
      const x = chart.stacked
        ? left + i * group + group * 0.15
        : left + i * group + group * 0.1 + s * barWidth;
      const from = chart.stacked ? (value > 0 ? up : down) : 0;
      const to = from + value;
      if (chart.stacked) {
        if (value > 0) up = to;
        else down = to;
      }
      const y1 = yOf(Math.max(from, to));
      const y2 = yOf(Math.min(from, to));
      doc.rect(x, y1, barWidth, Math.max(0.5, y2 - y1)).fill(serie.colour);
    });
    const every = Math.ceil(chart.labels.length / 15);
    if (i % every === 0)
      doc
        .fillColor('#64748b')
        .fontSize(6.5)
        .text(label, left + i * group, top + height + 3, { width: group * every, lineBreak: false });
  });
  let legendX = left;
  const legendY = top + height + 16;
  for (const serie of chart.series) {
    doc.rect(legendX, legendY, 8, 8).fill(serie.colour);
    doc
      .fillColor('#334155')
      .fontSize(8)
      .text(serie.name, legendX + 12, legendY, { lineBreak: false });
    legendX += 24 + doc.widthOfString(serie.name);
  }
  doc.y = legendY + 24;
  doc.x = MARGIN;
}

function drawTable(
  doc: PDFKit.PDFDocument,
  table: PdfTable,
  colour: string,
  ensureSpace: (h: number) => void,
) {
  const width = WIDTH / table.columns.length;
  const header = () => {
    const y = doc.y;
    doc.rect(MARGIN, y - 2, WIDTH, 16).fill(colour);
    for (const [i, column] of table.columns.entries())
      doc
        .fillColor('#ffffff')
        .font('Helvetica-Bold')
        .fontSize(7.5)
        .text(column, MARGIN + i * width + 3, y + 2, {
          width: width - 6,
          align: i === 0 ? 'left' : 'right',
          lineBreak: false,
        });
    doc.y = y + 16;
  };
  ensureSpace(60);
  doc
    .fillColor('#0f172a')
    .font('Helvetica-Bold')
    .fontSize(11)
    .text(table.heading, MARGIN, doc.y, { width: WIDTH });
  doc.moveDown(0.3);
  header();
  table.rows.forEach((row, r) => {
    if (doc.y + 13 > BOTTOM) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    if (r % 2 === 1) doc.rect(MARGIN, y - 1, WIDTH, 13).fill('#f1f5f9');
    for (const [i, cell] of row.entries())
      doc
        .fillColor('#0f172a')
        .font('Helvetica')
        .fontSize(7.5)
        .text(cell, MARGIN + i * width + 3, y + 1, {
          width: width - 6,
          align: i === 0 ? 'left' : 'right',
          lineBreak: false,
        });
    doc.y = y + 13;
  });
  doc.x = MARGIN;
  doc.moveDown(1);
}

/** The value range a chart spans, always including zero; a flat chart still gets a visible range. */
export function chartRange(chart: Pick<PdfChart, 'series' | 'labels' | 'stacked'>): {
  lo: number;
  hi: number;
} {
  let lo = 0;
  let hi = 0;
  chart.labels.forEach((_, i) => {
    const values = chart.series.map((serie) => serie.values[i] ?? 0);
    const up = chart.stacked
      ? values.filter((v) => v > 0).reduce((a, b) => a + b, 0)
      : Math.max(0, ...values);
    const down = chart.stacked
      ? values.filter((v) => v < 0).reduce((a, b) => a + b, 0)
      : Math.min(0, ...values);
    hi = Math.max(hi, up);
    lo = Math.min(lo, down);
  });
  if (hi === 0 && lo === 0) return { lo: 0, hi: 1 };
  return { lo: lo < 0 ? -niceCeil(-lo) : 0, hi: hi > 0 ? niceCeil(hi) : 0 };
}

/** Grid lines: zero, the ends, and the middle of a one-sided range. */
export function chartTicks(lo: number, hi: number): number[] {
  if (lo === 0 && hi === 1) return [0];
  const ticks = new Set<number>([lo, 0, hi]);
  if (lo === 0) ticks.add(hi / 2);
  if (hi === 0) ticks.add(lo / 2);
  return [...ticks].sort((a, b) => a - b);
}

/** 1, 2, 2.5 or 5 times a power of ten, at least `value`. */
function niceCeil(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}
