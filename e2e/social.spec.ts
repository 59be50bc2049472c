import { expect, test } from '@playwright/test';
import { pickProperty, signIn } from './helpers.js';

test('a post composed from a property shows platform previews, is scheduled and appears in the calendar', async ({
  page,
}) => {
  await signIn(page);
  await page
    .getByRole('navigation', { name: 'Navigation' })
    .first()
    .getByRole('link', { name: 'Social Media' })
    .click();
  await expect(page.getByRole('heading', { name: 'Social Media' })).toBeVisible();

  // One sandbox channel that publishes, one planning channel for posting by hand.
  await page.getByRole('link', { name: 'Konten' }).click();
  const facebookCard = page.locator('div.rounded-lg', { hasText: 'Mit Facebook verbinden' });
  await facebookCard.getByRole('button', { name: 'Sandbox-Konto' }).click();
  await expect(page.getByText('Sandbox – Facebook-Seite')).toBeVisible();
  await expect(facebookCard.getByText('Facebook-Gruppen lassen sich seit April 2024')).toBeVisible();
  const linkedinCard = page.locator('div.rounded-lg', { hasText: 'Mit LinkedIn verbinden' });
  await linkedinCard.getByRole('button', { name: 'Planungskonto (nicht verbunden)' }).click();
  await expect(page.getByText('LinkedIn – nicht verbunden (nur Planung)')).toBeVisible();

  await page.getByRole('link', { name: 'Beiträge' }).click();
  await page.getByRole('button', { name: 'Neuer Beitrag' }).first().click();
  await expect(page.getByRole('heading', { name: 'Neuer Beitrag' })).toBeVisible();
  const { title: propertyTitle } = await pickProperty(page);
  await page.getByRole('button', { name: 'Aus Objekt übernehmen' }).click();
  await expect(page.getByText('Texte, Link und Fotos aus dem Objekt übernommen.')).toBeVisible();

  // Facebook: the drafted text with the GEG energy line, in a Facebook look-alike.
  await page.getByRole('tab', { name: 'Facebook' }).click();
  const text = page.getByLabel('Text – Facebook');
  await expect(text).toHaveValue(new RegExp(propertyTitle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await expect(text).toHaveValue(/Energie/);
  const facebookPreview = page.getByRole('figure', { name: 'Vorschau Facebook' });
  await expect(facebookPreview).toContainText('Sandbox – Facebook-Seite');
  await expect(facebookPreview).toContainText(propertyTitle);
  await expect(page.getByText('Passt für Facebook.')).toBeVisible();

  // LinkedIn has its own variant and preview; an over-long text is flagged before scheduling.
  await page.getByRole('tab', { name: 'LinkedIn' }).click();
  const linkedinText = page.getByLabel('Text – LinkedIn');
  await expect(linkedinText).toHaveValue(/utm_source=linkedin/);
  await expect(page.getByRole('figure', { name: 'Vorschau LinkedIn' })).toContainText(
    'LinkedIn – nicht verbunden',
  );
  const original = await linkedinText.inputValue();
  await linkedinText.fill('x'.repeat(3001));
  await expect(page.getByTestId('variant-issues')).toContainText('höchstens 3.000 Zeichen');
  await linkedinText.fill(original);
  await expect(page.getByText('Passt für LinkedIn.')).toBeVisible();
  await page.getByLabel('Erster Kommentar').fill('#Bodensee #Immobilien');
  // More media come by reference from the listing and the AI studio (no storage keys in the page).
  await page.getByRole('button', { name: 'Medien hinzufügen' }).click();
  await expect(
    page
      .getByTestId('media-library')
      .or(page.getByText('Keine weiteren Medien. Grafiken und Reels entstehen im KI-Studio.')),
  ).toBeVisible();

  // Schedule for tomorrow 10:00 (the default) and find both channels in the calendar.
  const when = await page.getByLabel('Veröffentlichen am').inputValue();
  await page.getByLabel('Interner Titel').fill(`E2E ${propertyTitle}`);
  await page.getByRole('button', { name: 'Planen' }).click();
  await expect(page.getByText('Geplant – jeder Kanal wird einzeln gesendet.')).toBeVisible();
  await expect(page).toHaveURL(/\/social\/kalender$/);
  if (new Date(when).getMonth() !== new Date().getMonth()) await page.locator('.fc-next-button').click();
  const events = page.locator('.fc-event', { hasText: `E2E ${propertyTitle}` });
  await expect(events).toHaveCount(2);
  await expect(events.filter({ hasText: 'Facebook' })).toContainText('10:00');

  // The queue lists the post as scheduled, with both channels.
  await page.getByRole('link', { name: 'Beiträge' }).click();
  const row = page.getByTestId('social-post-row').filter({ hasText: `E2E ${propertyTitle}` });
  await expect(row).toContainText('Geplant');
  await expect(row).toContainText('LinkedIn');
});
