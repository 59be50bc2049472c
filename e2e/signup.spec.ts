import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import {
  CHROMIUM_ARGS,
  SIGNUP_BASE_DOMAIN,
  SIGNUP_DATA_DIR,
  SIGNUP_PORT,
  SIGNUP_URL,
} from '../playwright.config.js';
import { fatal, validateEInvoice } from '../src/platform/invoicing/test/e-invoice-validator.js';

/**
 * A broker opens an office on a server for many offices: signs up, reads the confirmation link
 * from the mail (delivered over SMTP to a sink), confirms, lands on the office's own address
 * (`<name>.immoxx.test`, which this browser resolves to the test server, so the Host header is
 * the office's), signs in, finds the checklist of the new, empty office and uploads a logo that
 * the office's sign-in page then shows; meets Free's seat limit, pays for Professional through
 * Stripe Checkout (fake) and receives the invoice as PDF and a valid XRechnung.
 */
test.use({
  baseURL: SIGNUP_URL,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP *.${SIGNUP_BASE_DOMAIN} 127.0.0.1`],
  },
});
const officeAddress = `http://hegau-immobilien.${SIGNUP_BASE_DOMAIN}:${SIGNUP_PORT}`;

const mailDir = join(SIGNUP_DATA_DIR, 'e2e-mails');
const PASSWORD = 'Hegau-Passwort-2026';

async function linkMailedTo(address: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      () => {
        const mails = readdirSync(mailDir)
          .sort()
          .map((f) => JSON.parse(readFileSync(join(mailDir, f), 'utf8')) as { to: string; text: string });
        link = mails
          .filter((m) => m.to.includes(address))
          .at(-1)
          ?.text.match(/https?:\/\/\S+\/registrieren\/bestaetigen#\S+/)?.[0];
        return Boolean(link);
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return link!;
}

async function shoot(page: Page, name: string, testInfo: import('@playwright/test').TestInfo) {
  await testInfo.attach(name, {
    body: await page.screenshot({ fullPage: true, path: testInfo.outputPath(`${name}.png`) }),
    contentType: 'image/png',
  });
}

test('a new office signs up, confirms its address from the mail and lands on its checklist', async ({
  page,
}, testInfo) => {
  await page.goto('/anmelden');
  await page.getByRole('link', { name: 'Neues Maklerbüro registrieren' }).click();
  await expect(page.getByRole('heading', { name: 'Maklerbüro registrieren' })).toBeVisible();
  // This server gives no trial (SIGNUP_TRIAL_DAYS=0): the office starts on Free.
  await expect(page.getByText('Ihr Büro startet kostenlos mit Free.')).toBeVisible();

  await page.getByLabel('Name des Büros').fill('Hegau Immobilien GmbH');
  const address = page.getByLabel('Adresse des Büros');
  await expect(address).toHaveValue('hegau-immobilien');
  await expect(page.getByText(`hegau-immobilien.${SIGNUP_BASE_DOMAIN}`)).toBeVisible();
  await address.fill('www');
  await expect(page.getByText('Diese Adresse ist für ImmoXX selbst reserviert.')).toBeVisible();
  await address.fill('hegau-immobilien');
  await page.getByLabel('Ihr Name').fill('Henrike Hegauer');
  await page.getByLabel('E-Mail-Adresse').fill('henrike@hegau-immo.de');
  await page.getByLabel('Passwort').fill(PASSWORD);
  await shoot(page, 'registrieren-desktop', testInfo);

  // Without agreeing to the terms nothing is sent.
  await page.getByRole('button', { name: 'Büro registrieren' }).click();
  await expect(page.getByRole('alert')).toContainText('Nutzungsbedingungen');
  await page.getByLabel(/Nutzungsbedingungen/).check();
  await page.getByRole('button', { name: 'Büro registrieren' }).click();
  await expect(page.getByRole('heading', { name: 'Bitte bestätigen Sie Ihre E-Mail-Adresse' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('henrike@hegau-immo.de');

  await page.goto(await linkMailedTo('henrike@hegau-immo.de'));
  await expect(page.getByText('Willkommen! „Hegau Immobilien GmbH“ ist eröffnet.')).toBeVisible();
  await expect(page.getByText(officeAddress)).toBeVisible();
  await page.getByRole('link', { name: 'Zur Anmeldung' }).click();
  await expect(page).toHaveURL(`${officeAddress}/anmelden?email=henrike%40hegau-immo.de`);
  await expect(page.getByTestId('frame-office')).toHaveText('Hegau Immobilien GmbH');
  await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue('henrike@hegau-immo.de');
  await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();

  await expect(page.getByRole('heading', { name: 'Guten Tag, Henrike' })).toBeVisible();
  expect(new URL(page.url()).host).toBe(`hegau-immobilien.${SIGNUP_BASE_DOMAIN}:${SIGNUP_PORT}`);
  await expect(page.getByText('Ihr Büro einrichten')).toBeVisible();
  await expect(page.getByTestId('onboarding-progress')).toHaveText('0 von 5 erledigt');
  await shoot(page, 'onboarding-desktop', testInfo);
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, 'onboarding-phone', testInfo);
  await page.setViewportSize({ width: 1280, height: 900 });

  // The first step: the office's logo, which its sign-in page then wears.
  await page.getByRole('link', { name: 'Logo hochladen' }).click();
  const logo = await sharp({
    create: { width: 240, height: 96, channels: 3, background: { r: 15, g: 118, b: 110 } },
  })
    .png()
    .toBuffer();
  await page
    .getByLabel('Logo hochladen')
    .setInputFiles({ name: 'hegau-logo.png', mimeType: 'image/png', buffer: logo });
  await expect(page.getByText('Logo gespeichert.')).toBeVisible();

  // The owner takes all of the office's data along: one ZIP with the tables and the logo.
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export herunterladen (ZIP)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^immoxx-export-\d{4}-\d{2}-\d{2}\.zip$/);
  const archive = unzipSync(new Uint8Array(readFileSync(await download.path())));
  const manifest = JSON.parse(new TextDecoder().decode(archive['manifest.json'])) as {
    office: { name: string };
    files: { count: number };
  };
  expect(manifest.office.name).toBe('Hegau Immobilien GmbH');
  expect(manifest.files.count).toBe(1);
  await page.goto(`${officeAddress}/`);
  await expect(page.getByTestId('onboarding-progress')).toHaveText('1 von 5 erledigt');

  // On Free a second colleague is one seat too many: refused, with the limit and the way up.
  await page.getByRole('link', { name: 'Team', exact: true }).click();
  const invite = async (email: string) => {
    await page.getByRole('button', { name: 'Person einladen' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('E-Mail').fill(email);
    await dialog.getByLabel('Rolle').selectOption('agent');
    await dialog.getByRole('button', { name: 'Person einladen' }).click();
  };
  await invite('kollegin@hegau-immo.de');
  await expect(page.getByText('Einladung an kollegin@hegau-immo.de verschickt.')).toBeVisible();
  await invite('kollege@hegau-immo.de');
  await expect(
    page
      .getByText('Ihr Tarif Free umfasst 2 Benutzer; 2 sind schon angelegt. Mit Professional sind es 10.')
      .first(),
  ).toBeVisible();
  await shoot(page, 'tarifgrenze', testInfo);
  await page.keyboard.press('Escape');
  // Modules Free leaves out are in the menu, locked, and lead to the plans.
  const locked = page.getByTestId('locked-nav');
  await expect(locked).toContainText('Marktanalyse');
  await expect(locked).toContainText('3D-Modelle');
  await locked.getByRole('link', { name: 'Marktanalyse' }).click();
  await expect(page).toHaveURL(`${officeAddress}/abrechnung`);
  await expect(page.getByTestId('plans')).toContainText('Ohne 3D-Modelle, Marktanalyse');
  await shoot(page, 'abrechnung-free', testInfo);

  // The way up: Stripe Checkout (the fake's hosted page asks what Checkout asks), back on the
  // office's address with Professional and the invoice, as PDF and as an XRechnung that passes
  // the official EN 16931 and XRechnung rules.
  await page.getByRole('link', { name: 'Abrechnung', exact: true }).click();
  await page.getByRole('button', { name: 'Professional buchen' }).click();
  await expect(page.getByRole('heading', { name: 'Abonnieren' })).toBeVisible();
  await page.getByLabel('Name bzw. Firma').fill('Hegau Immobilien GmbH');
  await page.getByLabel('Adresse').fill('Hauptstraße 20');
  await page.getByLabel('Postleitzahl').fill('78224');
  await page.getByLabel('Ort').fill('Singen');
  await page.getByRole('button', { name: 'Abonnieren' }).click();
  await page.waitForURL(`${officeAddress}/abrechnung?checkout=erfolg`);
  await expect(page.getByTestId('current-plan')).toContainText('Professional');
  const invoices = page.getByTestId('subscription-invoices');
  await expect(invoices).toContainText(/IMX-\d{4}-000001/);
  // 99,00 € net plus 19 % USt.
  await expect(invoices).toContainText(/117,81\s€/);
  // Fetched by the browser, which resolves the office's address (Playwright's own requests do not).
  const fetchText = (href: string | null) =>
    page.evaluate(async (url) => {
      const r = await fetch(url!);
      return {
        type: r.headers.get('content-type'),
        text: new TextDecoder('latin1').decode(await r.arrayBuffer()),
      };
    }, href);
  const pdf = await fetchText(await invoices.getByRole('link', { name: 'PDF' }).getAttribute('href'));
  expect(pdf.type).toBe('application/pdf');
  expect(pdf.text).toContain('factur-x.xml');
  const xml = await page.evaluate(
    async (url) => (await fetch(url!)).text(),
    await invoices.getByRole('link', { name: 'XRechnung' }).getAttribute('href'),
  );
  expect(xml).toContain('<cbc:RegistrationName>Hegau Immobilien GmbH</cbc:RegistrationName>');
  expect(fatal(await validateEInvoice(xml, 'EN16931-UBL'))).toEqual([]);
  expect(fatal(await validateEInvoice(xml, 'XRechnung-UBL'))).toEqual([]);
  await shoot(page, 'abrechnung-professional', testInfo);
  await expect(page.getByTestId('locked-nav')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Marktanalyse' })).toBeVisible();

  // Professional has room for the colleague now.
  await page.getByRole('link', { name: 'Team', exact: true }).click();
  await invite('kollege@hegau-immo.de');
  await expect(page.getByText('Einladung an kollege@hegau-immo.de verschickt.')).toBeVisible();
  await page.context().clearCookies();
  await page.goto(`${officeAddress}/anmelden`);
  await expect(page.locator('img[src="/api/office/logo"]')).toBeVisible();
  await shoot(page, 'anmelden-buero', testInfo);

  // An address without an office shows no sign-in.
  const nobody = await page.goto(`http://gibt-es-nicht.${SIGNUP_BASE_DOMAIN}:${SIGNUP_PORT}/anmelden`);
  expect(nobody?.status()).toBe(404);
  await expect(page.getByText('Unter dieser Adresse gibt es kein Maklerbüro.')).toBeVisible();

  // The link works once: opened again, it says the office is open and leads to the sign-in.
  await page.goto(await linkMailedTo('henrike@hegau-immo.de'));
  await expect(page.getByRole('alert')).toContainText('bereits eröffnet');

  await page.context().clearCookies();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/registrieren');
  await page.getByLabel('Name des Büros').fill('Linzgau Makler');
  await expect(page.getByText(`linzgau-makler.${SIGNUP_BASE_DOMAIN}`)).toBeVisible();
  await shoot(page, 'registrieren-phone', testInfo);
});
