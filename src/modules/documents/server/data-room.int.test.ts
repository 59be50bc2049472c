import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../../platform/mail/mail.schema.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { makeJpeg, seeblickWohnung } from '../../crm/test/fixtures.js';
import { documentShare } from '../schema.js';
import { textPdf } from '../test/text-pdf.js';
import { pdfText } from './text-extraction.js';

let t: TestApp;
let owner: TestUser;
let assistant: TestUser;
let propertyId: string;
const docs: Record<string, string> = {};

const upload = async (fileName: string, body: Buffer, type: string) => {
  const res = await t.as(owner, {
    method: 'POST',
    url: `/api/documents?propertyId=${propertyId}&fileName=${fileName}`,
    payload: body,
    headers: { 'content-type': type },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};
const share = (payload: Record<string, unknown>, user = owner) =>
  t.as(user, { method: 'POST', url: '/api/documents/shares', payload });
const tokenOf = (url: string) => url.split('/datenraum/')[1] ?? '';
const visit = (path: string, init: { method?: 'GET' | 'POST'; payload?: unknown } = {}) =>
  t.app.inject({
    method: init.method ?? 'GET',
    url: `/api/documents/public/data-room/${path}`,
    payload: init.payload as Record<string, unknown> | undefined,
    headers: { 'user-agent': 'Käufer-Browser/1.0' },
  });
const accessLog = async (shareId: string) =>
  (await t.as(owner, { method: 'GET', url: `/api/documents/shares/${shareId}/access` })).json().items as {
    outcome: string;
    documentTitle: string | null;
  }[];

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('Datenraum-Büro');
  assistant = await t.createUser(owner.tenantId, 'assistant');
  propertyId = (
    await t.as(owner, { method: 'POST', url: '/api/crm/properties', payload: seeblickWohnung })
  ).json().id;
  docs.grundbuch = await upload(
    'Grundbuchauszug.pdf',
    await textPdf('Grundbuch von Meersburg Blatt 1234'),
    'application/pdf',
  );
  docs.foto = await upload('Ansicht.jpg', await makeJpeg(640, 480), 'image/jpeg');
  docs.intern = await upload('Provisionsvereinbarung.pdf', await textPdf('Intern'), 'application/pdf');
});
afterAll(() => t.close());

