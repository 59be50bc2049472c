// Documents on the embedded defaults: OCR seconds per scanned page (German certificate rendered,
// turned and speckled by the bench) with the process's peak memory, and upload throughput for
// 100 PDFs through HTTP (sniffing, SHA-256, storage, rows, job enqueue); a scanned PDF read by
// OCR; watermarking and signature sealing of a 10-page PDF.
//   npm run bench:documents

import { PDFDocument as PDFLibDocument } from 'pdf-lib';
import PDFDocument from 'pdfkit';
import { property } from '../src/modules/crm/schema.js';
import { defaultFields } from '../src/modules/documents/domain/default-fields.js';
import { ocrImages } from '../src/modules/documents/server/ocr.js';
import { sealSignedPdf } from '../src/modules/documents/server/signature-seal.js';
import { extractText } from '../src/modules/documents/server/text-extraction.js';
import { watermark } from '../src/modules/documents/server/watermark.js';
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

// A scanned PDF: the same pages embedded as JPEGs, rendered back by pdf.js and read by OCR.
const scanned = await PDFLibDocument.create();
for (const page of pages.slice(0, 3))
  scanned
    .addPage([595.28, 841.89])
    .drawImage(await scanned.embedJpg(page), { x: 0, y: 0, width: 595.28, height: 841.89 });
const scannedBytes = Buffer.from(await scanned.save());
const scanStart = performance.now();
const scanResult = await extractText(scannedBytes, 'application/pdf', async () => undefined);
if (scanResult.status !== 'fertig') throw new Error(scanResult.note);
console.log(
  `scanned PDF (3 pages, rendered at 250 dpi + OCR): ${((performance.now() - scanStart) / 1000 / 3).toFixed(2)} s/page`,
);

// Watermarking a data-room download and sealing a signed PDF happen while someone waits.
const tenPages = await pdf(0).then(async (one) => {
  const doc = await PDFLibDocument.create();
  const src = await PDFLibDocument.load(one);
  for (let i = 0; i < 10; i++) doc.addPage((await doc.copyPages(src, [0]))[0]);
  return Buffer.from(await doc.save());
});
const timed = async (runs: number, fn: () => Promise<unknown>) => {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return ms.sort((a, b) => a - b);
};
const marks = await timed(20, () =>
  watermark(tenPages, 'application/pdf', 'Vertraulich – für Familie Müller – 01.12.2026'),
);
console.log(
  `watermark, 10-page PDF: p50 ${percentile(marks, 50).toFixed(0)} ms, p95 ${percentile(marks, 95).toFixed(0)} ms`,
);
const signer = (name: string) => ({
  name,
  email: `${name.toLowerCase()}@example.de`,
  fields: defaultFields(0, 10),
  method: 'getippt' as const,
  typedName: name,
  image: null,
  viewedAt: new Date(),
  signedAt: new Date(),
  ip: '127.0.0.1',
  userAgent: 'bench',
});
const seals = await timed(20, () =>
  sealSignedPdf({
    requestId: 'bench',
    title: 'Kaufvertrag',
    documentTitle: 'Kaufvertrag',
    office: 'Bench GmbH',
    createdByName: 'Bench',
    createdAt: new Date(),
    providerLabel: 'Einfache elektronische Signatur',
    source: tenPages,
    sha256Before: '0'.repeat(64),
    signers: [signer('Erika'), signer('Max')],
  }),
);
console.log(
  `seal (stamp 2 signers + audit page), 10-page PDF: p50 ${percentile(seals, 50).toFixed(0)} ms, p95 ${percentile(seals, 95).toFixed(0)} ms`,
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
