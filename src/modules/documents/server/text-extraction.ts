export type ExtractionResult =
  | { status: 'fertig'; text: string; method: 'pdf' | 'ocr'; pages: number; note: string | null }
  | { status: 'nicht_moeglich'; note: string };

const OCR_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/tiff']);
/** Fewer characters than this per page means the PDF holds scans, not text. */
const TEXT_PER_PAGE = 25;

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
 * page. A PDF made of scans is reported as such — rendering its pages for OCR comes later.
 */
export async function extractText(
  data: Buffer,
  contentType: string,
  onProgress: (percent: number, message: string) => Promise<void>,
): Promise<ExtractionResult> {
  if (contentType === 'application/pdf') {
    await onProgress(10, 'Textebene des PDFs wird gelesen');
    const { pages } = await pdfText(data);
    const text = pages.join('\n\n');
    if (text.replace(/\s/g, '').length < TEXT_PER_PAGE * Math.max(1, pages.length) * 0.5)
      return {
        status: 'nicht_moeglich',
        note: 'Das PDF enthält keine Textebene (gescannt). Texterkennung für gescannte PDFs folgt; Bilder (JPEG, PNG) werden schon erkannt.',
      };
    return { status: 'fertig', text, method: 'pdf', pages: pages.length, note: null };
  }
  if (OCR_TYPES.has(contentType)) {
    await onProgress(10, 'Texterkennung (OCR) läuft');
    const { ocrImages } = await import('./ocr.js');
    const { text, confidence } = await ocrImages([data], (done, total) =>
      onProgress(10 + Math.round((done / total) * 80), `Seite ${done} von ${total} erkannt`),
    );
    return {
      status: 'fertig',
      text,
      method: 'ocr',
      pages: 1,
      note:
        confidence < 60
          ? `Texterkennung unsicher (${Math.round(confidence)} %); bitte Kategorie und Daten prüfen.`
          : null,
    };
  }
  return { status: 'nicht_moeglich', note: 'Aus diesem Dateityp wird noch kein Text gelesen.' };
}
