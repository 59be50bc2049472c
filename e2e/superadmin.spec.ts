import { expect, test } from '@playwright/test';
import { signedIn } from './helpers.js';

/**
 * An operator of the platform (here the demo office's admin, made one by SUPERADMIN_EMAILS) opens
 * "Plattform-Betrieb": every office with its figures, the system's health, usage over time and
 * the operators' own log, which already holds the requests just made.
 */
test('an operator sees the offices, the system health, usage and the own log', async ({ page }, testInfo) => {
  await signedIn(page, 'admin@bodensee-immobilien.de');
  await page.getByRole('link', { name: 'Plattform-Betrieb' }).click();
  await expect(page.getByRole('heading', { name: 'Plattform-Betrieb' })).toBeVisible();
  const tabs = page.getByRole('navigation', { name: 'Plattform-Betrieb' });
  const office = page.getByTestId('offices').locator('tr').filter({ hasText: 'Bodensee Immobilien GmbH' });
  await expect(office).toContainText('bodensee-immobilien');
  await expect(office).toContainText('Deaktivieren');
  await testInfo.attach('superadmin-desktop', {
    body: await page.screenshot({ fullPage: true, path: testInfo.outputPath('superadmin-desktop.png') }),
    contentType: 'image/png',
  });

  await tabs.getByRole('link', { name: 'System' }).click();
  const health = page.getByTestId('system-health');
  await expect(health).toContainText('pglite');
  await expect(health).toContainText('Hintergrundaufträge (pg-boss)');
  await expect(health).toContainText('1 gesamt, 0 deaktiviert');

  await tabs.getByRole('link', { name: 'Nutzung' }).click();
  await expect(page.getByText('Neue Büros · Neue Objekte')).toBeVisible();
  await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();

  await tabs.getByRole('link', { name: 'Protokoll' }).click();
  await expect(page.getByTestId('operator-log')).toContainText('GET /api/superadmin/health');
  await page.setViewportSize({ width: 390, height: 844 });
  await testInfo.attach('superadmin-phone', {
    body: await page.screenshot({ fullPage: true, path: testInfo.outputPath('superadmin-phone.png') }),
    contentType: 'image/png',
  });
});

/**
 * Support access with consent: the owner allows it for four hours in the settings; the operator
 * opens the office as support from the office list, works under a banner and ends it; the owner
 * sees who was in.
 */
test('the owner allows support access; the operator works under a banner and leaves', async ({
  page,
  browser,
}, testInfo) => {
  const owner = await browser.newPage();
  await signedIn(owner);
  await owner.getByRole('link', { name: 'Einstellungen' }).click();
  await owner.getByLabel('Dauer').selectOption({ label: '4 Stunden' });
  await owner.getByRole('button', { name: 'Zugriff erlauben' }).click();
  await expect(owner.getByTestId('support-grant')).toContainText('Der Support darf bis');

  await signedIn(page, 'admin@bodensee-immobilien.de');
  await page.getByRole('link', { name: 'Plattform-Betrieb' }).click();
  const office = page.getByTestId('offices').locator('tr').filter({ hasText: 'Bodensee Immobilien GmbH' });
  await expect(office).toContainText('Zugriff erlaubt bis');
  await office.getByRole('button', { name: 'Als Support öffnen' }).click();
  const banner = page.getByTestId('support-banner');
  await expect(banner).toContainText('Plattform-Support: Sie arbeiten mit Zustimmung');
  await expect(banner).toContainText('„Bodensee Immobilien GmbH“');
  await page.setViewportSize({ width: 390, height: 844 });
  await testInfo.attach('support-banner-phone', {
    body: await page.screenshot({ path: testInfo.outputPath('support-banner-phone.png') }),
    contentType: 'image/png',
  });
  await banner.getByRole('button', { name: 'Support-Zugriff beenden' }).click();
  await page.waitForURL('**/superadmin');
  await expect(page.getByTestId('support-banner')).toHaveCount(0);

  await owner.reload();
  await expect(owner.getByTestId('support-sessions')).toContainText('admin@bodensee-immobilien.de');
  await owner.getByRole('button', { name: 'Zugriff widerrufen' }).click();
  await expect(owner.getByRole('button', { name: 'Zugriff erlauben' })).toBeVisible();
  await owner.close();
});

/** The operator opens an office for a broker; the address follows the name; it is in the list. */
test('an operator opens an office for a new broker', async ({ page }, testInfo) => {
  await signedIn(page, 'admin@bodensee-immobilien.de');
  await page.getByRole('link', { name: 'Plattform-Betrieb' }).click();
  await page.getByRole('button', { name: 'Büro einrichten' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name des Büros').fill('Höri Immobilien');
  await expect(dialog.getByLabel('Adresse des Büros')).toHaveValue('hoeri-immobilien');
  await dialog.getByLabel('Name der Inhaberin bzw. des Inhabers').fill('Hilde Höri');
  await dialog.getByLabel('E-Mail der Inhaberin bzw. des Inhabers').fill('hilde@hoeri-immo.de');
  await page.setViewportSize({ width: 390, height: 844 });
  await testInfo.attach('open-office-phone', {
    body: await page.screenshot({ path: testInfo.outputPath('open-office-phone.png') }),
    contentType: 'image/png',
  });
  await dialog.getByRole('button', { name: 'Büro einrichten' }).click();
  await expect(
    page.getByText('„Höri Immobilien“ ist eingerichtet; hilde@hoeri-immo.de bekommt einen Link'),
  ).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 900 });
  const row = page.getByTestId('offices').locator('tr').filter({ hasText: 'Höri Immobilien' });
  await expect(row).toContainText('hoeri-immobilien');
  await expect(row).toContainText('professional · active');
});