describe('data room', () => {
  let shareId: string;
  let token: string;

  it('shares chosen documents with a password; the link is mailed and shown once', async () => {
    const res = await share({
      documentIds: [docs.grundbuch, docs.foto],
      propertyId,
      recipientName: 'Familie Łukasz Müller',
      recipientEmail: 'mueller@example.de',
      validDays: 7,
      password: 'Seeblick-7',
      watermark: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      status: 'aktiv',
      hasPassword: true,
      watermark: true,
      recipientName: 'Familie Łukasz Müller',
      documents: [{ id: docs.grundbuch }, { id: docs.foto }],
      accessCount: 0,
    });
    expect(created.url).toMatch(/\/datenraum\/[A-Za-z0-9_-]{43}$/);
    shareId = created.id;
    token = tokenOf(created.url);
    const [mail] = await t.platform.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, 'mueller@example.de'));
    expect(mail?.textBody).toContain(created.url);
    // The list never shows the link again, and no part of the stored row holds the token.
    const listed = await t.as(owner, {
      method: 'GET',
      url: `/api/documents/shares?propertyId=${propertyId}`,
    });
    expect(listed.body).not.toContain(token);
    const [row] = await t.platform.database.db
      .select()
      .from(documentShare)
      .where(eq(documentShare.id, shareId));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain('Seeblick-7');
  });

  it('asks for the password, refuses a wrong one, and opens with the right one', async () => {
    expect((await visit(token)).json().error.code).toBe('password_required');
    const wrong = await visit(`${token}/unlock`, { method: 'POST', payload: { password: 'falsch' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('password_wrong');
    const unlocked = await visit(`${token}/unlock`, { method: 'POST', payload: { password: 'Seeblick-7' } });
    expect(unlocked.statusCode, unlocked.body).toBe(200);
    const { grant } = unlocked.json();
    const room = await visit(`${token}?grant=${encodeURIComponent(grant)}`);
    expect(room.statusCode, room.body).toBe(200);
    expect(room.json().documents.map((d: { id: string }) => d.id)).toEqual([docs.grundbuch, docs.foto]);
    expect(room.body).not.toContain(docs.intern);
    // A document that is not in the room stays out of reach, even with a valid grant.
    const other = await visit(`${token}/files/${docs.intern}?grant=${encodeURIComponent(grant)}`);
    expect(other.statusCode).toBe(404);
  });

  it('serves PDFs and photos watermarked with the recipient', async () => {
    const { grant } = (
      await visit(`${token}/unlock`, { method: 'POST', payload: { password: 'Seeblick-7' } })
    ).json();
    const room = (await visit(`${token}?grant=${encodeURIComponent(grant)}`)).json();
    const pdf = await t.app.inject({ method: 'GET', url: room.documents[0].url });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['x-watermarked']).toBe('true');
    const text = (await pdfText(pdf.rawPayload)).pages.join(' ');
    expect(text).toContain('Grundbuch von Meersburg');
    expect(text).toContain('Vertraulich – für Familie Łukasz Müller');
    const photo = await t.app.inject({ method: 'GET', url: room.documents[1].url });
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(photo.headers['x-watermarked']).toBe('true');
    const log = await accessLog(shareId);
    expect(log.filter((e) => e.outcome === 'heruntergeladen').map((e) => e.documentTitle)).toEqual(
      expect.arrayContaining(['Grundbuchauszug', 'Ansicht']),
    );
    expect(log.some((e) => e.outcome === 'passwort_falsch')).toBe(true);
  });

  it('a revoked link answers 410 and the attempt is logged', async () => {
    const revoked = await t.as(owner, { method: 'POST', url: `/api/documents/shares/${shareId}/revoke` });
    expect(revoked.statusCode).toBe(204);
    const res = await visit(token);
    expect(res.statusCode).toBe(410);
    expect(res.json().error.code).toBe('share_revoked');
    expect((await accessLog(shareId)).at(0)?.outcome).toBe('widerrufen');
    const listed = (await t.as(owner, { method: 'GET', url: '/api/documents/shares' })).json().items;
    expect(listed.find((s: { id: string }) => s.id === shareId)?.status).toBe('widerrufen');
  });

  it('an expired link answers 410 and is logged; an unknown one is a plain 404', async () => {
    const created = (
      await share({ documentIds: [docs.grundbuch], recipientName: 'Herr Weber', sendEmail: false })
    ).json();
    expect(created.delivery).toBe('not_sent');
    const open = await visit(tokenOf(created.url));
    expect(open.statusCode, open.body).toBe(200);
    await t.platform.database.db
      .update(documentShare)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(documentShare.id, created.id));
    const res = await visit(tokenOf(created.url));
    expect(res.statusCode).toBe(410);
    expect(res.json().error.code).toBe('share_expired');
    expect((await accessLog(created.id)).map((e) => e.outcome)).toEqual(['abgelaufen', 'geoeffnet']);
    expect((await visit('A'.repeat(43))).statusCode).toBe(404);
    expect((await visit('kurz')).statusCode).toBe(404);
  });

  it('refuses sharing to roles without the right, and documents of another office', async () => {
    expect((await share({ documentIds: [docs.grundbuch], recipientName: 'X' }, assistant)).statusCode).toBe(
      403,
    );
    const other = await t.createTenant('Anderes Büro');
    const res = await share({ documentIds: [docs.grundbuch], recipientName: 'X' }, other);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('unknown_documents');
    const bad = await share({ documentIds: [], recipientName: '', password: '123' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('password guessing on one link (issue 17.8)', () => {
  it('waits out 15 minutes after ten wrong passwords, from whatever addresses they came', async () => {
    const created = await share({
      documentIds: [docs.foto],
      propertyId,
      recipientName: 'Herr Ratefuchs',
      validDays: 7,
      password: 'Richtig-2026',
      watermark: false,
    });
    const token = tokenOf(created.json().url);
    const unlock = (password: string, n: number) =>
      t.app.inject({
        method: 'POST',
        url: `/api/documents/public/data-room/${token}/unlock`,
        payload: { password },
        remoteAddress: `198.51.100.${n}`,
      });
    for (let n = 1; n <= 10; n++) expect((await unlock(`falsch-${n}`, n)).statusCode).toBe(401);
    const locked = await unlock('Richtig-2026', 11);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toMatchObject({ code: 'data_room_locked' });
    expect(locked.json().error.details.retryAfterSeconds).toBeGreaterThan(800);
  });
});
