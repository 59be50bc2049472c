import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { formatDate, winAnsi } from '../../../platform/format/format-de.js';
import type { ExposeSection } from '../../../platform/modules/module-manifest.js';
import { pdfBytes, table } from '../../../platform/render/pdf-blocks.js';
import { stampPageFooters } from '../../../platform/render/pdf-page-footer.js';
import { energyStatement } from '../domain/energy-statement.js';
import type { MediaRow, PropertyRow } from './property-view.js';
import { facts, featureLabel, OBJECT_TYPE_LABELS, priceLine } from './public-listing-html.js';

export interface ExposeInput {
  property: PropertyRow;
  photos: MediaRow[];
  floorplans: MediaRow[];
  readFile: (key: string) => Promise<Buffer>;
  office: {
    name: string;
    primaryColor: string;
    email: string | null;
    phone: string | null;
    address: string | null;
    logo: Buffer | null;
    imprintUrl: string | null;
  };
  agent: { name: string; email: string } | null;
  /**
   * Whether the street and house number may be printed. Only the secured exposé, after the
   * visitor's confirmations, passes true; otherwise the listing's "Adresse öffentlich zeigen" decides.
   */
  includeAddress: boolean;
  publicUrl: string;
  /** Pages other modules contribute (the market analysis), each starting on its own page. */
  moduleSections: ExposeSection[];
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const CONTENT_WIDTH = A4.width - 2 * MARGIN;
const FOOTER_Y = A4.height - 40;
const BOTTOM = A4.height - 60;

/** Starts a new page only when the next block would not fit, so short sections share a page. */
function ensureSpace(doc: PDFKit.PDFDocument, height: number) {
  if (doc.y + height > BOTTOM) doc.addPage();
}

/** pdfkit embeds JPEG and PNG only; everything else (WebP originals, SVG logos) is converted first. */
async function printable(data: Buffer, maxWidth = 2000): Promise<Buffer> {
  return sharp(data)
    .rotate()
    .resize({ width: maxWidth, withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/**
 * A branded A4 brochure: cover with title image and key facts, description pages, energy
 * data as GEG §87 requires, floor plans one per page, and the agent's contact on every page.
 */
export async function renderExposePdf(input: ExposeInput): Promise<Buffer> {
  const p = input.property;
  const colour = /^#[0-9a-f]{6}$/i.test(input.office.primaryColor) ? input.office.primaryColor : '#0f766e';
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: 60, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: `Exposé – ${p.title}`, Author: input.office.name, Subject: `Objekt ${p.externalId}` },
  });
  const done = pdfBytes(doc);

  const [titleImage, ...morePhotos] = input.photos;
  const [logo, cover, gallery, plans] = await Promise.all([
    input.office.logo ? printable(input.office.logo, 600).catch(() => null) : Promise.resolve(null),
    titleImage ? input.readFile(titleImage.originalKey).then((b) => printable(b)) : Promise.resolve(null),
    Promise.all(morePhotos.slice(0, 6).map((m) => input.readFile(m.webKey).then((b) => printable(b, 1000)))),
    Promise.all(input.floorplans.map((m) => input.readFile(m.originalKey).then((b) => printable(b)))),
  ]);

  // Cover
  doc.rect(0, 0, A4.width, 8).fill(colour);
  if (logo) doc.image(logo, MARGIN, 24, { fit: [140, 44] });
  doc
    .fillColor('#334155')
    .font('Helvetica-Bold')
    .fontSize(11)
    .text(input.office.name, MARGIN, 30, { width: CONTENT_WIDTH, align: 'right' });
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#64748b')
    .text(`Objekt-Nr. ${p.externalId}`, { align: 'right' });
  let y = 84;
  if (cover) {
    doc.image(cover, MARGIN, y, { fit: [CONTENT_WIDTH, 320], align: 'center', valign: 'center' });
    y += 330;
  }
  doc
    .fillColor('#0f172a')
    .font('Helvetica-Bold')
    .fontSize(20)
    .text(p.title, MARGIN, y, { width: CONTENT_WIDTH });
  const place =
    (input.includeAddress || p.showAddress) && p.street ? `${p.street} ${p.houseNumber ?? ''}, ` : '';
  doc
    .moveDown(0.3)
    .font('Helvetica')
    .fontSize(11)
    .fillColor('#475569')
    .text(
      `${OBJECT_TYPE_LABELS[p.objectType] ?? p.objectType} · ${place}${p.postalCode} ${p.city}${p.district ? ` (${p.district})` : ''}`,
    );
  doc
    .moveDown(0.6)
    .font('Helvetica-Bold')
    .fontSize(15)
    .fillColor(colour)
    .text(winAnsi(priceLine(p)));
  doc.moveDown(0.8);
  factsTable(doc, facts(p));

  const energy = energyStatement(p);
  if (energy.sentence) {
    doc.moveDown(0.8);
    ensureSpace(doc, 60);
    heading(doc, 'Energieausweis', colour);
    doc.font('Helvetica').fontSize(10).fillColor('#1e293b').text(energy.sentence, { width: CONTENT_WIDTH });
    if (energy.kind === 'certificate' && p.energyValidUntil)
      doc.text(`Gültig bis ${formatDate(p.energyValidUntil)}`, { width: CONTENT_WIDTH });
  }

  // Texts flow on from the cover; a heading never sits alone at the bottom of a page.
  const sections: [string, string][] = [
    ['Objektbeschreibung', p.description],
    ['Ausstattung', p.equipmentDescription],
    ['Lage', p.locationDescription],
  ];
  const featureText = p.features.map(featureLabel).join(' · ');
  if (sections.some(([, text]) => text.trim()) || featureText) {
    doc.moveDown(1);
    for (const [title, text] of sections) {
      if (!text.trim()) continue;
      ensureSpace(doc, 70);
      heading(doc, title, colour);
      doc.font('Helvetica').fontSize(10.5).fillColor('#1e293b').text(text.trim(), {
        width: CONTENT_WIDTH,
        align: 'justify',
        lineGap: 2,
        paragraphGap: 6,
      });
      doc.moveDown(1);
    }
    if (featureText) {
      ensureSpace(doc, 50);
      heading(doc, 'Merkmale', colour);
      doc.font('Helvetica').fontSize(10.5).fillColor('#1e293b').text(featureText, { width: CONTENT_WIDTH });
    }
  }

  // Photo gallery, two per row, rows flowing over pages
  if (gallery.length > 0) {
    const w = (CONTENT_WIDTH - 12) / 2;
    const h = w * 0.68;
    doc.moveDown(1);
    ensureSpace(doc, 30 + h);
    heading(doc, 'Impressionen', colour);
    let gy = doc.y + 4;
    gallery.forEach((img, i) => {
      const col = i % 2;
      if (col === 0 && i > 0) {
        gy += h + 12;
        if (gy + h > BOTTOM) {
          doc.addPage();
          gy = doc.y;
        }
      }
      doc.image(img, MARGIN + col * (w + 12), gy, { fit: [w, h], align: 'center', valign: 'center' });
    });
    doc.y = gy + h + 12;
    doc.x = MARGIN;
  }

  // Floor plans: each as large as the page allows, sharing a page when there is room.
  for (const [i, plan] of plans.entries()) {
    const { width, height } = await sharp(plan).metadata();
    const planHeight = Math.min(560, ((height ?? 1) / (width ?? 1)) * CONTENT_WIDTH);
    doc.moveDown(1);
    ensureSpace(doc, 30 + planHeight);
    heading(doc, plans.length > 1 ? `Grundriss ${i + 1}` : 'Grundriss', colour);
    const top = doc.y + 4;
    doc.image(plan, MARGIN, top, { fit: [CONTENT_WIDTH, planHeight], align: 'center' });
    doc.y = top + planHeight + 8;
    doc.x = MARGIN;
  }

  for (const section of input.moduleSections) {
    doc.addPage();
    moduleSection(doc, section, colour);
  }

  // Contact and notes
  doc.moveDown(1);
  ensureSpace(doc, 190);
  heading(doc, 'Ihr Ansprechpartner', colour);
  doc
    .font('Helvetica-Bold')
    .fontSize(12)
    .fillColor('#0f172a')
    .text(input.agent?.name ?? input.office.name);
  doc.font('Helvetica').fontSize(10.5).fillColor('#334155');
  if (input.agent) doc.text(input.office.name);
  for (const line of [
    input.office.address,
    input.office.phone ? `Telefon ${input.office.phone}` : null,
    input.agent?.email ?? input.office.email,
  ])
    if (line) doc.text(line);
  doc.moveDown(0.5).fillColor(colour).text(input.publicUrl, { link: input.publicUrl, underline: true });
  doc.moveDown(2);
  heading(doc, 'Hinweise', colour);
  doc
    .font('Helvetica')
    .fontSize(8.5)
    .fillColor('#64748b')
    .text(
      'Alle Angaben beruhen auf Informationen des Eigentümers bzw. Vermieters. Für ihre Richtigkeit und Vollständigkeit übernehmen wir keine Gewähr. Irrtum und Zwischenverkauf bzw. -vermietung vorbehalten. Dieses Exposé ist nur für den Empfänger bestimmt; eine Weitergabe an Dritte ist nicht gestattet.',
      { width: CONTENT_WIDTH, align: 'justify' },
    );
  if (p.commissionText) doc.moveDown(0.5).text(`Provision: ${p.commissionText}`, { width: CONTENT_WIDTH });
  if (input.office.imprintUrl)
    doc
      .moveDown(0.5)
      .fillColor(colour)
      .text(`Impressum: ${input.office.imprintUrl}`, { link: input.office.imprintUrl, width: CONTENT_WIDTH });

  // Footer on every page
  stampPageFooters(
    doc,
    (page, pages) => `${input.office.name} · ${p.externalId} · Seite ${page} von ${pages}`,
    { x: MARGIN, y: FOOTER_Y, width: CONTENT_WIDTH },
  );
  doc.end();
  return done;
}

function heading(doc: PDFKit.PDFDocument, text: string, colour: string) {
  doc
    .font('Helvetica-Bold')
    .fontSize(13)
    .fillColor(colour)
    .text(text, MARGIN, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(0.4);
}

function factsTable(doc: PDFKit.PDFDocument, rows: [string, string][]) {
  const colWidth = CONTENT_WIDTH / 2;
  const valueWidth = colWidth * 0.52;
  const startY = doc.y;
  // A long value ("3,57 % inkl. MwSt. vom Kaufpreis") wraps; its row grows instead of overlapping.
  doc.font('Helvetica-Bold').fontSize(9.5);
  const heights: number[] = [];
  for (let r = 0; r * 2 < rows.length; r++)
    heights.push(
      Math.max(
        18,
        ...rows
          .slice(r * 2, r * 2 + 2)
          .map(([, v]) => doc.heightOfString(winAnsi(v), { width: valueWidth }) + 6),
      ),
    );
  const rowTop = (row: number) => startY + heights.slice(0, row).reduce((a, b) => a + b, 0);
  rows.forEach(([label, value], i) => {
    const col = i % 2;
    const row = Math.floor(i / 2);
    const x = MARGIN + col * colWidth;
    const y = rowTop(row);
    const rowHeight = heights[row] ?? 18;
    if (row % 2 === 0) doc.rect(x, y - 3, colWidth, rowHeight).fill('#f8fafc');
    doc
      .font('Helvetica')
      .fontSize(9.5)
      .fillColor('#64748b')
      .text(label, x + 6, y, { width: colWidth * 0.45, lineBreak: false });
    doc
      .font('Helvetica-Bold')
      .fillColor('#0f172a')
      .text(winAnsi(value), x + colWidth * 0.45, y, { width: valueWidth });
  });
  doc.y = rowTop(heights.length) + 4;
  doc.x = MARGIN;
}

function moduleSection(doc: PDFKit.PDFDocument, section: ExposeSection, colour: string) {
  heading(doc, section.title, colour);
  if (section.intro)
    doc
      .font('Helvetica')
      .fontSize(10.5)
      .fillColor('#1e293b')
      .text(winAnsi(section.intro), { width: CONTENT_WIDTH, lineGap: 2 })
      .moveDown(0.6);
  if (section.facts.length > 0) factsTable(doc, section.facts);
  if (section.table) {
    doc.moveDown(0.6);
    table(doc, section.table.header, section.table.rows, section.table.widths);
  }
  if (section.notes.length > 0) {
    doc.moveDown(0.6);
    doc.font('Helvetica').fontSize(8.5).fillColor('#64748b');
    for (const note of section.notes) doc.text(winAnsi(note), MARGIN, doc.y, { width: CONTENT_WIDTH });
  }
}
