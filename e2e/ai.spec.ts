import { expect, test } from '@playwright/test';
import { pickProperty, signIn } from './helpers.js';

test('a listing description is generated offline, checked and saved to the property', async ({ page }) => {
  await signIn(page);
  await page
    .getByRole('navigation', { name: 'Navigation' })
    .first()
    .getByRole('link', { name: 'KI-Studio' })
    .click();
  await expect(page.getByRole('heading', { name: 'KI-Studio' })).toBeVisible();

  const picked = await pickProperty(page);
  const propertyId = picked.id;
  await expect(page.getByLabel('Anbieter')).toHaveValue('');
  await page.getByRole('button', { name: 'Erzeugen' }).click();

  const result = page.getByLabel('Ergebnis', { exact: true });
  await expect(result).toHaveValue(/Energieausweis|Grundstück/);
  await expect(page.getByText(/Offline erzeugt: Vorlagen-Engine/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Prüfung (AGG, GEG § 87, Angaben)' })).toBeVisible();

  // An edit that excludes families is flagged with its words, and the fix removes them.
  const generated = await result.inputValue();
  await result.fill(`${generated}\n\nKeine Kinder.`);
  const findings = page.getByRole('list', { name: 'Prüfung (AGG, GEG § 87, Angaben)' });
  await expect(findings.getByText('Keine Kinder', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Als Objektbeschreibung speichern' })).toBeDisabled();
  await findings.getByRole('button', { name: 'Korrektur übernehmen' }).first().click();
  await expect(findings.getByText('Keine Kinder', { exact: true })).toHaveCount(0);

  const finalText = await result.inputValue();
  await page.getByRole('button', { name: 'Als Objektbeschreibung speichern' }).click();
  await expect(page.getByText('Beschreibung im Objekt gespeichert.')).toBeVisible();

  await page.goto(`/objekte/${propertyId}`);
  await expect(page.getByLabel('Objektbeschreibung')).toHaveValue(finalText);
  // The property page leads back into the studio with the listing already chosen.
  await page.getByRole('link', { name: 'Grafiken & Reel' }).click();
  await expect(page.getByLabel('Was soll entstehen?')).toHaveValue('social_graphic');
  await expect(page.getByRole('combobox', { name: 'Objekt', exact: true })).toHaveValue(
    new RegExp(`^${picked.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
  );

  await page.goto('/ki/verlauf');
  await expect(page.getByRole('link', { name: 'Wiederverwenden' }).first()).toBeVisible();
});

test('social graphics and a property reel are made locally from the listing photos', async ({ page }) => {
  // The reel is rendered by ffmpeg in a job; on two cores that takes several seconds.
  test.setTimeout(120_000);
  await signIn(page);
  await page
    .getByRole('navigation', { name: 'Navigation' })
    .first()
    .getByRole('link', { name: 'KI-Studio' })
    .click();
  await page.getByRole('link', { name: 'Grafik & Video' }).click();
  await expect(page.getByLabel('Was soll entstehen?')).toHaveValue('social_graphic');

  await pickProperty(page);
  await page.getByRole('button', { name: 'Erzeugen' }).click();
  await expect(page.getByText('Lokal erstellt (ohne KI-Anbieter)')).toBeVisible();
  const feed = page.getByRole('img', { name: 'Feed 1080 × 1080' });
  await expect(feed).toBeVisible();
  await expect
    .poll(() => feed.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]))
    .toEqual([1080, 1080]);
  await expect(page.getByRole('img', { name: 'Story/Reel 1080 × 1920' })).toBeVisible();

  // A free image needs a provider; the page says so instead of offering a button that cannot work.
  await page.getByLabel('Was soll entstehen?').selectOption('image');
  await expect(page.getByText(/Für freie Bilder ist OpenAI oder Stability AI nötig/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Erzeugen' })).toBeDisabled();

  await page.getByLabel('Was soll entstehen?').selectOption('property_reel');
  // Demo photos are rendered by a background job after start; take a listing that has them.
  let withPhotos = '';
  await expect
    .poll(async () => {
      const list = await page.request.get('/api/crm/properties?pageSize=100');
      const items = (await list.json()).items as { id: string; titleImage: unknown }[];
      withPhotos = items.find((item) => item.titleImage)?.id ?? '';
      return withPhotos;
    })
    .not.toBe('');
  await pickProperty(page, { id: withPhotos });
  await page.getByLabel('Sekunden pro Foto').selectOption('2');
  await page.getByRole('button', { name: 'Erzeugen' }).click();
  await expect(page.getByRole('progressbar', { name: 'Fortschritt' })).toBeVisible();
  const video = page.locator('video');
  await expect(video).toBeVisible({ timeout: 90_000 });
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => [v.videoWidth, v.videoHeight]), { timeout: 15_000 })
    .toEqual([1080, 1920]);
});
