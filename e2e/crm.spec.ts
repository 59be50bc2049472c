import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { signIn } from './helpers.js';

const photo = async (hue: number) =>
  sharp({ create: { width: 1200, height: 800, channels: 3, background: `hsl(${hue},60%,60%)` } })
    .jpeg({ quality: 80 })
    .toBuffer();

test('a property with photos and energy data goes live, its public form creates a lead that is matched', async ({
  page,
  context,
}) => {
  const title = `Seeblick-Maisonette E2E ${Date.now()}`;
  await signIn(page);
  await page
    .getByRole('navigation', { name: 'Navigation' })
    .first()
    .getByRole('link', { name: 'Objekte' })
    .click();
  await expect(page.getByRole('heading', { name: 'Objekte' })).toBeVisible();
  await page.getByRole('link', { name: 'Neues Objekt' }).click();

  const form = page.getByRole('form', { name: 'Neues Objekt' });
  await form.getByLabel('Titel', { exact: true }).fill(title);
  await form.getByLabel('Unterart').selectOption('maisonette');
  await form.getByLabel('Straße', { exact: true }).fill('Seestraße');
  await form.getByLabel('Hausnummer').fill('12');
  await form.getByLabel('PLZ').fill('88709');
  await form.getByLabel('Ort', { exact: true }).fill('Meersburg');
  await form.getByLabel('Wohnfläche (m²)').fill('112,5');
  await form.getByLabel('Zimmer', { exact: true }).fill('4');
  await form.getByLabel('Baujahr', { exact: true }).fill('1998');
  await form.getByLabel('Kaufpreis (€)').fill('785.000');
  await form.getByLabel('Provision (Käufer/Mieter)').fill('3,57 % inkl. MwSt.');
  await form.getByLabel('Art des Ausweises').selectOption('bedarf');
  await form.getByLabel('Energiekennwert (kWh/(m²·a))').fill('74,2');
  await form.getByLabel('Wesentlicher Energieträger').selectOption('waermepumpe');
  await form.getByLabel('Effizienzklasse').selectOption('B');
  await form.getByLabel('Baujahr laut Ausweis').fill('1998');
  await form.getByLabel('Ausgestellt am').fill('2024-05-02');
  await form.getByLabel('Gültig bis').fill('2034-05-01');
  await form.getByLabel('Balkon').check();
  await form.getByLabel('Seeblick').check();
  await form
    .getByLabel('Objektbeschreibung')
    .fill('Lichtdurchflutete Maisonette mit Blick über den Bodensee bis zu den Alpen.');
  await form.getByRole('button', { name: 'Neues Objekt' }).click();

  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(page.getByTestId('property-warnings')).toContainText('keine Fotos');
  await page.getByTestId('photo-input').setInputFiles([
    { name: 'aussen.jpg', mimeType: 'image/jpeg', buffer: await photo(200) },
    { name: 'wohnen.jpg', mimeType: 'image/jpeg', buffer: await photo(30) },
  ]);
  await expect(page.getByText('2 Datei(en) hochgeladen.')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Bilder & Grundrisse' }).getByRole('listitem')).toHaveCount(2);
  await expect(page.getByTestId('property-warnings')).toHaveCount(0);

  await page.getByRole('button', { name: 'Status: Aktiv' }).click();
  await expect(page.getByText('Status geändert: Aktiv.')).toBeVisible();
  const publicLink = page.getByRole('link', { name: 'Öffentliche Seite' });
  const publicUrl = await publicLink.getAttribute('href');
  expect(publicUrl).toMatch(/\/p\//);

  // The public page, as a visitor without a session sees it.
  const visitor = await context.browser()?.newContext({ locale: 'de-DE' });
  if (!visitor) throw new Error('no browser');
  const listing = await visitor.newPage();
  await listing.goto(publicUrl as string);
  await expect(listing.getByRole('heading', { name: title })).toBeVisible();
  await expect(listing.getByText(/Kaufpreis 785\.000\s€/)).toBeVisible();
  await expect(
    listing.getByText('Energiebedarfsausweis, Endenergiebedarf 74,2 kWh/(m²·a)', { exact: false }),
  ).toBeVisible();
  expect(await listing.locator('meta[property="og:title"]').getAttribute('content')).toBe(title);
  await listing.getByLabel('Name', { exact: true }).fill('Paula Interessentin');
  await listing.getByLabel('E-Mail', { exact: true }).fill('paula.e2e@example.de');
  await listing.getByLabel('Nachricht').fill('Ich möchte die Wohnung gern besichtigen.');
  await listing.getByRole('checkbox').check();
  await listing.getByRole('button', { name: /Anfrage senden/ }).click();
  await expect(listing.getByRole('status')).toContainText('Vielen Dank');
  await visitor.close();

  // Back in the CRM: the lead is matched to the property and the inquiry is on the timeline.
  await page.getByRole('tab', { name: 'Passende Kontakte' }).click();
  const match = page
    .getByRole('list', { name: 'Passende Kontakte' })
    .getByRole('listitem')
    .filter({ hasText: 'Paula Interessentin' });
  await expect(match).toBeVisible();
  await expect(match).toContainText('paula.e2e@example.de');
  await match.getByRole('link', { name: 'Paula Interessentin' }).click();
  await expect(page.getByRole('heading', { name: 'Paula Interessentin' })).toBeVisible();
  await expect(page.getByText(`Anfrage zu „${title}“ (website)`)).toBeVisible();
});

test('the viewings calendar shows demo viewings and plans a new one', async ({ page }) => {
  await signIn(page);
  await page
    .getByRole('navigation', { name: 'Navigation' })
    .first()
    .getByRole('link', { name: 'Besichtigungen' })
    .click();
  await expect(page.getByRole('heading', { name: 'Besichtigungen' })).toBeVisible();
  await page.getByRole('button', { name: 'Besichtigung planen' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Objekt', { exact: true }).selectOption({ index: 1 });
  // "Trotzdem speichern" when the demo calendar already has something at that time.
  await dialog.getByRole('button', { name: /speichern$/i }).click();
  await expect(page.getByText('Besichtigung geplant.')).toBeVisible();
});

test('exports the active demo listings as an OpenImmo ZIP with progress', async ({ page }) => {
  await signIn(page);
  await page
    .getByRole('navigation', { name: 'Navigation' })
    .first()
    .getByRole('link', { name: 'Objekte' })
    .click();
  await page.getByRole('link', { name: 'OpenImmo-Dateien' }).click();
  await expect(page.getByRole('heading', { name: 'OpenImmo-Dateien' })).toBeVisible();
  await page.getByRole('button', { name: 'Vollabgleich' }).click();
  await expect(page.getByText('Export gestartet.')).toBeVisible();
  const download = page.getByRole('list', { name: 'Export' }).getByRole('link', { name: 'ZIP' }).first();
  await expect(download).toBeVisible({ timeout: 60_000 });
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  expect(file.suggestedFilename()).toMatch(/^openimmo-voll-\d{12}\.zip$/);
  await expect(page.getByRole('list', { name: 'Export' })).toContainText(
    /\d+ Objekte, 0 geändert, 0 gelöscht/,
  );
});
