import { expect, type Page } from '@playwright/test';
import { E2E_DEMO_PASSWORD } from '../playwright.config.js';

export const OWNER_EMAIL = 'inhaberin@bodensee-immobilien.de';

export async function signIn(page: Page, email = OWNER_EMAIL, password = E2E_DEMO_PASSWORD): Promise<void> {
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
}

/** Signs in and waits until the app has taken the session (the dashboard or the asked-for page). */
export async function signedIn(page: Page, email = OWNER_EMAIL, password = E2E_DEMO_PASSWORD): Promise<void> {
  await signIn(page, email, password);
  await page.waitForURL((url) => !url.pathname.startsWith('/anmelden'));
}

export async function expectDashboard(page: Page, firstName: string): Promise<void> {
  await expect(page.getByRole('heading', { name: `Guten Tag, ${firstName}` })).toBeVisible();
}

/**
 * Chooses a property in the searchable picker: the one with `id` (searched by its object
 * number), or else the first one offered. Returns the chosen option's title.
 */
export async function pickProperty(
  page: Page,
  options: { id?: string; label?: string } = {},
): Promise<{ id: string; title: string }> {
  const input = page.getByRole('combobox', { name: options.label ?? 'Objekt', exact: true });
  await input.click();
  if (options.id) {
    const property = await (await page.request.get(`/api/crm/properties/${options.id}`)).json();
    await input.fill(property.externalId);
  }
  // With an id, wait for that very option: the unfiltered list may still be showing after the typing.
  const option = options.id
    ? page.locator(`[data-testid="property-option"][data-property-id="${options.id}"]`)
    : page.getByTestId('property-option').first();
  await expect(option).toBeVisible();
  const title = (await option.locator('span').first().textContent())?.trim() ?? '';
  const id = (await option.getAttribute('data-property-id')) ?? '';
  await option.click();
  return { id, title };
}
