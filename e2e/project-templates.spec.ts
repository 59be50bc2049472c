import { expect, test } from '@playwright/test';
import { signedIn } from './helpers.js';

test('an office makes its own workflow template, reorders a task and deletes the template', async ({
  page,
}) => {
  await signedIn(page);
  await page.goto('/projekte');
  await page.getByRole('link', { name: 'Vorlagen' }).click();
  await expect(page.getByRole('heading', { name: 'Workflow-Vorlagen' })).toBeVisible();
  // The four built-in workflows are there to start from.
  for (const name of ['Akquise', 'Vermarktung', 'Dokumentation', 'Transaktion']) {
    await expect(page.getByRole('heading', { name: new RegExp(name) }).first()).toBeVisible();
  }

  await page.getByRole('button', { name: 'Neue Vorlage' }).click();
  const dialog = page.getByRole('dialog', { name: 'Neue Vorlage' });
  await dialog.getByLabel('Name').fill('Mieterwechsel');
  await dialog.getByLabel('Aufgabe 1', { exact: true }).fill('Zählerstände ablesen');
  await dialog.getByRole('button', { name: 'Aufgabe hinzufügen' }).click();
  await dialog.getByLabel('Aufgabe 2', { exact: true }).fill('Schlüssel übergeben');
  await dialog.getByLabel('Dauer (Tage)').nth(1).fill('2');
  // A new task waits for the one above it.
  await expect(dialog.getByRole('button', { name: 'Zählerstände ablesen', pressed: true })).toBeVisible();
  await dialog.getByRole('button', { name: 'Speichern' }).click();

  const card = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: 'Mieterwechsel' }) });
  await expect(card.getByText('2 Aufgaben · etwa 3 Tage')).toBeVisible();

  // Moved to the top, the handover can no longer wait for the meters: both run side by side.
  await card.getByRole('button', { name: 'Vorlage bearbeiten' }).click();
  const editor = page.getByRole('dialog', { name: 'Vorlage bearbeiten' });
  await editor.getByRole('button', { name: 'Nach oben: Schlüssel übergeben' }).click();
  await expect(editor.getByLabel('Aufgabe 1', { exact: true })).toHaveValue('Schlüssel übergeben');
  await editor.getByRole('button', { name: 'Speichern' }).click();
  await expect(card.getByText('2 Aufgaben · etwa 2 Tage')).toBeVisible();

  await card.getByRole('button', { name: 'Löschen' }).click();
  await page
    .getByRole('dialog', { name: 'Vorlage löschen?' })
    .getByRole('button', { name: 'Löschen' })
    .click();
  await expect(page.getByText('Vorlage gelöscht.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Mieterwechsel' })).toHaveCount(0);
});
