import { degrees, PDFDocument, rgb } from 'pdf-lib';
import sharp from 'sharp';
import { escapeHtml } from '../../crm/server/public-listing-html.js';
import { embedFonts } from './pdf-fonts.js';

/**
 * Stamps "Vertraulich – für <name> – <date>" across every page, so a leaked copy names
 * whom it was shared with. PDFs get vector text; photos get it burnt into the pixels.
 * Other types (Office files) cannot be marked and are served as they are.
 */
export async function watermark(
  data: Buffer,
  contentType: string,
  line: string,
): Promise<{ data: Buffer; marked: boolean }> {
  if (contentType === 'application/pdf') return { data: await watermarkPdf(data, line), marked: true };
  if (contentType === 'image/jpeg' || contentType === 'image/png' || contentType === 'image/webp')
    return { data: await watermarkImage(data, contentType, line), marked: true };
  return { data, marked: false };
}

async function watermarkPdf(data: Buffer, line: string): Promise<Buffer> {
  const pdf = await PDFDocument.load(data, { ignoreEncryption: false, updateMetadata: false });
  const { bold, regular } = await embedFonts(pdf);
  for (const page of pdf.getPages()) {
    const { width, height } = page.getSize();
    const diagonal = Math.hypot(width, height);
    const size = Math.min(40, (diagonal * 0.8) / Math.max(1, bold.widthOfTextAtSize(line, 1)));
    const angle = Math.atan2(height, width);
    const textWidth = bold.widthOfTextAtSize(line, size);
    // Centre the rotated line on the page.
    const x = width / 2 - (Math.cos(angle) * textWidth) / 2 + (Math.sin(angle) * size) / 2;
    const y = height / 2 - (Math.sin(angle) * textWidth) / 2 - (Math.cos(angle) * size) / 2;
    page.drawText(line, {
      x,
      y,
      size,
      font: bold,
      color: rgb(0.75, 0.1, 0.1),
      opacity: 0.22,
      rotate: degrees((angle * 180) / Math.PI),
    });
    page.drawText(line, { x: 24, y: 14, size: 7, font: regular, color: rgb(0.45, 0.45, 0.45) });
  }
  return Buffer.from(await pdf.save());
}

async function watermarkImage(data: Buffer, contentType: string, line: string): Promise<Buffer> {
  // Turned upright first, so the mark runs across the picture as the viewer sees it.
  const upright = await sharp(data).rotate().toBuffer();
  const image = sharp(upright);
  const { width = 1200, height = 800 } = await image.metadata();
  const size = Math.max(14, Math.round(Math.min(width, height) / 22));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <text x="50%" y="50%" text-anchor="middle" dominant-baseline="middle" font-family="DejaVu Sans" font-weight="bold"
      font-size="${size}" fill="rgba(190,25,25,0.35)" transform="rotate(-30 ${width / 2} ${height / 2})">${escapeHtml(line)}</text>
  </svg>`;
  const out = image.composite([{ input: Buffer.from(svg), top: 0, left: 0 }]);
  if (contentType === 'image/png') return out.png().toBuffer();
  if (contentType === 'image/webp') return out.webp({ quality: 90 }).toBuffer();
  return out.jpeg({ quality: 90 }).toBuffer();
}
