/** Page images of a PDF for OCR and plan reading, about 250 dpi on A4 (2100 px wide), rendered one at a time. */
export interface RenderedPdf {
  pageCount: number;
  renderPage(index: number): Promise<Buffer>;
  close(): Promise<void>;
}

// Enough for 9-point print; more pixels cost render and OCR time without better text.
const TARGET_WIDTH_PX = 2100;

interface NodeCanvas {
  canvas: { toBuffer(mime: 'image/jpeg', quality: number): Buffer };
  context: unknown;
}

/**
 * pdf.js renders in Node through @napi-rs/canvas (prebuilt, pulled in by pdfjs-dist), so
 * scans inside PDFs can be read like photos.
 */
export async function openPdfForRendering(data: Buffer): Promise<RenderedPdf> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: new Uint8Array(data), isEvalSupported: false, verbosity: 0 }).promise;
  // The Node canvas factory is internal to pdf.js; its shape is create(width, height) → { canvas, context }.
  const factory = (pdf as unknown as { canvasFactory: { create(w: number, h: number): NodeCanvas } })
    .canvasFactory;
  return {
    pageCount: pdf.numPages,
    async renderPage(index) {
      const page = await pdf.getPage(index + 1);
      try {
        const base = page.getViewport({ scale: 1 });
        const viewport = page.getViewport({ scale: Math.min(5, TARGET_WIDTH_PX / base.width) });
        const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
        await page.render({
          canvasContext: context as CanvasRenderingContext2D,
          viewport,
          background: '#ffffff',
        }).promise;
        // JPEG at high quality encodes several times faster than PNG and reads the same.
        return canvas.toBuffer('image/jpeg', 92);
      } finally {
        page.cleanup();
      }
    },
    close: () => pdf.destroy(),
  };
}
