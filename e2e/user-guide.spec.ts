import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { signedIn } from './helpers.js';

/**
 * The screenshots of the user guide (docs/user-guide/) are taken here, from the real UI with
 * the demo office, so the guide shows what the product shows. Every page must open with its
 * German heading, without an error, a loading state left over, or an untranslated key.
 *   GUIDE_SCREENSHOT_DIR=docs/user-guide/screenshots npx playwright test e2e/user-guide.spec.ts
 */
const OUT = process.env.GUIDE_SCREENSHOT_DIR ?? join('test-results', 'user-guide');
const PAGES = [
  { file: 'uebersicht', path: '/', heading: /Guten Tag/ },
  { file: 'objekte', path: '/objekte', heading: 'Objekte' },
  { file: 'kontakte', path: '/kontakte', heading: 'Kontakte' },
  { file: 'besichtigungen', path: '/besichtigungen', heading: 'Besichtigungen' },
  { file: 'social', path: '/social', heading: 'Social Media' },
  { file: 'ki-studio', path: '/ki', heading: 'KI-Studio' },
  { file: 'portale', path: '/portale', heading: 'Portale' },
  { file: 'posteingang', path: '/posteingang', heading: 'Posteingang' },
  { file: 'projekte', path: '/projekte', heading: 'Projekte' },
  { file: 'dokumente', path: '/dokumente', heading: 'Dokumente' },
  { file: 'finanzierung', path: '/finanzierung', heading: /Finanzierung/ },
  { file: '3d-modelle', path: '/3d', heading: /3D/ },
  { file: 'lead-scoring', path: '/lead-scoring', heading: /Lead-Scoring/ },
  { file: 'marktanalyse', path: '/marktanalyse', heading: /Marktanalyse/ },
  { file: 'angebotsversand', path: '/angebotsversand', heading: /Angebotsversand/ },
  { file: 'rechnungen', path: '/rechnungen', heading: /Rechnungen/ },
  { file: 'abrechnung', path: '/abrechnung', heading: /Abrechnung/ },
  { file: 'einstellungen', path: '/einstellungen', heading: /Einstellungen/ },
  { file: 'profil', path: '/profil', heading: 'Mein Profil' },
] as const;
/** i18n keys that would show if a translation were missing, e.g. "profile.analyticsTitle". */
const RAW_KEY = /\b(common|nav|auth|profile|settings|notifications|errors)\.[a-z][A-Za-z]+\b/;

test.describe('user guide screenshots', () => {
  test.beforeAll(() => mkdirSync(OUT, { recursive: true }));

  for (const { file, path, heading } of PAGES) {
    test(`${path} at desktop width and on a phone`, async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 860 });
      await signedIn(page);
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: heading }).first()).toBeVisible();
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await expect(page.getByText('Wird geladen …')).toHaveCount(0);
      await expect(page.locator('main')).not.toContainText(RAW_KEY);
      await expect(page.getByRole('alert').filter({ hasText: /Fehler|fehlgeschlagen/ })).toHaveCount(0);
      await page.screenshot({ path: join(OUT, `${file}.png`) });
      await page.setViewportSize({ width: 390, height: 844 });
      await expect(page.getByRole('heading', { level: 1, name: heading }).first()).toBeVisible();
      // Nothing wider than the phone: a page that scrolls sideways is broken there.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways on a phone`).toBeLessThanOrEqual(1);
      await page.screenshot({ path: join(OUT, `${file}-telefon.png`) });
    });
  }
});

test('usage statistics: a person agrees in their profile and withdraws again', async ({ page }) => {
  await signedIn(page);
  await page.goto('/profil');
  const agree = page.getByLabel('Ich bin mit der pseudonymen Nutzungsstatistik einverstanden');
  await expect(agree).not.toBeChecked();
  await agree.click();
  await expect(agree).toBeChecked();
  await expect(page.getByText('Danke! Die Nutzungsstatistik ist eingeschaltet.')).toBeVisible();
  await expect(page.getByText(/Zuletzt entschieden am \d{2}\.\d{2}\.\d{4}/)).toBeVisible();
  await page.reload();
  await expect(agree).toBeChecked();
  await page.screenshot({ path: join(OUT, 'profil-nutzungsstatistik.png'), fullPage: true });
  await agree.click();
  await expect(agree).not.toBeChecked();
  await expect(page.getByText('Die Nutzungsstatistik ist ausgeschaltet.')).toBeVisible();
  await page.reload();
  await expect(agree).not.toBeChecked();
});
