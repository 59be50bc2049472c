// Documents on the embedded defaults: OCR seconds per scanned page (German certificate rendered,
// turned and speckled by the bench) with the process's peak memory, and upload throughput for
// 100 PDFs through HTTP (sniffing, SHA-256, storage, rows, job enqueue).
//   npm run bench:documents
import PDFDocument from 'pdfkit';
import { property } from '../src/modules/crm/schema.js';
import { ocrImages } from '../src/modules/documents/server/ocr.js';
import { CERTIFICATE_LINES, scannedPage } from '../src/modules/documents/test/scanned-page.js';
import { percentile } from './bench-server.js';
import { startInProcess } from './in-process.js';

const PAGES = Number(process.env.BENCH_PAGES ?? 5);
const UPLOADS = Number(process.env.BENCH_UPLOADS ?? 100);

const pdf = (n: number) =>
  new Promise<Buffer>((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text(`Nebenkostenabrechnung ${2000 + n}\nAbrechnungszeitraum 01.01.–31.12.\nHeizkosten`);
    doc.end();
  });

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 25);

const pages = await Promise.all(
  Array.from({ length: PAGES }, (_, i) =>
    scannedPage([...CERTIFICATE_LINES, 'Der Energieausweis dient lediglich der Information.'], i + 1),
  ),
);
const before = process.memoryUsage().rss;
const perPage: number[] = [];
let last = performance.now();
const started = last;
await ocrImages(pages, async () => {
  const now = performance.now();
  perPage.push((now - last) / 1000);
  last = now;
});
const sorted = [...perPage].sort((a, b) => a - b);
console.log(
  `OCR (deu+eng, 1654×2339 scan): ${PAGES} pages in ${((performance.now() - started) / 1000).toFixed(1)} s, p50 ${percentile(sorted, 50).toFixed(2)} s/page, p95 ${percentile(sorted, 95).toFixed(2)} s/page (first page includes loading the models)`,
);
console.log(
  `peak RSS during OCR: ${Math.round(peakRss / 1024 / 1024)} MiB (${Math.round(before / 1024 / 1024)} MiB before)`,
);

const { platform, as, close } = await startInProcess('documents', {});
try {
  const [listing] = await platform.database.db.select({ id: property.id }).from(property).limit(1);
  const files = await Promise.all(Array.from({ length: UPLOADS }, (_, i) => pdf(i)));
  const bytes = files.reduce((s, f) => s + f.length, 0);
  const t0 = performance.now();
  for (const [i, file] of files.entries()) {
    const res = await as('POST', `/api/documents?propertyId=${listing?.id}&fileName=nk-${i}.pdf`, file, {
      'content-type': 'application/pdf',
    });
    if (res.statusCode !== 201) throw new Error(res.body);
  }
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `upload: ${UPLOADS} PDFs (${Math.round(bytes / 1024)} KiB) in ${seconds.toFixed(2)} s = ${(UPLOADS / seconds).toFixed(0)} files/s (text extraction queued as jobs, not waited for)`,
  );
} finally {
  clearInterval(sampler);
  await close();
}
