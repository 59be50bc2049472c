import { expect, test } from '@playwright/test';
import { signedIn } from './helpers.js';

/** A demo listing that already has an owner for its report (the demo seeds three). */
async function listingWithOwner(request: import('@playwright/test').APIRequestContext) {
  const list = await (await request.get('/api/crm/properties?status=aktiv&pageSize=50')).json();
  for (const p of list.items as { id: string }[]) {
    const overview = await (await request.get(`/api/mailings/owner-reports/${p.id}`)).json();
    if (overview.owner?.email) return { id: p.id, owner: overview.owner as { name: string; email: string } };
  }
  throw new Error('no demo listing with an owner');
}

test('the broker picks the owner, writes the assessment, switches on the weekly report and sends one now', async ({
  page,
}) => {
  await signedIn(page);
  const { id, owner } = await listingWithOwner(page.request);
  await page.goto(`/objekte/${id}`);
  await page.getByRole('tab', { name: 'Eigentümerbericht' }).click();
  const section = page.getByRole('region', { name: 'Eigentümerbericht' });
  await expect(section.getByText(/Kein SMTP-Server eingerichtet/)).toBeVisible();
  const picker = section.getByRole('combobox', { name: 'Eigentümer' });
  await expect(picker).toHaveValue(`${owner.name} · ${owner.email}`);

  // Another owner from the CRM, found by typing.
  const others = await (await page.request.get('/api/crm/contacts?role=eigentuemer&pageSize=20')).json();
  const other = (others.items as { displayName: string; email: string | null }[]).find(
    (c) => c.email && c.displayName !== owner.name,
  );
  if (!other) throw new Error('demo data has a second owner');
  await picker.fill(other.displayName);
  await page.getByTestId('owner-option').filter({ hasText: other.displayName }).first().click();
  await expect(picker).toHaveValue(`${other.displayName} · ${other.email}`);

  // Sending waits until the choice is saved.
  const sendNow = section.getByRole('button', { name: 'Jetzt senden' });
  await expect(sendNow).toBeDisabled();
  await section.getByLabel(/Jeden Montag um 8 Uhr/).check();
  await section
    .getByLabel('Einschätzung und Preisempfehlung')
    .fill('Preis bis Jahresende halten; danach 3 % Nachlass prüfen.');
  await section.getByRole('button', { name: 'Einstellungen speichern' }).click();
  await expect(page.getByText('Einstellungen gespeichert')).toBeVisible();
  await expect(section.getByText(/Nächster automatischer Versand: \d{2}\.\d{2}\.\d{4}, 08:00/)).toBeVisible();

  // The PDF the owner will get.
  const href = await section.getByRole('link', { name: 'PDF ansehen' }).getAttribute('href');
  const pdf = await page.request.get(href ?? '');
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  await sendNow.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`geht mit PDF-Anhang an ${other.email}`);
  await dialog.getByRole('button', { name: 'Jetzt senden' }).click();
  await expect(
    page.getByText('Bericht erstellt – liegt im Postausgang (kein SMTP eingerichtet)'),
  ).toBeVisible();
  const history = section.getByTestId('owner-report-history');
  await expect(history.locator('li').first()).toContainText(`An ${other.email}`);
  await expect(history.locator('li').first()).toContainText('Manuell');

  // Back as it was, so other specs find the demo unchanged apart from the history.
  await picker.fill(owner.name);
  await page.getByTestId('owner-option').filter({ hasText: owner.name }).first().click();
  await section.getByLabel(/Jeden Montag um 8 Uhr/).uncheck();
  await section.getByRole('button', { name: 'Einstellungen speichern' }).click();
  await expect(section.getByText(/Nächster automatischer Versand/)).toHaveCount(0);
});
