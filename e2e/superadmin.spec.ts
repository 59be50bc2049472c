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
