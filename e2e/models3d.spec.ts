import { expect, test } from '@playwright/test';
import { signIn } from './helpers.js';

test('a 3D model is made from a description, shown in the viewer and listed with its rooms', async ({
  page,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await signIn(page);
  await page
    .getByRole('navigation', { name: 'Navigation' })
    .first()
    .getByRole('link', { name: '3D-Modelle' })
    .click();
  await expect(page.getByRole('heading', { name: '3D-Modelle', exact: true })).toBeVisible();

  const form = page.getByRole('form', { name: 'Neues 3D-Modell' });
  await form.getByRole('tab', { name: 'Beschreibung' }).click();
  await form.getByLabel('Beschreibung').fill('3-Zimmer-Wohnung, 85 m², offene Küche, Balkon nach Süden');
  await form.getByRole('button', { name: 'Modell erzeugen' }).click();

  await expect(page.getByRole('heading', { name: '3-Zimmer-Wohnung' })).toBeVisible();
  const understood = page.getByText(/^Verstanden:/);
  for (const item of ['3 Zimmer', '85 m²', 'offene Küche', 'Balkon'])
    await expect(understood).toContainText(item);
  await expect(page.getByTestId('model-figures')).toContainText('1 Geschoss(e)');
  await expect(page.getByTestId('room-table')).toContainText('Wohnen/Kochen');
  const viewer = page.getByTestId('model-viewer');
  await expect(viewer.locator('canvas')).toBeVisible();
  // Room labels are placed once the GLB has loaded and been read.
  await expect(viewer.getByText(/Wohnen\/Kochen · \d/)).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Draufsicht' }).click();
  await expect(viewer.getByText(/Schlafzimmer · \d/)).toBeVisible({ timeout: 20_000 });

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'GLB herunterladen' }).click();
  expect((await downloading).suggestedFilename()).toBe('3-zimmer-wohnung.glb');
  expect(pageErrors).toEqual([]);
});

test('a model made for a listing on the market shows as a 3D tour on its public page', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await signIn(page);
  await page
    .getByRole('navigation', { name: 'Navigation' })
    .first()
    .getByRole('link', { name: '3D-Modelle' })
    .click();
  await expect(page.getByRole('heading', { name: '3D-Modelle', exact: true })).toBeVisible();
  const list = await page.request.get('/api/crm/properties?pageSize=100&status=aktiv');
  const listing = (
    (await list.json()).items as { id: string; title: string; slug: string; status: string }[]
  ).find((p) => p.status === 'aktiv');
  expect(listing).toBeTruthy();

  const form = page.getByRole('form', { name: 'Neues 3D-Modell' });
  await form.getByLabel('Vorlage').selectOption('2-zimmer');
  await form.getByLabel('Objekt (optional)').selectOption(listing?.id ?? '');
  await form.getByRole('button', { name: 'Modell erzeugen' }).click();
  await expect(page.getByRole('heading', { name: '2-Zimmer-Wohnung' })).toBeVisible();

  await page.goto(`/p/${listing?.slug}`);
  const tour = page.frameLocator('iframe[title="3D-Rundgang"]');
  await expect(tour.getByTestId('embedded-model')).toBeVisible({ timeout: 20_000 });
  await expect(tour.locator('canvas')).toBeVisible();
  await expect(tour.getByText(/Wohnzimmer · \d/)).toBeVisible({ timeout: 20_000 });
  expect(pageErrors).toEqual([]);
});
