import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, type TestInfo, test } from '@playwright/test';
import { signedIn } from './helpers.js';

/** Issue 18: what a broker and their customers see, tried in the real UI. */

const PHONE = { width: 390, height: 844 };

async function attachScreenshot(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
}

/** First page of a PDF as PNG through poppler (installed by .ci/run), attached for a person's eye. */
async function attachPdf(testInfo: TestInfo, name: string, pdf: Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'immoxx-e2e-pdf-'));
  writeFileSync(join(dir, 'doc.pdf'), pdf);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    '1',
    '-l',
    '2',
    join(dir, 'doc.pdf'),
    join(dir, 'page'),
  ]);
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort())
    await testInfo.attach(`${name} ${file}`, {
      body: readFileSync(join(dir, file)),
      contentType: 'image/png',
    });
}

test('typed filters apply on Enter, and an object number finds its listing', async ({ page }) => {
  await signedIn(page);
  await page.goto('/objekte');
  const maxPrice = page.getByLabel('Preis bis (€)');
  await maxPrice.fill('500.000');
  await maxPrice.press('Enter');
  await expect(page).toHaveURL(/maxPrice=500000/);

  await page.getByLabel('Zimmer ab').fill('3');
  await page.getByRole('searchbox').fill('');
  await page.getByRole('button', { name: 'Suchen' }).click();
  await expect(page).toHaveURL(/minRooms=3/);

  const list = await (await page.request.get('/api/crm/properties?pageSize=1&status=aktiv')).json();
  const listing = list.items[0] as { title: string; externalId: string };
  await page.goto('/objekte');
  await page.getByRole('searchbox').fill(listing.externalId);
  await page.getByRole('searchbox').press('Enter');
  await expect(page.getByRole('link', { name: listing.title })).toBeVisible();
  await expect(page.locator('tbody tr')).toHaveCount(1);
});

test("a viewing's end follows its start, and the agent is named", async ({ page }) => {
  await signedIn(page);
  await page.goto('/besichtigungen');
  await page.getByRole('button', { name: 'Besichtigung planen' }).click();
  const dialog = page.getByRole('dialog');
  const start = dialog.getByLabel('Beginn');
  const end = dialog.getByLabel('Ende');
  await start.fill('2031-05-20T15:00');
  await expect(end).toHaveValue('2031-05-20T15:45');
  await expect(dialog.getByLabel('Zuständig')).not.toHaveValue('');
  await dialog.getByLabel('Objekt', { exact: true }).selectOption({ index: 1 });
  await dialog.getByRole('button', { name: /speichern$/i }).click();
  await expect(page.getByText('Besichtigung geplant.')).toBeVisible();
});

test('a read-only user never gets a form it cannot save', async ({ page }) => {
  await signedIn(page, 'lesezugriff@bodensee-immobilien.de');
  await page.goto('/objekte');
  await expect(page.getByRole('heading', { name: 'Objekte' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Neues Objekt' })).toHaveCount(0);
  await page.goto('/objekte/neu');
  await expect(page.getByText('Dafür fehlt Ihnen die Berechtigung.')).toBeVisible();
  await expect(page.getByLabel('Titel')).toHaveCount(0);
  await page.goto('/einstellungen');
  await expect(page.getByText('Erneut versuchen')).toHaveCount(0);
});

test('main pages fit a 390 px phone without sideways scrolling', async ({ page }, testInfo) => {
  await page.setViewportSize(PHONE);
  await signedIn(page);
  await expect(page.getByRole('heading', { name: /Guten Tag/ })).toBeVisible();
  const list = await (await page.request.get('/api/crm/properties?pageSize=1&status=aktiv')).json();
  const listing = list.items[0] as { id: string; slug: string };
  const projects = await (await page.request.get('/api/projects?pageSize=1')).json();
  const paths = [
    '/projekte',
    `/projekte/${projects.items[0]?.id}`,
    '/projekte/automationen',
    '/projekte/integrationen',
    '/projekte/vorlagen',
    '/aufgaben',
    '/',
    '/objekte',
    `/objekte/${listing.id}`,
    '/kontakte',
    '/besichtigungen',
    '/social',
    '/ki',
    '/finanzierung',
    '/finanzierung/vergleich',
    '/dokumente',
    '/3d',
    '/team',
    '/protokoll',
    '/auftraege',
    '/einstellungen',
    `/p/${listing.slug}`,
  ];
  const overflowing: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > PHONE.width) overflowing.push(`${path}: ${width}px`);
  }
  expect(overflowing).toEqual([]);

  for (const [name, path] of [
    ['Dashboard (Telefon)', '/'],
    ['Angebotsseite (Telefon)', `/p/${listing.slug}`],
    ['Objektliste (Telefon)', '/objekte'],
  ] as const) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    await attachScreenshot(page, testInfo, name);
  }
});

test('customer pages and PDFs, looked at on desktop and phone', async ({ page }, testInfo) => {
  await signedIn(page);
  const list = await (
    await page.request.get('/api/crm/properties?pageSize=1&status=aktiv&marketingType=kauf')
  ).json();
  const listing = list.items[0] as { id: string; slug: string };
  await page.goto(`/p/${listing.slug}`);
  await expect(page.getByRole('link', { name: 'Impressum' })).toBeVisible();
  await attachScreenshot(page, testInfo, 'Angebotsseite (Desktop)');
  await page.goto('/');
  await attachScreenshot(page, testInfo, 'Dashboard (Desktop)');

  const expose = await page.request.get(`/api/crm/properties/${listing.id}/expose.pdf`);
  expect(expose.status()).toBe(200);
  await attachPdf(testInfo, 'Exposé', await expose.body());
  const finance = await page.request.post('/api/finance/pdf', {
    data: {
      kind: 'investment',
      propertyId: listing.id,
      input: {
        priceCents: 45_000_000,
        sideCostsCents: 4_500_000,
        monthlyColdRentCents: 110_000,
        equityCents: 9_000_000,
        nominalRatePercent: 3.8,
        initialRepaymentPercent: 2,
        completionYear: 1998,
      },
    },
  });
  expect(finance.status()).toBe(200);
  await attachPdf(testInfo, 'Renditeberechnung', await finance.body());
  const ownerReport = await page.request.get(`/api/mailings/owner-reports/${listing.id}/report.pdf`);
  expect(ownerReport.status()).toBe(200);
  await attachPdf(testInfo, 'Eigentümerbericht', await ownerReport.body());
});
