import type { PDFDocumentProxy } from 'pdfjs-dist';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Spinner } from '../../../web/components/spinner.js';

async function openPdf(url: string): Promise<PDFDocumentProxy> {
  // pdf.js is large; it loads only on the pages that show a PDF.
  const [pdfjs, worker] = await Promise.all([
    import('pdfjs-dist'),
    import('pdfjs-dist/build/pdf.worker.min.mjs?url'),
  ]);
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  return pdfjs.getDocument({ url, isEvalSupported: false }).promise;
}

function PdfPage({
  pdf,
  pageNumber,
  width,
  overlay,
}: {
  pdf: PDFDocumentProxy;
  pageNumber: number;
  width: number;
  overlay?: (page: number) => ReactNode;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [ratio, setRatio] = useState(Math.SQRT2);
  useEffect(() => {
    let cancelled = false;
    let task: { cancel(): void; promise: Promise<unknown> } | null = null;
    void pdf.getPage(pageNumber).then((page) => {
      if (cancelled || !canvas.current) return;
      const base = page.getViewport({ scale: 1 });
      setRatio(base.height / base.width);
      const scale = (width / base.width) * (window.devicePixelRatio || 1);
      const viewport = page.getViewport({ scale });
      canvas.current.width = viewport.width;
      canvas.current.height = viewport.height;
      const context = canvas.current.getContext('2d');
      if (!context) return;
      task = page.render({ canvasContext: context, viewport });
      task.promise.catch(() => undefined);
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [pdf, pageNumber, width]);
  return (
    <div
      className="relative mx-auto bg-white shadow ring-1 ring-slate-200"
      style={{ width, height: width * ratio }}
      data-testid={`pdf-page-${pageNumber}`}
    >
      <canvas ref={canvas} className="absolute inset-0 size-full" />
      {overlay ? <div className="absolute inset-0">{overlay(pageNumber)}</div> : null}
    </div>
  );
}

/** Every page of a PDF, fitted to the container's width, with an optional layer per page. */
export function PdfPages({ url, overlay }: { url: string; overlay?: (page: number) => ReactNode }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [failed, setFailed] = useState(false);
  const [width, setWidth] = useState(700);
  useEffect(() => {
    let current: PDFDocumentProxy | null = null;
    setPdf(null);
    setFailed(false);
    openPdf(url).then(
      (doc) => {
        current = doc;
        setPdf(doc);
      },
      () => setFailed(true),
    );
    return () => void current?.destroy();
  }, [url]);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.min(900, Math.max(280, Math.floor(entry.contentRect.width))));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={container} className="space-y-4">
      {failed ? <p className="text-sm text-red-700">{t('documents:pdf.failed')}</p> : null}
      {!pdf && !failed ? <Spinner label={t('documents:pdf.loading')} /> : null}
      {pdf
        ? Array.from({ length: pdf.numPages }, (_, i) => i + 1).map((pageNumber) => (
            <PdfPage key={pageNumber} pdf={pdf} pageNumber={pageNumber} width={width} overlay={overlay} />
          ))
        : null}
    </div>
  );
}
