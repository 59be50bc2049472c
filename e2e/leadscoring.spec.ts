import { expect, test } from '@playwright/test';
import { signedIn } from './helpers.js';

/**
 * A lead opens its personal exposé link twice (consenting to the measurement once), books a
 * viewing on the listing's booking page; the broker records the financing confirmation. The
 * score rises with its reasons in words, and the lead is among the hot leads on the dashboard.
 */
test('a lead’s visits, booking and financing raise its score, with reasons, up to the dashboard', async ({
  page,
  browser,
}) => {
  await signedIn(page);
  const stamp = Date.now().toString(36);
  const email = `lena.${stamp}@example.de`;
  const created = await page.request.post('/api/crm/contacts', {
    data: { firstName: 'Lena', lastName: `Lead${stamp}`, email, roles: ['interessent'] },
  });
  expect(created.status()).toBe(201);
  const lead = (await created.json()) as { id: string; displayName: string };
  const listings = (await (
    await page.request.get('/api/crm/properties?status=aktiv&marketingType=kauf&maxPrice=650000&pageSize=20')
  ).json()) as {
    items: {
      id: string;
      slug: string;
      title: string;
      marketingType: string;
      objectType: string;
      purchasePrice: number | null;
    }[];
  };
  // A flat for sale the lead's stated means can pay (the inquiry derives its search profile). A flat,
  // so the derived profile does not reach the house that mailings.spec offers to a counted audience.
  const listing = listings.items.find(
    (p) =>
      p.marketingType === 'kauf' && p.objectType === 'wohnung' && (p.purchasePrice ?? Infinity) <= 650_000,
  )!;
  const link = await page.request.post(`/api/crm/properties/${listing.id}/expose-links`, {
    data: { contactId: lead.id },
  });
  expect(link.status()).toBe(201);
  const exposePath = new URL(((await link.json()) as { url: string }).url).pathname;
  // A group viewing slot tomorrow that visitors may book themselves.
  const tomorrow = new Date(Date.now() + 86_400_000);
  tomorrow.setUTCHours(9, 0, 0, 0);
  const slot = await page.request.post('/api/crm/viewings', {
    data: {
      propertyId: listing.id,
      startsAt: tomorrow.toISOString(),
      endsAt: new Date(tomorrow.getTime() + 3_600_000).toISOString(),
    },
  });
  expect(slot.status()).toBe(201);
  const slotId = ((await slot.json()) as { id: string }).id;
  expect(
    (
      await page.request.put(`/api/viewings/${slotId}/details`, {
        data: { meetingPoint: 'Vor dem Haus', capacity: 6, bookable: true },
      })
    ).status(),
  ).toBe(204);

  // The lead's own browser: terms, then the consent banner, asked once.
  const visitor = await browser.newContext();
  const first = await visitor.newPage();
  await first.goto(exposePath);
  for (const box of await first.getByRole('checkbox').all()) await box.check();
  await first.getByRole('button', { name: 'Bestätigen und Exposé öffnen' }).click();
  await expect(
    first.getByRole('dialog', { name: 'Dürfen wir Ihr Interesse an unseren Angeboten messen?' }),
  ).toBeVisible();
  await first.getByRole('button', { name: 'Einverstanden' }).click();
  await expect(first.getByRole('dialog')).toBeHidden();
  await expect(first.getByRole('button', { name: 'Datenschutz-Einstellungen' })).toBeVisible();
  await first.close();

  // A second visit another day (a new tab is a new visit): no banner, the choice is remembered.
  const second = await visitor.newPage();
  await second.goto(exposePath);
  await expect(second.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(second.getByRole('dialog')).toBeHidden();
  await second.goto(`/buchen/${listing.slug}`);
  await second.getByRole('radio').first().check();
  await second.getByLabel('Vor- und Nachname').fill(`Lena Lead${stamp}`);
  await second.getByRole('textbox', { name: 'E-Mail' }).fill(email);
  await second.getByRole('checkbox').check();
  await second.getByRole('button', { name: 'Verbindlich anmelden' }).click();
  await expect(second.getByText(/angemeldet|Anmeldung/).first()).toBeVisible();
  await visitor.close();

  // The broker sees why: visits, exposé, booking.
  await page.goto(`/kontakte/${lead.id}`);
  const card = page.getByTestId('lead-score-card');
  const reasons = card.getByTestId('lead-score-reasons');
  await expect(reasons).toContainText('2 Besuche in 7 Tagen');
  await expect(reasons).toContainText('Exposé 2× geöffnet');
  await expect(reasons).toContainText('1 Besichtigung gebucht');
  const before = Number(await card.getByTestId('lead-score-total').textContent());
  expect(before).toBeGreaterThan(0);

  // The financing confirmation arrives: the broker records it, and the score rises with the reason.
  await card.getByRole('button', { name: 'Qualifizierung' }).click();
  await card.getByLabel('Finanzierungsbestätigung liegt vor').check();
  await card.getByLabel('Eigenkapital (€)').fill('250000');
  await card.getByLabel('Nettoeinkommen im Monat (€)').fill('9000');
  await card.getByRole('button', { name: 'Qualifizierung speichern' }).click();
  await expect(reasons).toContainText('Finanzierungsbestätigung');
  await expect(reasons).toContainText(/Kaufkraft .* deckt Suchprofil/);
  await expect
    .poll(async () => Number(await card.getByTestId('lead-score-total').textContent()))
    .toBeGreaterThan(before + 15);
  await expect(card.getByText(/Abschlusswahrscheinlichkeit/)).toBeVisible();

  // In the "Heiß" segment: the contact list filtered by it shows the lead with its score.
  await page.goto('/lead-scoring/segmente');
  const hotRow = page
    .getByTestId('segments')
    .getByRole('listitem')
    .filter({ hasText: 'Offener Lead mit Score ab 50' });
  await hotRow.getByRole('link', { name: 'In Kontakten zeigen' }).click();
  await expect(page.getByLabel('Segment')).toHaveValue(/[0-9a-f-]{36}/);
  await page.getByPlaceholder('Suche: Name, E-Mail, Ort …').fill(`Lead${stamp}`);
  await page.getByPlaceholder('Suche: Name, E-Mail, Ort …').press('Enter');
  await expect(
    page.getByRole('row', { name: new RegExp(`Lead${stamp}`) }).getByTestId('score-cell'),
  ).toHaveText(/^[5-9]\d$/);
  await page.goto('/');
  // Hot (50 and more) and the most recently active: first on today's card.
  await expect(page.getByTestId('hot-leads').getByRole('listitem').first()).toContainText(lead.displayName);
});
