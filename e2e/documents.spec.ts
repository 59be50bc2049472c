import { execFileSync } from 'node:child_process';
import { expect, type Page, test } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { signIn } from './helpers.js';

async function contractPdf(title: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  page.drawText(title, { x: 60, y: 760, size: 18, font });
  page.drawText('Der Kaeufer reserviert die Wohnung Seestrasse 7 in Meersburg.', {
    x: 60,
    y: 720,
    size: 11,
    font,
  });
  page.drawText('Unterschrift Kaeufer', { x: 60, y: 140, size: 10, font });
  return Buffer.from(await pdf.save());
}

async function openPropertyDocuments(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Navigation' })
    .first()
    .getByRole('link', { name: 'Objekte' })
    .click();
  await expect(page.getByRole('heading', { name: 'Objekte' })).toBeVisible();
  const list = await page.request.get('/api/crm/properties?pageSize=1');
  const [first] = (await list.json()).items as { id: string }[];
  await page.goto(`/objekte/${first?.id}?tab=documents`);
  await expect(page.getByRole('region', { name: 'Dateien hier ablegen' })).toBeVisible();
}

/** Drops a one-page PDF named after its title into the open folder and waits until it is listed. */
async function uploadPdf(page: Page, title: string): Promise<void> {
  await page.getByTestId('document-file-input').setInputFiles({
    name: `${title}.pdf`,
    mimeType: 'application/pdf',
    buffer: await contractPdf(title),
  });
  await expect(page.getByText('1 Dokument(e) hochgeladen.')).toBeVisible();
  await expect(page.getByRole('link', { name: title })).toBeVisible();
}

