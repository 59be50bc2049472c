import sharp from 'sharp';
import { winAnsi } from '../format/format-de.js';

/**
 * Building blocks of the A4 reports (owner report, market report): headings, paragraphs,
 * tables and key-figure tiles that break onto a new page instead of running off it.
 */
export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = 50;
export const CONTENT_WIDTH = A4.width - 2 * MARGIN;
export const FOOTER_Y = A4.height - 40;
export const BOTTOM = A4.height - 60;
export const INK = '#0f172a';
export const MUTED = '#64748b';

export function ensureSpace(doc: PDFKit.PDFDocument, height: number) {
  if (doc.y + height > BOTTOM) doc.addPage();
}

export function heading(doc: PDFKit.PDFDocument, text: string, colour: string) {
  doc.moveDown(0.9);
  ensureSpace(doc, 60);
  doc
    .font('Helvetica-Bold')
    .fontSize(13)
    .fillColor(colour)
    .text(text, MARGIN, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(0.3);
}

export function paragraph(
  doc: PDFKit.PDFDocument,
  text: string,
  options: { size?: number; colour?: string } = {},
) {
  doc
    .font('Helvetica')
    .fontSize(options.size ?? 10)
    .fillColor(options.colour ?? '#1e293b')
    .text(winAnsi(text), MARGIN, doc.y, { width: CONTENT_WIDTH, lineGap: 1.5 });
}

/** A table with a bold header row; the first column takes what the others leave. */
export function table(doc: PDFKit.PDFDocument, header: string[], rows: string[][], widths: number[]) {
  const first = CONTENT_WIDTH - widths.reduce((a, b) => a + b, 0);
  const cols = [first, ...widths];
  const draw = (cells: string[], bold: boolean, shade: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9.5);
    const height = Math.max(
      18,
      ...cells.map((c, i) => doc.heightOfString(winAnsi(c), { width: (cols[i] ?? 60) - 10 }) + 7),
    );
    ensureSpace(doc, height);
    const y = doc.y;
    if (shade) doc.rect(MARGIN, y - 3, CONTENT_WIDTH, height).fill('#f1f5f9');
    let x = MARGIN;
    cells.forEach((c, i) => {
      const w = cols[i] ?? 60;
      doc
        .fillColor(bold ? '#334155' : INK)
        .text(winAnsi(c), x + 5, y, { width: w - 10, align: i === 0 ? 'left' : 'right' });
      x += w;
    });
    doc.y = y + height;
  };
  draw(header, true, true);
  for (const r of rows) draw(r, false, false);
  doc.x = MARGIN;
}

/** Four key figures side by side, as the owner reads them first. */
export function tiles(doc: PDFKit.PDFDocument, items: [string, string, string][], colour: string) {
  const gap = 10;
  const w = (CONTENT_WIDTH - gap * (items.length - 1)) / items.length;
  const y = doc.y;
  items.forEach(([label, value, sub], i) => {
    const x = MARGIN + i * (w + gap);
    doc.roundedRect(x, y, w, 66, 6).fill('#f8fafc');
    doc.rect(x, y, 3, 66).fill(colour);
    doc
      .font('Helvetica')
      .fontSize(8.5)
      .fillColor(MUTED)
      .text(label, x + 10, y + 8, { width: w - 16 });
    doc
      .font('Helvetica-Bold')
      .fontSize(18)
      .fillColor(INK)
      .text(winAnsi(value), x + 10, y + 22, { width: w - 16 });
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(MUTED)
      .text(winAnsi(sub), x + 10, y + 46, { width: w - 16 });
  });
  doc.y = y + 76;
  doc.x = MARGIN;
}

/** The document's bytes once pdfkit has written it out; call before `doc.end()`. */
export function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** An office logo as PNG on white (pdfkit embeds PNG and JPEG only); null when unreadable. */
export async function printableLogo(logo: Buffer | null): Promise<Buffer | null> {
  if (!logo) return null;
  return sharp(logo)
    .resize({ width: 600, withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .png()
    .toBuffer()
    .catch(() => null);
}
