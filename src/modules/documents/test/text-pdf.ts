import PDFDocument from 'pdfkit';

/** A PDF with a text layer holding `lines`, one page per entry of `pages`. */
export function textPdf(...pages: string[]): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ autoFirstPage: false });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    for (const text of pages.length > 0 ? pages : ['']) {
      doc.addPage({ size: 'A4' });
      doc.text(text);
    }
    doc.end();
  });
}
