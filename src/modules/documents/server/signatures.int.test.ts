import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../../platform/mail/mail.schema.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { makeJpeg, seeblickWohnung } from '../../crm/test/fixtures.js';
import { signatureSigner } from '../schema.js';
import { textPdf } from '../test/text-pdf.js';
import { pdfText } from './text-extraction.js';

let t: TestApp;
let purchaseContractId = '';
let owner: TestUser;
let contractId: string;

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const tokenOf = (url: string) => url.split('/signieren/')[1] ?? '';
const signer = (token: string, path = '', init: { method?: 'GET' | 'POST'; payload?: unknown } = {}) =>
  t.app.inject({
    method: init.method ?? 'GET',
    url: `/api/documents/public/sign/${token}${path}`,
    payload: init.payload as Record<string, unknown> | undefined,
    headers: { 'user-agent': 'Unterzeichner-Browser/2.0' },
  });
const send = (payload: Record<string, unknown>) =>
  t.as(owner, { method: 'POST', url: '/api/documents/signatures', payload });
/** A drawn signature: a dark stroke on a transparent pad, as the signing page sends it. */
const drawn = async () =>
  `data:image/png;base64,${(
    await sharp({
      create: { width: 600, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .composite([
        {
          input: Buffer.from(
            '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="200"><path d="M20 150 C 120 20, 220 180, 320 60 S 520 160, 580 40" stroke="#102a6b" stroke-width="6" fill="none"/></svg>',
          ),
        },
      ])
      .png()
      .toBuffer()
  ).toString('base64')}`;
const blank = async () =>
  `data:image/png;base64,${(
    await sharp({
      create: { width: 600, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer()
  ).toString('base64')}`;
async function waitForStatus(id: string, status: string) {
  for (let i = 0; i < 100; i++) {
    const view = (await t.as(owner, { method: 'GET', url: `/api/documents/signatures/${id}` })).json();
    if (view.status === status) return view;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`signature request ${id} never reached ${status}`);
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('Signatur-Büro');
  const propertyId = (
    await t.as(owner, { method: 'POST', url: '/api/crm/properties', payload: seeblickWohnung })
  ).json().id;
  const upload = async (fileName: string, body: Buffer, type: string, category = 'sonstiges') =>
    (
      await t.as(owner, {
        method: 'POST',
        url: `/api/documents?propertyId=${propertyId}&fileName=${fileName}&category=${category}`,
        payload: body,
        headers: { 'content-type': type },
      })
    ).json().id as string;
  contractId = await upload(
    'Reservierungsvereinbarung.pdf',
    await textPdf('Reservierungsvereinbarung Seestraße 7, Meersburg', 'Unterschriften'),
    'application/pdf',
  );
  await upload('Foto.jpg', await makeJpeg(320, 240), 'image/jpeg');
  purchaseContractId = await upload(
    'Kaufvertrag-Entwurf.pdf',
    await textPdf('Kaufvertrag Entwurf des Notariats', 'Urkundenrolle'),
    'application/pdf',
    'kaufvertrag',
  );
});
afterAll(() => t.close());

