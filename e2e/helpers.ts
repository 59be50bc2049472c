import { expect, type Page } from '@playwright/test';
import { E2E_DEMO_PASSWORD } from '../playwright.config.js';

export const OWNER_EMAIL = 'inhaberin@bodensee-immobilien.de';

export async function signIn(page: Page, email = OWNER_EMAIL, password = E2E_DEMO_PASSWORD): Promise<void> {
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
}

export async function expectDashboard(page: Page, firstName: string): Promise<void> {
  await expect(page.getByRole('heading', { name: `Guten Tag, ${firstName}` })).toBeVisible();
}
