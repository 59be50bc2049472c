import { expect, test } from '@playwright/test';
import { signedIn } from './helpers.js';

const LISTING = '5-Zimmer-Bungalow nahe der Altstadt in Radolfzell am Bodensee';

test('an offer goes to the matching contacts with consent; the others are skipped, and progress shows', async ({
  page,
}) => {
  await signedIn(page);

  // A template with a placeholder that does not exist is refused with the reason.
  await page.goto('/angebotsversand/vorlagen');
  await expect(page.getByRole('heading', { name: 'Neues Angebot passend zum Suchprofil' })).toBeVisible();
  await page.getByRole('button', { name: 'Neue Vorlage' }).click();
  await page.getByLabel('Name').fill('Kurzes Angebot');
  await page.getByLabel('Betreff').fill('Für Sie: {{objekt_titel}}');
  const body = page.getByLabel('Text');
  await body.fill('{{anrede}},\n\nschauen Sie sich {{objektname}} an.');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByText(/\{\{objektname\}\} gibt es nicht/).first()).toBeVisible();
  await body.fill('{{anrede}},\n\nschauen Sie sich das an: ');
  await page.getByRole('button', { name: '{{objekt_link}}' }).click();
  await expect(body).toHaveValue(/\{\{objekt_link\}\}/);
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByRole('heading', { name: 'Kurzes Angebot' })).toBeVisible();

  // Pick the listing: eight search profiles match, two of them without advertising consent.
  await page.getByRole('link', { name: 'Versände' }).click();
  await expect(page.getByText(/Kein SMTP-Server eingerichtet/)).toBeVisible();
  await page
    .getByRole('combobox', { name: 'Objekt', exact: true })
    .fill('Bungalow nahe der Altstadt in Radolfzell');
  await page.getByTestId('property-option').filter({ hasText: LISTING }).first().click();
  await page.getByLabel('Vorlage').selectOption({ label: 'Neues Angebot passend zum Suchprofil' });
  await expect(page.getByTestId('audience-count')).toHaveText(
    '6 von 8 Kontakten dürfen angeschrieben werden',
  );
  const withoutConsent = page.locator('li[data-contact]').filter({ hasText: 'Keine Werbeeinwilligung' });
  await expect(withoutConsent).toHaveCount(2);
  await expect(withoutConsent.first().getByRole('checkbox')).toBeDisabled();

  // One of them consented by e-mail: the broker records it with the evidence.
  const consenting = (await withoutConsent.first().getAttribute('data-contact')) as string;
  const skipped = (await withoutConsent.nth(1).getAttribute('data-contact')) as string;
  await withoutConsent.first().getByRole('button', { name: 'Einwilligung erfassen' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Wie wurde eingewilligt?').selectOption('email');
  await dialog.getByLabel('Nachweis').fill('E-Mail vom 02.11.2026 an info@');
  await dialog.getByRole('button', { name: 'Einwilligung speichern' }).click();
  await expect(page.getByTestId('audience-count')).toHaveText(
    '7 von 8 Kontakten dürfen angeschrieben werden',
  );

  await page.getByText('Vorschau der E-Mail').click();
  await expect(page.getByText(`Neu im Angebot: ${LISTING}`)).toBeVisible();
  await expect(page.getByText(/Sehr geehrte Frau Mustermann/)).toBeVisible();

  await page.getByRole('button', { name: 'An 7 Kontakte senden' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'An 7 Kontakte senden' }).click();
  const card = page.getByTestId('campaign').first();
  await expect(card.getByRole('progressbar')).toBeVisible();
  await expect(card).toContainText('8 von 8 bearbeitet', { timeout: 30_000 });
  await expect(card).toContainText('7 gesendet · 1 übersprungen · 0 Fehler');
  await expect(card).toContainText('Abgeschlossen');
  await card.getByRole('button', { name: 'Empfänger anzeigen' }).click();
  await expect(card.locator(`li[data-recipient="${skipped}"]`)).toContainText(
    'Keine Werbeeinwilligung (UWG § 7)',
  );
  await expect(card.locator(`li[data-recipient="${consenting}"]`)).toContainText('Gesendet');
});
