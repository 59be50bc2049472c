import { expect, test } from '@playwright/test';
import { seeblickWohnung } from '../src/modules/crm/test/fixtures.js';
import { Is24Fake } from '../src/modules/portals/test/is24-fake.js';
import { signedIn } from './helpers.js';

/**
 * A broker connects ImmoScout24 (the strict fake of its documented API), publishes a listing from
 * its page, sees it online with the portal's id, marks it sold — and it goes offline there.
 */
test('a listing is published to ImmoScout24 and withdrawn when marked sold', async ({ page }) => {
  const is24 = new Is24Fake();
  await is24.start();
  try {
    await signedIn(page);
    await page.goto('/portale');
    await expect(page.getByRole('heading', { name: 'Portale' })).toBeVisible();
    await page.getByLabel('Adresse der Schnittstelle').fill(is24.url);
    await page.getByLabel('Consumer Key').fill(is24.consumerKey);
    await page.getByLabel('Consumer Secret').fill(is24.consumerSecret);
    await page.getByLabel('Access Token', { exact: true }).fill(is24.accessToken);
    await page.getByLabel('Access Token Secret').fill(is24.accessTokenSecret);
    await page.getByRole('button', { name: 'Prüfen und verbinden' }).click();
    const card = page.getByTestId('portal-account-ImmoScout24');
    await expect(card).toBeVisible();
    await expect(card.getByText('Verbunden')).toBeVisible();

    const stamp = Date.now().toString(36);
    const created = await page.request.post('/api/crm/properties', {
      data: {
        ...seeblickWohnung,
        title: `Portal-Test ${stamp}: Wohnung mit Seeblick`,
        city: 'Meersburg',
        postalCode: '88709',
      },
    });
    expect(created.status()).toBe(201);
    const listing = (await created.json()) as { id: string; externalId: string };
    expect(
      (
        await page.request.post(`/api/crm/properties/${listing.id}/status`, { data: { status: 'aktiv' } })
      ).status(),
    ).toBe(200);

    await page.goto(`/objekte/${listing.id}?tab=portals`);
    await expect(page.getByRole('heading', { name: 'Auf Portalen veröffentlichen' })).toBeVisible();
    await page.getByRole('checkbox', { name: /ImmoScout24/ }).check();
    await page.getByRole('button', { name: 'Auswahl übernehmen' }).click();
    const state = page.getByTestId('portal-state-ImmoScout24');
    await expect(state.getByText('Online')).toBeVisible({ timeout: 20_000 });
    const [estate] = is24.byExternalId(listing.externalId);
    expect(estate?.published).toBe(true);
    await expect(state.getByText(`Portal-ID ${estate?.id}`)).toBeVisible();
    await expect(state.getByRole('link', { name: 'Auf dem Portal ansehen' })).toHaveAttribute(
      'href',
      `https://www.immobilienscout24.de/expose/${estate?.id}`,
    );

    await page.getByRole('button', { name: 'Status: Verkauft' }).click();
    await expect(page.getByText('Status geändert', { exact: false }).first()).toBeVisible();
    await page.getByRole('tab', { name: 'Portale' }).click();
    await expect
      .poll(async () => is24.byExternalId(listing.externalId)[0]?.published, { timeout: 20_000 })
      .toBe(false);
    await page.reload();
    await expect(page.getByTestId('portal-state-ImmoScout24').getByText('Entfernt')).toBeVisible();
    expect(is24.byExternalId(listing.externalId)).toHaveLength(1);
    // Leave the demo office as it was: later specs pick the newest listing.
    expect(
      (
        await page.request.post(`/api/crm/properties/${listing.id}/status`, {
          data: { status: 'archiviert' },
        })
      ).status(),
    ).toBe(200);
    expect((await page.request.delete(`/api/crm/properties/${listing.id}`)).status()).toBe(204);
  } finally {
    await is24.stop();
  }
});
