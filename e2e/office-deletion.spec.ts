import { expect, test } from '@playwright/test';
import { signedIn } from './helpers.js';

/**
 * The owner asks to delete the office, confirming with its name; every page then says when it
 * goes, and the owner calls it off again.
 */
test('the owner schedules the office’s deletion, sees the banner and calls it off', async ({
  page,
}, testInfo) => {
  await signedIn(page);
  await page.getByRole('link', { name: 'Einstellungen' }).click();
  const field = page.getByLabel('Zur Bestätigung den Namen des Büros eingeben: Bodensee Immobilien GmbH');
  const request = page.getByRole('button', { name: 'Büro löschen' });
  await field.fill('Bodensee');
  await expect(request).toBeDisabled();
  await field.fill('Bodensee Immobilien GmbH');
  await request.click();
  await expect(page.getByTestId('office-deletion')).toContainText('endgültig gelöscht');
  const banner = page.getByTestId('deletion-banner');
  await expect(banner).toContainText(/wird am \d{2}\.\d{2}\.\d{4} endgültig gelöscht/);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('office-deletion').scrollIntoViewIfNeeded();
  await testInfo.attach('office-deletion-phone', {
    body: await page.screenshot({ path: testInfo.outputPath('office-deletion-phone.png') }),
    contentType: 'image/png',
  });
  await page.getByRole('button', { name: 'Löschung abbrechen' }).click();
  await expect(page.getByText('Löschung abgebrochen; das Büro bleibt bestehen.')).toBeVisible();
  await expect(banner).toHaveCount(0);
});
