import { createHash } from 'node:crypto';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import type { SignatureField } from '../schema.js';
import { embedFonts } from './pdf-fonts.js';

export interface SealSigner {
  name: string;
  email: string;
  fields: SignatureField[];
  method: 'gezeichnet' | 'getippt';
  typedName: string | null;
  /** PNG of the drawn signature; typed signatures are set in type. */
  image: Buffer | null;
  viewedAt: Date | null;
  signedAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export interface SealInput {
  requestId: string;
  title: string;
  documentTitle: string;
  office: string;
  createdByName: string | null;
  createdAt: Date;
  providerLabel: string;
  source: Buffer;
  sha256Before: string;
  signers: SealSigner[];
}

export interface SealedPdf {
  pdf: Buffer;
  /** The signed pages without the audit page: the value the audit page quotes. */
  sha256Signed: string;
  /** The delivered file; any later change to it changes this hash. */
  sha256After: string;
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const berlin = (date: Date) =>
  `${date.toLocaleString('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'medium' })} (Europe/Berlin), ${date.toISOString()}`;
const dayOf = (date: Date) => date.toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin' });

/** Field shares (origin top left) to PDF points (origin bottom left) on this page. */
function boxOn(page: PDFPage, field: SignatureField) {
  const { width, height } = page.getSize();
  return {
    x: field.x * width,
    y: height - (field.y + field.height) * height,
    width: field.width * width,
    height: field.height * height,
  };
}

function fitText(font: PDFFont, text: string, maxWidth: number, maxSize: number): number {
  const atOne = font.widthOfTextAtSize(text, 1);
  return Math.max(6, Math.min(maxSize, atOne > 0 ? (maxWidth * 0.95) / atOne : maxSize));
}

/**
 * Stamps every signature and date into its field, then appends the audit page. The signed
 * pages are hashed before the audit page is added, so the page can quote that hash; the
 * final file's hash is returned for storage, so an altered copy is detectable.
 */
export async function sealSignedPdf(input: SealInput): Promise<SealedPdf> {
  const pdf = await PDFDocument.load(input.source, { updateMetadata: false });
  const fonts = await embedFonts(pdf);
  const pages = pdf.getPages();
  for (const signer of input.signers) {
    const image = signer.image ? await pdf.embedPng(signer.image) : null;
    for (const field of signer.fields) {
      const page = pages[field.page - 1];
      if (!page) continue;
      const box = boxOn(page, field);
      if (field.kind === 'datum') {
        const text = dayOf(signer.signedAt);
        const size = fitText(fonts.regular, text, box.width, box.height * 0.6);
        page.drawText(text, { x: box.x + 2, y: box.y + (box.height - size) / 2, size, font: fonts.regular });
        continue;
      }
      const caption = `Elektronisch unterschrieben: ${signer.name}, ${dayOf(signer.signedAt)}`;
      const captionSize = Math.min(6.5, fitText(fonts.regular, caption, box.width, 6.5));
      const room = { ...box, y: box.y + captionSize + 2, height: box.height - captionSize - 2 };
      if (image) {
        const scale = Math.min(room.width / image.width, room.height / image.height);
        const w = image.width * scale;
        const h = image.height * scale;
        page.drawImage(image, {
          x: room.x + (room.width - w) / 2,
          y: room.y + (room.height - h) / 2,
          width: w,
          height: h,
        });
      } else {
        const text = signer.typedName ?? signer.name;
        const size = fitText(fonts.bold, text, room.width, room.height * 0.7);
        page.drawText(text, {
          x: room.x + 2,
          y: room.y + (room.height - size) / 2,
          size,
          font: fonts.bold,
          color: rgb(0.05, 0.15, 0.45),
        });
      }
      page.drawLine({
        start: { x: box.x, y: box.y + captionSize + 1 },
        end: { x: box.x + box.width, y: box.y + captionSize + 1 },
        thickness: 0.5,
        color: rgb(0.4, 0.4, 0.4),
      });
      page.drawText(caption, {
        x: box.x,
        y: box.y,
        size: captionSize,
        font: fonts.regular,
        color: rgb(0.35, 0.35, 0.35),
      });
    }
  }
  pdf.setTitle(`${input.documentTitle} (unterschrieben)`);
  pdf.setProducer('ImmoXX');
  pdf.setKeywords([`immoxx-signature:${input.requestId}`]);
  const signedBytes = await pdf.save({ useObjectStreams: false });
  const sha256Signed = sha256(signedBytes);

  const withAudit = await PDFDocument.load(signedBytes, { updateMetadata: false });
  const auditFonts = await embedFonts(withAudit);
  drawAuditPages(withAudit, auditFonts, input, sha256Signed);
  const finalBytes = Buffer.from(await withAudit.save({ useObjectStreams: false }));
  return { pdf: finalBytes, sha256Signed, sha256After: sha256(finalBytes) };
}

function drawAuditPages(
  pdf: PDFDocument,
  fonts: { regular: PDFFont; bold: PDFFont },
  input: SealInput,
  sha256Signed: string,
) {
  const margin = 50;
  let page = pdf.addPage([595.28, 841.89]);
  let y = page.getHeight() - margin;
  const width = page.getWidth() - 2 * margin;
  const line = (text: string, opts: { size?: number; bold?: boolean; gap?: number; mono?: boolean } = {}) => {
    const size = opts.size ?? 9.5;
    const font = opts.bold ? fonts.bold : fonts.regular;
    for (const part of wrap(font, text, size, width)) {
      if (y < margin + size) {
        page = pdf.addPage([595.28, 841.89]);
        y = page.getHeight() - margin;
      }
      page.drawText(part, { x: margin, y, size, font, color: rgb(0.1, 0.1, 0.1) });
      y -= size * 1.35;
    }
    y -= opts.gap ?? 0;
  };
  line('Unterschriftsprotokoll', { size: 18, bold: true, gap: 6 });
  line(`${input.providerLabel} nach eIDAS (Verordnung (EU) Nr. 910/2014), Art. 3 Nr. 10`, { gap: 10 });
  line(`Dokument: ${input.documentTitle}`, { bold: true });
  line(`Vorgang: ${input.title}`);
  line(`Vorgangs-ID: ${input.requestId}`);
  line(`Versandt von ${input.createdByName ?? 'unbekannt'} (${input.office}) am ${berlin(input.createdAt)}`, {
    gap: 10,
  });
  line('Prüfsummen (SHA-256)', { bold: true, size: 11, gap: 2 });
  line(`Original vor der Unterschrift: ${input.sha256Before}`);
  line(`Unterschriebenes Dokument (Seiten vor diesem Protokoll): ${sha256Signed}`, { gap: 4 });
  line(
    'Die Prüfsumme der vollständigen Datei mit diesem Protokoll ist bei ImmoXX hinterlegt. Weicht die Prüfsumme einer Kopie davon ab, wurde sie nach der Unterschrift verändert.',
    { size: 8.5, gap: 12 },
  );
  line('Unterzeichnende', { bold: true, size: 11, gap: 2 });
  for (const [i, s] of input.signers.entries()) {
    line(`${i + 1}. ${s.name} <${s.email}>`, { bold: true });
    if (s.viewedAt) line(`Dokument geöffnet: ${berlin(s.viewedAt)}`);
    line(`Unterschrieben: ${berlin(s.signedAt)}`);
    line(
      `Art: ${s.method === 'gezeichnet' ? 'im Browser gezeichnet' : `getippt („${s.typedName ?? s.name}“)`}`,
    );
    line(`IP-Adresse: ${s.ip ?? 'unbekannt'}`);
    line(`Browser: ${s.userAgent ?? 'unbekannt'}`, { size: 8, gap: 8 });
  }
  // The last signature's time, not the clock: sealing the same signatures twice gives the same file.
  const last = new Date(Math.max(...input.signers.map((s) => s.signedAt.getTime())));
  line(`Abgeschlossen am ${berlin(last)}`, { size: 8.5 });
}

function wrap(font: PDFFont, text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    const next = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= maxWidth) {
      current = next;
      continue;
    }
    if (current) lines.push(current);
    // A hash or URL longer than the line is broken by characters.
    let rest = word;
    while (font.widthOfTextAtSize(rest, size) > maxWidth) {
      let cut = rest.length;
      while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > maxWidth) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  if (current) lines.push(current);
  return lines;
}
