import { expect, test } from '@playwright/test';
import { signedIn } from './helpers.js';

/**
 * The owner adds the office's own domain in the settings as people paste it, reads the DNS
 * records to set (TXT value, CNAME target, the address the check reads), and removes it again.
 * The DNS check itself runs against a real DNS server in custom-domain.int.test.ts.
 */
test('the owner adds an own domain, sees the DNS records to set and removes it', async ({
  page,
}, testInfo) => {
  await signedIn(page);
  await page.getByRole('link', { name: 'Einstellungen' }).click();
  const field = page.getByLabel('Domain', { exact: true });
  await field.fill('https://Immobilien.Bodensee-Makler.de/');
  await page.getByRole('button', { name: 'Domain eintragen' }).click();
  const card = page.getByTestId('office-domain');
  await expect(card).toContainText('immobilien.bodensee-makler.de');
  await expect(card).toContainText('Noch nicht bestätigt');
  await expect(card).toContainText('_immoxx-verification.immobilien.bodensee-makler.de');
  await expect(card).toContainText(/immoxx-verification=[\w-]{20,}/);
  await card.scrollIntoViewIfNeeded();
  await testInfo.attach('own-domain-desktop', {
    body: await card.screenshot({ path: testInfo.outputPath('own-domain-desktop.png') }),
    contentType: 'image/png',
  });
  await page.setViewportSize({ width: 390, height: 844 });
  await card.scrollIntoViewIfNeeded();
  await testInfo.attach('own-domain-phone', {
    body: await page.screenshot({ path: testInfo.outputPath('own-domain-phone.png') }),
    contentType: 'image/png',
  });
  await page.getByRole('button', { name: 'Domain entfernen' }).click();
  await expect(page.getByRole('button', { name: 'Domain eintragen' })).toBeVisible();

  // An IP address is refused with a message, and nothing is stored.
  await field.fill('192.168.1.10');
  await field.press('Enter');
  await expect(page.getByText('Bitte eine Domain angeben, keine IP-Adresse.')).toBeVisible();
  await expect(page.getByTestId('office-domain')).toHaveCount(0);
});
