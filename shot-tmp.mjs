import { chromium } from '@playwright/test';

const base = 'http://localhost:5079';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const [name, viewport] of [
  ['desk', { width: 1440, height: 900 }],
  ['phone', { width: 390, height: 844 }],
]) {
  const page = await browser.newPage({ viewport });
  await page.goto(`${base}/login`);
  await page.getByLabel('E-Mail').fill('inhaberin@bodensee-immobilien.de');
  await page.getByLabel('Passwort').fill('Demo-Passwort-2026');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `/tmp/prof/${name}-dashboard.png`, fullPage: true });
  await page.goto(`${base}/projekte`);
  await page.waitForTimeout(2000);
  await page.screenshot({ path: `/tmp/prof/${name}-projects.png`, fullPage: true });
  await page.locator('a[href^="/projekte/"]').first().click();
  await page.waitForTimeout(2000);
  await page.screenshot({ path: `/tmp/prof/${name}-kanban.png`, fullPage: true });
  const url = page.url();
  await page.goto(`${url}?ansicht=gantt`);
  await page.waitForTimeout(2000);
  await page.screenshot({ path: `/tmp/prof/${name}-gantt.png`, fullPage: true });
  await page.goto(`${url}?ansicht=list`);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/prof/${name}-list.png`, fullPage: true });
  await page.goto(`${url}?ansicht=calendar`);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/prof/${name}-calendar.png`, fullPage: true });
  await page.goto(`${base}/aufgaben`);
  await page.waitForTimeout(2000);
  await page.screenshot({ path: `/tmp/prof/${name}-tasks.png`, fullPage: true });
  await page.close();
}
await browser.close();