describe('e-signature', () => {
  it('refuses a purchase contract: it needs a notary, not an e-signature (§ 311b BGB)', async () => {
    const res = await send({
      documentId: purchaseContractId,
      title: 'Kaufvertrag',
      signers: [{ name: 'Eva Käufer', email: 'eva@example.de', fields: [] }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('notary_required');
    expect(res.json().error.message).toContain('§ 311b');
  });

  let requestId: string;
  let links: { name: string; url: string }[];

  it('sends a PDF to two signers, each with a personal link by e-mail', async () => {
    const res = await send({
      documentId: contractId,
      message: 'Bitte die Reservierung unterschreiben.',
      signers: [
        {
          name: 'Erika Käufer',
          email: 'erika@example.de',
          fields: [
            { kind: 'signatur', page: 2, x: 0.1, y: 0.7, width: 0.35, height: 0.08 },
            { kind: 'datum', page: 2, x: 0.5, y: 0.74, width: 0.15, height: 0.04 },
          ],
        },
        { name: 'Max Verkäufer', email: 'max@example.de' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ status: 'offen', sourceVersion: 1, provider: 'einfach' });
    expect(created.signers[1].fields).toHaveLength(2);
    expect(created.signers[1].fields[0]).toMatchObject({ kind: 'signatur', page: 2 });
    requestId = created.id;
    links = created.links;
    expect(links).toHaveLength(2);
    const mails = await t.platform.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, 'erika@example.de'));
    expect(mails[0]?.textBody).toContain(links[0]?.url);
  });

  it('refuses what cannot be signed', async () => {
    const all = (await t.as(owner, { method: 'GET', url: '/api/documents' })).json().items;
    const image = all.find(
      (d: { current: { contentType: string } }) => d.current.contentType === 'image/jpeg',
    );
    const notPdf = await send({ documentId: image.id, signers: [{ name: 'A', email: 'a@example.de' }] });
    expect(notPdf.json().error.code).toBe('not_a_pdf');
    const beyond = await send({
      documentId: contractId,
      signers: [
        {
          name: 'A',
          email: 'a@example.de',
          fields: [{ kind: 'signatur', page: 9, x: 0.1, y: 0.1, width: 0.3, height: 0.1 }],
        },
      ],
    });
    expect(beyond.json().error.code).toBe('field_outside_document');
    const twice = await send({
      documentId: contractId,
      signers: [
        { name: 'A', email: 'a@example.de' },
        { name: 'B', email: 'A@example.de' },
      ],
    });
    expect(twice.statusCode).toBe(400);
  });

  it('shows the signer the document and their fields; an empty pad is refused', async () => {
    const token = tokenOf(links[0]?.url ?? '');
    const view = await signer(token);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({
      signer: { name: 'Erika Käufer', status: 'offen' },
      requestStatus: 'offen',
      others: [{ name: 'Max Verkäufer', status: 'offen' }],
      signedUrl: null,
    });
    const pdf = await signer(token, '/document');
    const original = (
      await t.as(owner, { method: 'GET', url: `/api/documents/signatures/${requestId}` })
    ).json();
    expect(sha256(pdf.rawPayload)).toBe(original.sha256Before);
    const empty = await signer(token, '', {
      method: 'POST',
      payload: { method: 'gezeichnet', image: await blank(), consent: true },
    });
    expect(empty.json().error.code).toBe('signature_empty');
    const noConsent = await signer(token, '', {
      method: 'POST',
      payload: { method: 'getippt', typedName: 'Erika' },
    });
    expect(noConsent.statusCode).toBe(400);
  });

  it('seals the PDF once both have signed: signatures stamped, audit page appended, hashes stored', async () => {
    const erika = tokenOf(links[0]?.url ?? '');
    const max = tokenOf(links[1]?.url ?? '');
    const first = await signer(erika, '', {
      method: 'POST',
      payload: { method: 'gezeichnet', image: await drawn(), consent: true },
    });
    expect(first.statusCode, first.body).toBe(204);
    const again = await signer(erika, '', {
      method: 'POST',
      payload: { method: 'getippt', typedName: 'Erika', consent: true },
    });
    expect(again.statusCode).toBe(409);
    // A second drawing sent with the same link must not replace the signature on file.
    const stored = async () => {
      const [row] = await t.platform.database.db
        .select()
        .from(signatureSigner)
        .where(eq(signatureSigner.email, 'erika@example.de'));
      return sha256(await t.platform.files.read(row?.signatureFileKey ?? ''));
    };
    const before = await stored();
    const scribble = await sharp({
      create: { width: 300, height: 100, channels: 4, background: '#000000ff' },
    })
      .png()
      .toBuffer();
    const redrawn = await signer(erika, '', {
      method: 'POST',
      payload: {
        method: 'gezeichnet',
        image: `data:image/png;base64,${scribble.toString('base64')}`,
        consent: true,
      },
    });
    expect(redrawn.statusCode).toBe(409);
    expect(await stored()).toBe(before);
    const second = await signer(max, '', {
      method: 'POST',
      payload: { method: 'getippt', typedName: 'Max Verkäufer', consent: true },
    });
    expect(second.statusCode, second.body).toBe(204);

    const done = await waitForStatus(requestId, 'abgeschlossen');
    expect(done.signedVersion).toBe(2);
    expect(done.signers.map((s: { status: string; ip: string }) => [s.status, s.ip])).toEqual([
      ['unterschrieben', '127.0.0.1'],
      ['unterschrieben', '127.0.0.1'],
    ]);
    const signed = await signer(erika, '/signed?download=1');
    expect(signed.statusCode).toBe(200);
    expect(signed.headers['content-disposition']).toContain('Reservierungsvereinbarung_unterschrieben.pdf');
    expect(sha256(signed.rawPayload)).toBe(done.sha256After);
    expect((await PDFDocument.load(signed.rawPayload)).getPageCount()).toBe(3);
    const { pages } = await pdfText(signed.rawPayload);
    expect(pages[1]).toContain('Elektronisch unterschrieben: Erika Käufer');
    expect(pages[1]).toContain('Max Verkäufer');
    const audit = pages[2] ?? '';
    expect(audit).toContain('Unterschriftsprotokoll');
    expect(audit).toContain(done.sha256Before);
    expect(audit).toContain(done.sha256Signed);
    expect(audit).toContain('erika@example.de');
    expect(audit).toContain('127.0.0.1');
    expect(audit).toContain('Unterzeichner-Browser/2.0');
    expect(audit).toContain('im Browser gezeichnet');
    // The document's own versions now hold the sealed file as the current one.
    const doc = (await t.as(owner, { method: 'GET', url: `/api/documents/${contractId}` })).json();
    expect(doc.currentVersion).toBe(2);
    expect(doc.current.sha256).toBe(done.sha256After);
    const view = (await signer(erika)).json();
    expect(view.signedUrl).toContain('/signed');
  });

  it('tells an unchanged sealed PDF from an altered copy', async () => {
    const signed = (await signer(tokenOf(links[0]?.url ?? ''), '/signed')).rawPayload;
    const check = (body: Buffer) =>
      t.as(owner, {
        method: 'POST',
        url: '/api/documents/signatures/verify',
        payload: body,
        headers: { 'content-type': 'application/pdf' },
      });
    const ok = (await check(signed)).json();
    expect(ok).toMatchObject({ unchanged: true, request: { id: requestId } });
    const altered = Buffer.from(signed);
    altered[altered.length - 20] = (altered[altered.length - 20] ?? 0) ^ 1;
    expect((await check(altered)).json()).toMatchObject({ unchanged: false, request: null });
  });

  it('a withdrawn request answers 410; a declined one ends for everyone', async () => {
    const withdrawn = (
      await send({ documentId: contractId, signers: [{ name: 'A', email: 'a@example.de' }] })
    ).json();
    expect(
      (await t.as(owner, { method: 'POST', url: `/api/documents/signatures/${withdrawn.id}/cancel` }))
        .statusCode,
    ).toBe(204);
    const gone = await signer(tokenOf(withdrawn.links[0].url));
    expect(gone.statusCode).toBe(410);
    expect(gone.json().error.code).toBe('signature_cancelled');

    const declined = (
      await send({
        documentId: contractId,
        signers: [
          { name: 'B', email: 'b@example.de' },
          { name: 'C', email: 'c@example.de' },
        ],
      })
    ).json();
    const no = await signer(tokenOf(declined.links[0].url), '/decline', {
      method: 'POST',
      payload: { reason: 'Der Preis stimmt nicht.' },
    });
    expect(no.statusCode, no.body).toBe(204);
    const after = (
      await t.as(owner, { method: 'GET', url: `/api/documents/signatures/${declined.id}` })
    ).json();
    expect(after.status).toBe('abgelehnt');
    expect(after.signers[0]).toMatchObject({ status: 'abgelehnt', declineReason: 'Der Preis stimmt nicht.' });
    const late = await signer(tokenOf(declined.links[1].url), '', {
      method: 'POST',
      payload: { method: 'getippt', typedName: 'C C', consent: true },
    });
    expect(late.statusCode).toBe(409);
    expect((await signer('x'.repeat(43))).statusCode).toBe(404);
  });
});
