import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { pickProperty, signIn } from './helpers.js';

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
  await pickProperty(page, { id: forSale?.id ?? '' });
  await expect(page.getByText('Werte des Objekts übernommen')).toBeVisible();
  const amount = page.getByLabel('Darlehensbetrag (€)');
  await expect(amount).not.toHaveValue('300.000');

  await page.getByLabel('Sollzins (%)').fill('3,8');
  await page.getByLabel('Sondertilgung je Jahr (€)').fill('5.000');
  // The rate follows from the inputs: loan × (3,8 % Sollzins + 2 % Tilgung) / 12. Waiting for exactly
  // that figure also waits out the debounced recalculation after the last keystroke.
  const loanCents = Math.round(
    Number((await amount.inputValue()).replace(/\./g, '').replace(',', '.')) * 100,
  );
  const expectedCents = Math.round((loanCents * 5.8) / 1200);
  const shown = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2 }).format(expectedCents / 100);
  const rate = page.getByTestId('monthly-rate');
  await expect(rate).toHaveText(`${shown}\u00a0€`);
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
  await expect(page.getByText(`Rate ${shown}`).first()).toBeVisible();

  // The property page starts the same calculator with the listing already chosen.
  await page.goto(`/objekte/${forSale?.id}`);
  await page.getByRole('link', { name: 'Finanzierung rechnen' }).click();
  const chosen = await (await page.request.get(`/api/crm/properties/${forSale?.id}`)).json();
  await expect(page.getByRole('combobox', { name: 'Objekt', exact: true })).toHaveValue(
    `${chosen.title} · ${chosen.city}`,
  );
  await expect(page.getByText('Werte des Objekts übernommen')).toBeVisible();
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
