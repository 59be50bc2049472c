import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimingPng } from '../../../platform/files/test/claiming-png.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';
import { document, documentVersion } from '../schema.js';
import { textPdf } from '../test/text-pdf.js';

let t: TestApp;
let owner: TestUser;
let assistant: TestUser;
let propertyId: string;

const pdf = (text: string) => textPdf(text);
/** The first bytes of a Windows executable: "MZ", the DOS stub and a PE header. */
const exe = Buffer.concat([
  Buffer.from(
    '4d5a90000300000004000000ffff0000b800000000000000400000000000000000000000000000000000000000000000000000000000000000000000800000000e1fba0e00b409cd21b8014ccd21546869732070726f6772616d2063616e6e6f742062652072756e20696e20444f53206d6f64652e0d0d0a2400000000000000504500004c010300',
    'hex',
  ),
  Buffer.alloc(512),
]);

const upload = (user: TestUser, query: string, body: Buffer, type = 'application/pdf') =>
  t.as(user, {
    method: 'POST',
    url: `/api/documents?${query}`,
    payload: body,
    headers: { 'content-type': type },
  });
const rows = async () =>
  (await t.platform.database.db.select().from(document).where(eq(document.tenantId, owner.tenantId))).length;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('Dokumenten-Büro');
  assistant = await t.createUser(owner.tenantId, 'assistant');
  propertyId = (
    await t.as(owner, { method: 'POST', url: '/api/crm/properties', payload: seeblickWohnung })
  ).json().id;
});
afterAll(() => t.close());

