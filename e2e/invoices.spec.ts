import { expect, test } from '@playwright/test';
import { signedIn } from './helpers.js';

/**
 * The owner enters the office's invoice details (prefilled from the Impressum), issues a
 * commission invoice for a sold listing to a buyer from the CRM, opens its PDF and XRechnung,
 * and cancels it with a credit note.
 */
test('a commission invoice for a sold listing, then its credit note', async ({ page }, testInfo) => {
  await signedIn(page);
  await page.getByRole('link', { name: 'Rechnungen' }).click();
  await expect(page.getByRole('heading', { name: 'Rechnungen', level: 1 })).toBeVisible();

  const form = page.getByRole('form', { name: 'Rechnungsdaten des Büros' });
  if (await form.isVisible()) {
    await expect(page.getByText('Bevor Sie Rechnungen ausstellen')).toBeVisible();
    await form.getByLabel('IBAN').fill('DE02 1203 0000 0000 2020 52');
    await form.getByLabel('Straße und Hausnummer').fill('Seestraße 12');
    await form.getByLabel('PLZ').fill('88709');
    await form.getByLabel('Ort').fill('Meersburg');
    await form.getByLabel('USt-IdNr.').fill('DE123456789');
    await form.getByLabel('Telefon').fill('+49 7532 1234');
    await form.getByLabel('E-Mail für Rechnungen').fill('rechnung@bodensee-immobilien.de');
    await form.getByRole('button', { name: 'Speichern' }).click();
    await expect(form.getByText('Keine gültige IBAN (Prüfziffer stimmt nicht)')).toBeVisible();
    await form.getByLabel('IBAN').fill('DE02 1203 0000 0000 2020 51');
    await form.getByRole('button', { name: 'Speichern' }).click();
  }
  await expect(page.getByTestId('invoice-settings')).toContainText('DE02 1203 0000 0000 2020 51');

  const buyer = (
    (await (await page.request.get('/api/crm/contacts?pageSize=50')).json()) as {
      items: {
        lastName: string | null;
        firstName: string | null;
        city: string | null;
        street: string | null;
        companyName: string | null;
      }[];
    }
  ).items.find((c) => c.lastName && c.street && c.city && !c.companyName)!;

  await page.getByRole('button', { name: 'Provisionsrechnung erstellen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Provisionsrechnung erstellen' });
  await dialog.getByLabel('Rechnungsempfänger suchen').fill(buyer.lastName!);
  await dialog
    .getByRole('list', { name: 'Rechnungsempfänger' })
    .getByRole('button')
    .filter({ hasText: buyer.lastName! })
    .first()
    .click();
  await expect(dialog.getByTestId('chosen-contact')).toContainText(buyer.city!);
  await dialog.getByLabel('Berechnung').selectOption('fixed');
  await dialog.getByLabel('Betrag netto in €').fill('12.500,00');
  await expect(dialog.getByTestId('commission-preview')).toContainText(
    /Netto 12\.500,00\s€ · USt 19 % 2\.375,00\s€ · Gesamt 14\.875,00\s€/,
  );
  await testInfo.attach('provisionsrechnung-dialog', {
    body: await page.screenshot({ path: testInfo.outputPath('provisionsrechnung-dialog.png') }),
    contentType: 'image/png',
  });
  await dialog.getByRole('button', { name: 'Rechnung ausstellen' }).click();
  await expect(page.getByText(/Rechnung RE-\d{4}-\d{4} ausgestellt/)).toBeVisible();

  const table = page.getByTestId('invoice-table');
  const row = table.locator('tr').filter({ hasText: buyer.lastName! }).first();
  await expect(row).toContainText(/14\.875,00\s€/);
  await expect(row).toContainText('ausgestellt');
  const number = ((await row.locator('td').first().textContent()) ?? '').trim();

  const pdf = await page.request.get((await row.getByRole('link', { name: 'PDF' }).getAttribute('href'))!);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).toString('latin1')).toContain('factur-x.xml');
  const xml = await page.request.get(
    (await row.getByRole('link', { name: 'XRechnung' }).getAttribute('href'))!,
  );
  expect(await xml.text()).toContain(`<cbc:ID>${number}</cbc:ID>`);

  await testInfo.attach('rechnungen-desktop', {
    body: await page.screenshot({ fullPage: true, path: testInfo.outputPath('rechnungen-desktop.png') }),
    contentType: 'image/png',
  });

  await row.getByRole('button', { name: 'Stornieren' }).click();
  await page
    .getByRole('dialog', { name: `Rechnung ${number} stornieren?` })
    .getByRole('button', { name: 'Stornieren' })
    .click();
  await expect(page.getByText(/Gutschrift RE-\d{4}-\d{4} ausgestellt/)).toBeVisible();
  const original = table
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: number, exact: true }) });
  await expect(original).toContainText('storniert durch');
  await expect(table).toContainText(`Gutschrift zu ${number}`);

  await page.setViewportSize({ width: 390, height: 844 });
  await testInfo.attach('rechnungen-phone', {
    body: await page.screenshot({ fullPage: true, path: testInfo.outputPath('rechnungen-phone.png') }),
    contentType: 'image/png',
  });
});
