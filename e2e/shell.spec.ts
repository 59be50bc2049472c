import { expect, test } from '@playwright/test';
import { expectDashboard, OWNER_EMAIL, signIn } from './helpers.js';

test('signs in through the browser and sees the dashboard', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/anmelden/);
  await signIn(page);
  await expectDashboard(page, 'Katharina');
  const nav = page.getByRole('navigation', { name: 'Navigation' }).first();
  for (const item of ['Übersicht', 'Team', 'Aufträge', 'Protokoll', 'Einstellungen']) {
    await expect(nav.getByRole('link', { name: item })).toBeVisible();
  }
  await expect(page.getByText('Bodensee Immobilien GmbH').first()).toBeVisible();

  // The broker's day (issue 20): each figure links on to the list it counts.
  for (const tile of ['Geplante Beiträge', 'Ablaufende Dokumente']) {
    await expect(page.getByRole('link', { name: new RegExp(`${tile}\\s*\\d+`) })).toBeVisible();
  }
  await page.getByRole('link', { name: /Neue Anfragen\s*\d+/ }).click();
  await expect(page).toHaveURL(/\/kontakte\?leadStatus=neu/);
  await expect(page.getByRole('heading', { name: 'Kontakte' })).toBeVisible();
});

test('shows a clear error for a wrong password', async ({ page }) => {
  await signIn(page, OWNER_EMAIL, 'ganz-falsches-passwort');
  await expect(page.getByRole('alert')).toContainText('E-Mail oder Passwort ist falsch');
  await expect(page).toHaveURL(/\/anmelden/);
});

test('navigates the team page, switches to English and signs out', async ({ page }) => {
  await signIn(page);
  await expectDashboard(page, 'Katharina');
  await page.getByRole('link', { name: 'Team' }).first().click();
  await expect(page.getByRole('heading', { name: 'Team' })).toBeVisible();
  await expect(page.getByText('lesezugriff@bodensee-immobilien.de')).toBeVisible();

  await page.getByRole('button', { name: 'Sprache' }).click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Team' })).toBeVisible();
  await page.getByRole('link', { name: 'Overview' }).first().click();
  await expect(page.getByRole('heading', { name: 'Hello, Katharina' })).toBeVisible();
  await page
    .getByRole('button', { name: 'Sprache' })
    .or(page.getByRole('button', { name: 'Language' }))
    .click();
  await page.getByRole('menuitem', { name: 'Deutsch' }).click();

  await page.getByRole('button', { name: 'Benutzermenü' }).click();
  await page.getByRole('menuitem', { name: 'Abmelden' }).click();
  await expect(page).toHaveURL(/\/anmelden/);
});

test('an unknown address shows the 404 page inside the app', async ({ page }) => {
  await signIn(page);
  await expectDashboard(page, 'Katharina');
  await page.goto('/gibt-es-nicht');
  await expect(page.getByRole('heading', { name: 'Seite nicht gefunden' })).toBeVisible();
});

test('a new colleague accepts an invitation and lands on the dashboard', async ({ page, browser }) => {
  await signIn(page);
  await expectDashboard(page, 'Katharina');
  await page.goto('/team');
  await page.getByRole('button', { name: 'Person einladen' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('E-Mail').fill('neue.maklerin@example.de');
  await dialog.getByLabel('Rolle').selectOption('agent');
  await dialog.getByRole('button', { name: 'Person einladen' }).click();
  await expect(page.getByText('E-Mail-Versand ist offline')).toBeVisible();
  await expect(page.getByText('neue.maklerin@example.de')).toBeVisible();

  const invitations = await page.request.get('/api/admin/invitations');
  const { items } = (await invitations.json()) as { items: { email: string; acceptUrl: string }[] };
  const link = items.find((i) => i.email === 'neue.maklerin@example.de')!.acceptUrl;

  const newcomer = await browser.newContext({ locale: 'de-DE' });
  const other = await newcomer.newPage();
  await other.goto(new URL(link).pathname);
  await expect(other.getByRole('heading', { name: 'Einladung zu Bodensee Immobilien GmbH' })).toBeVisible();
  await other.getByLabel('Ihr Name').fill('Nora Neumann');
  await other.getByLabel('Neues Passwort').fill('Nora-Passwort-2026');
  await other.getByRole('button', { name: 'Einladung annehmen' }).click();
  await expectDashboard(other, 'Nora');
  await expect(other.getByRole('link', { name: 'Protokoll' })).toHaveCount(0);
  await newcomer.close();
});
