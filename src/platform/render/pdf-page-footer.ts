/**
 * Writes a grey, centred line at the foot of every page of a pdfkit document made with
 * `bufferPages: true`: "Büro · Objekt · Seite 2 von 3", which needs the page count first.
 */
export function stampPageFooters(
  doc: PDFKit.PDFDocument,
  text: (page: number, pages: number) => string,
  box: { x: number; y: number; width: number },
): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#94a3b8')
      .text(text(i - range.start + 1, range.count), box.x, box.y, {
        width: box.width,
        align: 'center',
        lineBreak: false,
      });
  }
}
