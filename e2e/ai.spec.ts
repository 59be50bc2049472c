import { expect, test } from '@playwright/test';
import { signIn } from './helpers.js';

test('a listing description is generated offline, checked and saved to the property', async ({ page }) => {
  await signIn(page);
  await page
    .getByRole('navigation', { name: 'Navigation' })
    .first()
    .getByRole('link', { name: 'KI-Studio' })
    .click();
  await expect(page.getByRole('heading', { name: 'KI-Studio' })).toBeVisible();

  const picker = page.getByLabel('Objekt', { exact: true });
  await expect(picker.locator('option')).not.toHaveCount(1);
  await picker.selectOption({ index: 1 });
  const propertyId = await picker.inputValue();
  await expect(page.getByLabel('Anbieter')).toHaveValue('');
  await page.getByRole('button', { name: 'Erzeugen' }).click();

  const result = page.getByLabel('Ergebnis', { exact: true });
  await expect(result).toHaveValue(/Energieausweis|Grundstück/);
  await expect(page.getByText(/Offline erzeugt: Vorlagen-Engine/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Prüfung (AGG, GEG § 87, Angaben)' })).toBeVisible();

  // An edit that excludes families is flagged with its words, and the fix removes them.
  const generated = await result.inputValue();
  await result.fill(`${generated}\n\nKeine Kinder.`);
  const findings = page.getByRole('list', { name: 'Prüfung (AGG, GEG § 87, Angaben)' });
  await expect(findings.getByText('Keine Kinder', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Als Objektbeschreibung speichern' })).toBeDisabled();
  await findings.getByRole('button', { name: 'Korrektur übernehmen' }).first().click();
  await expect(findings.getByText('Keine Kinder', { exact: true })).toHaveCount(0);

  const finalText = await result.inputValue();
  await page.getByRole('button', { name: 'Als Objektbeschreibung speichern' }).click();
  await expect(page.getByText('Beschreibung im Objekt gespeichert.')).toBeVisible();

  await page.goto(`/objekte/${propertyId}`);
  await expect(page.getByLabel('Objektbeschreibung')).toHaveValue(finalText);

  await page.goto('/ki/verlauf');
  await expect(page.getByRole('link', { name: 'Wiederverwenden' }).first()).toBeVisible();
});
