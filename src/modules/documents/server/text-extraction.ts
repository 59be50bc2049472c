export type ExtractionResult =
  | { status: 'fertig'; text: string; method: 'pdf' | 'ocr'; pages: number; note: string | null }
  | { status: 'nicht_moeglich'; note: string };

const OCR_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/tiff']);
/** Fewer characters than this per page means the PDF holds scans, not text. */
const TEXT_PER_PAGE = 25;
/** A scanned PDF is read up to this page; OCR takes one to two seconds a page. */
export const MAX_OCR_PAGES = 40;

const confidenceNote = (confidence: number) =>
  confidence < 60
    ? `Texterkennung unsicher (${Math.round(confidence)} %); bitte Kategorie und Daten prüfen.`
    : null;

/** A PDF of scans: every page rendered at about 250 dpi and read by OCR, with progress per page. */
async function ocrScannedPdf(
  data: Buffer,
  onProgress: (percent: number, message: string) => Promise<void>,
): Promise<ExtractionResult> {
  const [{ openPdfForRendering }, { ocrPages }] = await Promise.all([
    import('../../../platform/render/pdf-render.js'),
    import('./ocr.js'),
  ]);
  const pdf = await openPdfForRendering(data);
  try {
    const count = Math.min(pdf.pageCount, MAX_OCR_PAGES);
    await onProgress(15, `Gescanntes PDF: ${count} Seite(n) werden erkannt`);
    const { text, confidence } = await ocrPages(
      count,
      (i) => pdf.renderPage(i),
      (done, total) => onProgress(15 + Math.round((done / total) * 75), `Seite ${done} von ${total} erkannt`),
    );
    if (text.replace(/\s/g, '').length === 0)
      return { status: 'nicht_moeglich', note: 'Auf den Seiten dieses PDFs wurde kein Text gefunden.' };
    const skipped =
      pdf.pageCount > count ? `Nur die ersten ${count} von ${pdf.pageCount} Seiten wurden gelesen.` : null;
    const note = [confidenceNote(confidence), skipped].filter(Boolean).join(' ') || null;
    return { status: 'fertig', text, method: 'ocr', pages: count, note };
  } finally {
    await pdf.close();
  }
}

export async function pdfText(data: Buffer): Promise<{ pages: string[] }> {
  // pdf.js and Tesseract are large; they load with the first document, not with the server.
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: new Uint8Array(data), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let i = 1; i <= pdf.numPages; i++) {
      const content = await (await pdf.getPage(i)).getTextContent();
      pages.push(
        content.items
          .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : ''))
          .join('')
          .trim(),
      );
    }
    return { pages };
  } finally {
    await pdf.destroy();
  }
}

/**
 * The searchable text of a document: a PDF's own text layer, or OCR for photos and scans of a
 * page; a PDF made of scans has its pages rendered and read by OCR.
 */
/** `extractText` in the shape `runOffThread` calls: one input object and a progress callback. */
export const extractTextTask = (
  input: { data: Buffer; contentType: string },
  onProgress: (percent: number, message: string) => Promise<void>,
): Promise<ExtractionResult> => extractText(input.data, input.contentType, onProgress);

export async function extractText(
  data: Buffer,
  contentType: string,
  onProgress: (percent: number, message: string) => Promise<void>,
): Promise<ExtractionResult> {
  if (contentType === 'application/pdf') {
    await onProgress(10, 'Textebene des PDFs wird gelesen');
    const { pages } = await pdfText(data);
    const text = pages.join('\n\n');
    if (text.replace(/\s/g, '').length >= TEXT_PER_PAGE * Math.max(1, pages.length) * 0.5)
      return { status: 'fertig', text, method: 'pdf', pages: pages.length, note: null };
    return ocrScannedPdf(data, onProgress);
  }
  if (OCR_TYPES.has(contentType)) {
    await onProgress(10, 'Texterkennung (OCR) läuft');
    const { ocrImages } = await import('./ocr.js');
    const { text, confidence } = await ocrImages([data], (done, total) =>
      onProgress(10 + Math.round((done / total) * 80), `Seite ${done} von ${total} erkannt`),
    );
    return { status: 'fertig', text, method: 'ocr', pages: 1, note: confidenceNote(confidence) };
  }
  return { status: 'nicht_moeglich', note: 'Aus diesem Dateityp wird noch kein Text gelesen.' };
}