describe('document upload and versions', () => {
  it('stores a PDF in the property folder with its SHA-256 and serves it back', async () => {
    const bytes = await pdf('Teilungserklärung Seestraße 7');
    const res = await upload(
      owner,
      `propertyId=${propertyId}&fileName=Teilungserkl%C3%A4rung.pdf&category=teilungserklaerung`,
      bytes,
    );
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({
      propertyId,
      folder: { kind: 'objekt', id: propertyId, label: seeblickWohnung.title },
      title: 'Teilungserklärung',
      category: 'teilungserklaerung',
      currentVersion: 1,
      current: {
        contentType: 'application/pdf',
        sizeBytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      },
    });
    const file = await t.as(assistant, { method: 'GET', url: doc.current.url });
    expect(file.statusCode).toBe(200);
    expect(Buffer.compare(file.rawPayload, bytes)).toBe(0);
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''Teilungserkl%C3%A4rung.pdf");
  });

  it('keeps earlier versions downloadable, with who uploaded them', async () => {
    const first = await pdf('Energieausweis 2016');
    const created = (
      await upload(owner, `propertyId=${propertyId}&fileName=energieausweis.pdf`, first)
    ).json();
    const second = await pdf('Energieausweis 2026');
    const updated = await t.as(owner, {
      method: 'POST',
      url: `/api/documents/${created.id}/versions?fileName=energieausweis-neu.pdf`,
      payload: second,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(updated.statusCode, updated.body).toBe(201);
    expect(updated.json()).toMatchObject({
      currentVersion: 2,
      current: { fileName: 'energieausweis-neu.pdf' },
    });
    const detail = (await t.as(owner, { method: 'GET', url: `/api/documents/${created.id}` })).json();
    expect(detail.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(detail.versions[0].uploadedByName).toBeTruthy();
    const old = await t.as(owner, { method: 'GET', url: detail.versions[0].url });
    expect(Buffer.compare(old.rawPayload, first)).toBe(0);
  });

  it('refuses an executable named .pdf and stores nothing', async () => {
    const before = await rows();
    const versionsBefore = (await t.platform.database.db.select().from(documentVersion)).length;
    const res = await upload(owner, `propertyId=${propertyId}&fileName=rechnung.pdf`, exe);
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_file_type');
    expect(await rows()).toBe(before);
    expect((await t.platform.database.db.select().from(documentVersion)).length).toBe(versionsBefore);
  });

  it('refuses a photo whose header claims 50000 × 50000 pixels (an image bomb) and stores nothing', async () => {
    const before = await rows();
    const res = await upload(
      owner,
      `propertyId=${propertyId}&fileName=scan.png`,
      claimingPng(50_000, 50_000),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('image_too_large');
    expect(await rows()).toBe(before);
  });

  it('needs exactly one folder and an existing property', async () => {
    const bytes = await pdf('x');
    expect((await upload(owner, 'fileName=a.pdf', bytes)).statusCode).toBe(400);
    expect((await upload(owner, `propertyId=${crypto.randomUUID()}&fileName=a.pdf`, bytes)).statusCode).toBe(
      404,
    );
  });
});

describe('categories, expiry, confidentiality and search', () => {
  it('edits category, tags and valid-until, and reports expiry', async () => {
    const created = (
      await upload(owner, `propertyId=${propertyId}&fileName=ausweis.pdf`, await pdf('Ausweis'))
    ).json();
    const soon = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const res = await t.as(owner, {
      method: 'PATCH',
      url: `/api/documents/${created.id}`,
      payload: { category: 'energieausweis', tags: ['GEG'], validUntil: soon },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      category: 'energieausweis',
      tags: ['GEG'],
      validUntil: soon,
      expiry: 'laeuft_ab',
    });
    const expiring = await t.as(owner, {
      method: 'GET',
      url: `/api/documents?propertyId=${propertyId}&expiring=true`,
    });
    expect(expiring.json().items.map((d: { id: string }) => d.id)).toContain(created.id);
    const bad = await t.as(owner, {
      method: 'PATCH',
      url: `/api/documents/${created.id}`,
      payload: { category: 'quittung' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('hides confidential documents from roles without the right, as if absent', async () => {
    const secret = (
      await upload(
        owner,
        `propertyId=${propertyId}&fileName=kaufvertrag-entwurf.pdf&confidential=true&category=kaufvertrag`,
        await pdf('Kaufvertrag'),
      )
    ).json();
    expect(secret.confidential).toBe(true);
    const list = await t.as(assistant, { method: 'GET', url: `/api/documents?propertyId=${propertyId}` });
    expect(list.json().items.map((d: { id: string }) => d.id)).not.toContain(secret.id);
    expect((await t.as(assistant, { method: 'GET', url: `/api/documents/${secret.id}` })).statusCode).toBe(
      404,
    );
    expect((await t.as(assistant, { method: 'GET', url: secret.current.url })).statusCode).toBe(404);
    expect((await t.as(owner, { method: 'GET', url: `/api/documents/${secret.id}` })).statusCode).toBe(200);
  });

  it('finds documents by title words in German', async () => {
    await upload(owner, `propertyId=${propertyId}&fileName=Nebenkostenabrechnung-2025.pdf`, await pdf('NK'));
    const found = await t.as(owner, { method: 'GET', url: '/api/documents?q=nebenkostenabrechnung' });
    expect(found.json().items.map((d: { title: string }) => d.title)).toContain('Nebenkostenabrechnung-2025');
  });

  it('erasing a contact (GDPR Art. 17) removes their folder and its files', async () => {
    const contact = await t.as(owner, {
      method: 'POST',
      url: '/api/crm/contacts',
      payload: {
        firstName: 'Erika',
        lastName: 'Ausweis',
        email: 'erika.ausweis@example.de',
      },
    });
    expect(contact.statusCode, contact.body).toBe(201);
    const contactId = contact.json().id;
    const created = (
      await upload(owner, `contactId=${contactId}&fileName=Personalausweis.pdf`, await pdf('Personalausweis'))
    ).json();
    const [version] = await t.platform.database.db
      .select()
      .from(documentVersion)
      .where(eq(documentVersion.documentId, created.id));
    expect(await t.platform.files.exists(version?.fileKey ?? '')).toBe(true);
    // Behind the earlier uploads' text extraction; on a loaded 2-core machine that took over 30 s.
    await t.platform.jobs.waitFor(created.text.jobRunId, 90_000);
    expect((await t.as(owner, { method: 'DELETE', url: `/api/crm/contacts/${contactId}` })).statusCode).toBe(
      204,
    );
    await t.platform.events.drain();
    expect(await t.platform.files.exists(version?.fileKey ?? '')).toBe(false);
    expect(
      await t.platform.database.db
        .select()
        .from(documentVersion)
        .where(eq(documentVersion.documentId, created.id)),
    ).toEqual([]);
  });

  it('deletes a document with its files', async () => {
    const created = (
      await upload(owner, `propertyId=${propertyId}&fileName=weg.pdf`, await pdf('weg'))
    ).json();
    const [version] = await t.platform.database.db
      .select()
      .from(documentVersion)
      .where(eq(documentVersion.documentId, created.id));
    expect((await t.as(owner, { method: 'DELETE', url: `/api/documents/${created.id}` })).statusCode).toBe(
      204,
    );
    expect(await t.platform.files.exists(version?.fileKey ?? '')).toBe(false);
    expect((await t.as(owner, { method: 'GET', url: `/api/documents/${created.id}` })).statusCode).toBe(404);
  });
});