test('a PDF is uploaded, sent for signature, signed in a second browser and comes back sealed with its audit page', async ({
  page,
  browser,
}, testInfo) => {
  // pdf.js, the signer's fresh browser and the sealing job take their time on two cores.
  test.setTimeout(120_000);
  const title = `Reservierung E2E ${Date.now()}`;
  await signIn(page);
  await openPropertyDocuments(page);

  await uploadPdf(page, title);
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();

  await page.getByRole('link', { name: 'Zur Unterschrift senden' }).click();
  await page.getByLabel('Name 1').fill('Erika Käuferin');
  await page.getByLabel('E-Mail 1').fill('erika.kaeuferin@example.de');
  // Place the signature where the contract says so: lower left of page 1.
  const sheet = page.getByTestId('place-page-1');
  await expect(page.getByTestId('pdf-page-1')).toBeVisible({ timeout: 20_000 });
  const box = await sheet.boundingBox();
  if (!box) throw new Error('page not rendered');
  await sheet.click({ position: { x: box.width * 0.3, y: box.height * 0.8 } });
  await expect(page.getByRole('button', { name: 'Erika Käuferin: Unterschrift' })).toBeVisible();
  await page.getByRole('button', { name: 'Senden', exact: true }).click();
  await expect(page.getByTestId('signature-sent')).toBeVisible();
  const signingLink = await page.getByTestId('one-time-link').inputValue();
  expect(signingLink).toMatch(/\/signieren\/[A-Za-z0-9_-]{43}$/);

  // The signer has no account: a fresh browser context, as from the e-mail.
  const signerContext = await browser.newContext({ locale: 'de-DE' });
  const signer = await signerContext.newPage();
  await signer.goto(signingLink);
  await expect(signer.getByRole('heading', { name: title })).toBeVisible();
  // pdf.js and its worker load fresh in this context; on two busy cores that takes a few seconds.
  await expect(signer.getByTestId('signature-field').first()).toBeVisible({ timeout: 20_000 });
  const pad = signer.getByTestId('signature-pad');
  const padBox = await pad.boundingBox();
  if (!padBox) throw new Error('pad not shown');
  await signer.mouse.move(padBox.x + 30, padBox.y + padBox.height * 0.7);
  await signer.mouse.down();
  for (const [dx, dy] of [
    [0.2, 0.2],
    [0.35, 0.75],
    [0.5, 0.3],
    [0.7, 0.7],
    [0.9, 0.25],
  ] as const)
    await signer.mouse.move(padBox.x + padBox.width * dx, padBox.y + padBox.height * dy, { steps: 8 });
  await signer.mouse.up();
  await signer.getByLabel(/Ich habe das Dokument gelesen/).check();
  await signer.getByRole('button', { name: 'Verbindlich unterschreiben' }).click();
  const downloadLink = signer.getByRole('link', { name: 'Unterschriebenes Dokument herunterladen' });
  await expect(downloadLink).toBeVisible({ timeout: 30_000 });
  const downloading = signer.waitForEvent('download');
  await downloadLink.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${title}_unterschrieben.pdf`);
  const file = testInfo.outputPath('signed.pdf');
  await download.saveAs(file);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('Elektronisch unterschrieben: Erika Käuferin');
  expect(text).toContain('Unterschriftsprotokoll');
  expect(text).toContain('erika.kaeuferin@example.de');
  expect(text).toContain('im Browser gezeichnet');
  expect(text).toMatch(/Original vor der Unterschrift:\s+[0-9a-f]{64}/);
  await signerContext.close();

  // The broker sees the request completed, with the sealed PDF as the document's new version.
  await page.getByRole('link', { name: `← ${title}` }).click();
  await expect(page.getByTestId('signature-requests')).toContainText('abgeschlossen', { timeout: 15_000 });
  await expect(page.getByTestId('document-versions')).toContainText(`${title}_unterschrieben.pdf`);
});

test('a data room with a password opens for the buyer and stops at once when revoked', async ({
  page,
  browser,
}) => {
  const title = `Grundbuchauszug E2E ${Date.now()}`;
  await signIn(page);
  await openPropertyDocuments(page);
  await uploadPdf(page, title);

  await page.getByRole('button', { name: 'Datenraum freigeben' }).click();
  const dialog = page.getByRole('dialog', { name: 'Datenraum freigeben' });
  await dialog.getByLabel(title).check();
  await dialog.getByLabel('Für (Name)').fill('Familie Weber');
  await dialog.getByLabel('Passwort (optional)').fill('Meersburg-7');
  await dialog.getByRole('button', { name: 'Freigeben' }).click();
  await expect(dialog.getByTestId('share-created')).toBeVisible();
  const link = await dialog.getByTestId('one-time-link').inputValue();
  await dialog.getByRole('button', { name: 'OK' }).click();

  const buyerContext = await browser.newContext({ locale: 'de-DE' });
  const buyer = await buyerContext.newPage();
  await buyer.goto(link);
  await expect(buyer.getByRole('heading', { name: 'Passwort erforderlich' })).toBeVisible();
  await buyer.getByLabel('Passwort').fill('falsch!');
  await buyer.getByRole('button', { name: 'Öffnen' }).click();
  await expect(buyer.getByText('Das Passwort stimmt nicht.')).toBeVisible();
  await buyer.getByLabel('Passwort').fill('Meersburg-7');
  await buyer.getByRole('button', { name: 'Öffnen' }).click();
  await expect(buyer.getByRole('heading', { name: 'Unterlagen für Familie Weber' })).toBeVisible();
  await expect(buyer.getByText(title, { exact: true })).toBeVisible();

  const row = page.getByTestId('data-room-list').getByRole('listitem').filter({ hasText: 'Familie Weber' });
  await row.getByRole('button', { name: 'Widerrufen' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Widerrufen' }).click();
  await expect(row).toContainText('widerrufen');
  await row.getByRole('button', { name: 'Protokoll' }).click();
  await expect(page.getByTestId('access-log')).toContainText('falsches Passwort');

  await buyer.reload();
  await expect(
    buyer.getByRole('heading', { name: 'Dieser Datenraum ist nicht mehr erreichbar.' }),
  ).toBeVisible();
  await buyerContext.close();
});
