import { expect, test } from '@playwright/test';
import { signedIn } from './helpers.js';

/**
 * The owner of the demo office opens "Abrechnung": a self-hosted office runs without plan limits
 * and sees its usage, the plans there are and who changes the plan while no payment is set up.
 */
test('the billing page shows the plan, usage against the limits and the plans', async ({
  page,
}, testInfo) => {
  await signedIn(page);
  await page.getByRole('link', { name: 'Abrechnung' }).click();
  await expect(page.getByRole('heading', { name: 'Abrechnung' })).toBeVisible();
  await expect(page.getByTestId('current-plan')).toContainText('Eigenbetrieb – ohne Tarifgrenzen');
  const counts = (await (await page.request.get('/api/billing/plan')).json()) as {
    usage: { users: number; properties: number };
  };
  await expect(page.getByTestId('usage')).toContainText(`${counts.usage.properties} · unbegrenzt`);
  const plans = page.getByTestId('plans');
  await expect(plans.locator('li').filter({ hasText: 'Professional' }).first()).toContainText(
    /99\s€ netto im Monat/,
  );
  await expect(plans).toContainText('10 Benutzer');
  await expect(page.getByTestId('change-by')).toContainText('npm run plan');
  await testInfo.attach('abrechnung-desktop', {
    body: await page.screenshot({ fullPage: true, path: testInfo.outputPath('abrechnung-desktop.png') }),
    contentType: 'image/png',
  });
  await page.setViewportSize({ width: 390, height: 844 });
  await testInfo.attach('abrechnung-phone', {
    body: await page.screenshot({ fullPage: true, path: testInfo.outputPath('abrechnung-phone.png') }),
    contentType: 'image/png',
  });
});
