import { PDFDocument as PDFLibDocument, rgb } from 'pdf-lib';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';
import type { DocumentView } from '../contract.js';
import { scannedPage } from '../test/scanned-page.js';

let t: TestApp;
let owner: TestUser;
let propertyId: string;

function textPdf(lines: string[]): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    for (const line of lines) doc.text(line);
    doc.end();
  });
}

const upload = async (fileName: string, body: Buffer, type: string): Promise<DocumentView> => {
  const res = await t.as(owner, {
    method: 'POST',
    url: `/api/documents?propertyId=${propertyId}&fileName=${encodeURIComponent(fileName)}`,
    payload: body,
    headers: { 'content-type': type },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
const afterText = async (doc: DocumentView): Promise<DocumentView> => {
  await t.platform.jobs.waitFor(doc.text.jobRunId as string, 120_000);
  return (await t.as(owner, { method: 'GET', url: `/api/documents/${doc.id}` })).json();
};

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('OCR-Büro');
  propertyId = (
    await t.as(owner, { method: 'POST', url: '/api/crm/properties', payload: seeblickWohnung })
  ).json().id;
});
afterAll(() => t.close());

describe('text extraction, OCR and auto-categorisation', () => {
  it('recognises a scanned energy certificate, files it and reads its facts', async () => {
    const doc = await upload('scan_0042.jpg', await scannedPage(), 'image/jpeg');
    expect(doc).toMatchObject({ category: 'sonstiges', categorySource: 'automatisch' });
    // Not read yet at upload; with BullMQ a worker may already have picked the job up.
    expect(['ausstehend', 'laeuft']).toContain(doc.text.status);
    const done = await afterText(doc);
    expect(done.text.status, done.text.note ?? '').toBe('fertig');
    expect(done.category).toBe('energieausweis');
    expect(done.suggestion?.confidence).toBeGreaterThan(0.5);
    expect(done.suggestion?.reason.length).toBeGreaterThan(0);
    expect(done.energyFacts, done.text.excerpt ?? '').toMatchObject({
      energyValue: 72.4,
      efficiencyClass: 'B',
      validUntil: '2034-03-14',
    });
    expect(done.validUntil).toBe('2034-03-14');
    const run = await t.platform.jobs.get(doc.text.jobRunId as string);
    expect(run?.progress).toBe(100);
  }, 150_000);

  it('reads a PDF text layer and makes it searchable in German', async () => {
    const doc = await upload(
      'dokument.pdf',
      await textPdf([
        'Teilungserklärung nach § 8 WEG',
        'Gemeinschaftsordnung',
        'Sondereigentum an den Wohnungen Nr. 1 bis 6',
      ]),
      'application/pdf',
    );
    const done = await afterText(doc);
    expect(done).toMatchObject({ category: 'teilungserklaerung', text: { status: 'fertig' } });
    expect(done.text.excerpt).toContain('Sondereigentum');
    const found = await t.as(owner, { method: 'GET', url: '/api/documents?q=sondereigentum' });
    expect(found.json().items.map((d: DocumentView) => d.id)).toContain(doc.id);
  }, 60_000);

  it('keeps a category the broker chose and only suggests', async () => {
    const res = await t.as(owner, {
      method: 'POST',
      url: `/api/documents?propertyId=${propertyId}&fileName=vertrag.pdf&category=kaufvertrag`,
      payload: await textPdf([
        'Mietvertrag über Wohnraum',
        'Vermieter und Mieter vereinbaren eine Kaltmiete von 950 Euro.',
      ]),
      headers: { 'content-type': 'application/pdf' },
    });
    const done = await afterText(res.json());
    expect(done).toMatchObject({
      category: 'kaufvertrag',
      categorySource: 'manuell',
      suggestion: { category: 'mietvertrag' },
    });
  }, 60_000);

  it('reads a PDF of scans by rendering its pages for OCR', async () => {
    const pdf = await PDFLibDocument.create();
    const scan = await pdf.embedJpg(await scannedPage());
    // A4 at 200 dpi, as a scanner would file it.
    pdf.addPage([595.28, 841.89]).drawImage(scan, { x: 0, y: 0, width: 595.28, height: 841.89 });
    const done = await afterText(
      await upload('Scan_Energieausweis.pdf', Buffer.from(await pdf.save()), 'application/pdf'),
    );
    expect(done.text.status, done.text.note ?? '').toBe('fertig');
    expect(done.category).toBe('energieausweis');
    expect(done.validUntil).toBe('2034-03-14');
    expect(done.energyFacts).toMatchObject({ energyValue: 72.4 });
  }, 90_000);

  it('says plainly when a PDF holds neither text nor a readable scan', async () => {
    const pdf = await PDFLibDocument.create();
    pdf
      .addPage([595.28, 841.89])
      .drawRectangle({ x: 50, y: 50, width: 200, height: 100, color: rgb(0.2, 0.2, 0.2) });
    const done = await afterText(await upload('leer.pdf', Buffer.from(await pdf.save()), 'application/pdf'));
    expect(done.text.status).toBe('nicht_moeglich');
    expect(done.text.note).toContain('kein Text');
  }, 60_000);
});
