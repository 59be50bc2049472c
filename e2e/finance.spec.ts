import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { signIn } from './helpers.js';

test('a financing plan for a property is computed and handed over as a PDF with the same rate', async ({
  page,
}, testInfo) => {
  await signIn(page);
  await page
    .getByRole('navigation', { name: 'Navigation' })
    .first()
    .getByRole('link', { name: 'Finanzierung' })
    .click();
  await expect(page.getByRole('link', { name: 'Finanzierungsplan' })).toBeVisible();

  // A listing for sale, so its price becomes the loan.
  const list = await page.request.get('/api/crm/properties?pageSize=100');
  const forSale = (
    (await list.json()).items as { id: string; marketingType: string; purchasePrice: number | null }[]
  ).find((p) => p.marketingType === 'kauf' && p.purchasePrice);
  expect(forSale).toBeTruthy();
  await page.getByLabel('Objekt', { exact: true }).selectOption(forSale?.id ?? '');
  await expect(page.getByText('Werte des Objekts übernommen')).toBeVisible();
  const amount = page.getByLabel('Darlehensbetrag (€)');
  await expect(amount).not.toHaveValue('300.000');

  await page.getByLabel('Sollzins (%)').fill('3,8');
  await page.getByLabel('Sondertilgung je Jahr (€)').fill('5.000');
  const rate = page.getByTestId('monthly-rate');
  await expect(rate).toHaveText(/\d+,\d{2}\s€/);
  // The debounced recalculation settles on the last input.
  await expect(page.getByText('Effektiver Jahreszins')).toBeVisible();
  await page.waitForLoadState('networkidle');
  const shown = (await rate.textContent())?.replace(/\s*€/, '').trim() ?? '';
  expect(shown).toMatch(/^\d{1,3}(\.\d{3})*,\d{2}$/);
  await expect(page.getByRole('table')).toContainText('Restschuld Ende');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'PDF für Kunden' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('finanzierungsplan.pdf');
  const file = testInfo.outputPath('finanzierungsplan.pdf');
  await download.saveAs(file);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('Finanzierungsplan');
  expect(text).toMatch(new RegExp(`Monatliche Rate\\s+${shown.replace(/\./g, '\\.')} €`));
  expect(text).toContain('Tilgungsplan (jährlich)');

  await page.getByRole('button', { name: 'Am Objekt speichern' }).click();
  await expect(page.getByText('Berechnung gespeichert.')).toBeVisible();
  await page.getByRole('link', { name: 'Gespeichert' }).click();
  await expect(page.getByText(`Rate ${shown}`)).toBeVisible();
});

test('the side-cost calculator refuses a buyer share above half for a flat and says why', async ({
  page,
}) => {
  await signIn(page);
  await page
    .getByRole('navigation', { name: 'Navigation' })
    .first()
    .getByRole('link', { name: 'Finanzierung' })
    .click();
  await page.getByRole('link', { name: 'Kaufnebenkosten' }).click();
  await expect(page.getByTestId('side-costs')).toHaveText(/€/);
  await page.getByLabel('Anteil Käufer (%)').fill('100');
  await expect(page.getByRole('alert')).toContainText('§§ 656c, 656d BGB');
  await page.getByLabel('Käufer ist Verbraucher').uncheck();
  await expect(page.getByRole('alert')).toHaveCount(0);
});
