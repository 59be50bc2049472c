import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { signedIn } from './helpers.js';

test('webhooks and sync tokens: secret shown once, failed delivery visible, replay delivers', async ({
  page,
}) => {
  test.setTimeout(90_000);
  let failing = true;
  const received: string[] = [];
  const receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received.push(String(request.headers['immoxx-event']));
      response.writeHead(failing ? 503 : 204);
      response.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/immoxx`;
  try {
    await signedIn(page);
    await page.goto('/projekte');
    await page.getByRole('link', { name: 'Integrationen' }).click();
    await expect(page.getByRole('heading', { name: 'Integrationen' })).toBeVisible();

    await page.getByRole('button', { name: 'Neuer Webhook' }).click();
    const dialog = page.getByRole('dialog', { name: 'Neuer Webhook' });
    await dialog.getByLabel('Name').fill('Projekttool');
    await dialog.getByLabel('Empfänger-Adresse (URL)').fill(url);
    await dialog.getByRole('button', { name: 'Anlegen' }).click();
    const secret = page.getByRole('dialog', { name: 'Signatur-Geheimnis' });
    await expect(secret.getByTestId('secret-value')).toHaveText(/^whsec_/);
    await secret.getByRole('button', { name: 'Fertig' }).click();

    // A test event to a receiver that answers 503: two tries, then failed and visible.
    await page.getByRole('button', { name: 'Test senden' }).click();
    const log = page.getByTestId('deliveries');
    await expect(log.getByText('Fehlgeschlagen')).toBeVisible({ timeout: 30_000 });
    await expect(log.getByText(/2 Versuche · HTTP 503/)).toBeVisible();
    await expect(page.getByText('1 fehlgeschlagene Zustellung')).toBeVisible();

    failing = false;
    await log.getByRole('button', { name: 'Erneut senden' }).click();
    await expect(log.getByText('Zugestellt')).toBeVisible({ timeout: 30_000 });
    expect(received.filter((e) => e === 'ping')).toHaveLength(3);

    await page.getByLabel('Name des Systems').fill('OptimAizeFlow');
    await page.getByRole('button', { name: 'Zugang anlegen' }).click();
    const token = page.getByRole('dialog', { name: 'Sync-Schlüssel' });
    await expect(token.getByTestId('secret-value')).toHaveText(/^ixs_/);
    await token.getByRole('button', { name: 'Fertig' }).click();
    await expect(page.getByText('OptimAizeFlow')).toBeVisible();
    await expect(page.getByText(/noch nicht genutzt/)).toBeVisible();
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
  }
});

test('API key: chosen rights, shown once, works against the API, revoked from the settings', async ({
  page,
  request,
}) => {
  await signedIn(page);
  await page.goto('/einstellungen');
  await page.getByRole('button', { name: 'Neuen API-Schlüssel erstellen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Neuer API-Schlüssel' });
  await dialog.getByLabel('Name').fill('Website-Anbindung');
  await dialog.getByRole('button', { name: 'Schlüssel erstellen' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Bitte mindestens ein Recht wählen.');
  await dialog.getByLabel('Objekte ansehen', { exact: true }).check();
  await expect(dialog.getByText('Rechte (1 gewählt)')).toBeVisible();
  await dialog.getByRole('button', { name: 'Schlüssel erstellen' }).click();

  const shown = page.getByRole('dialog', { name: 'Ihr neuer API-Schlüssel' });
  const token = (await shown.getByTestId('secret-value').textContent()) ?? '';
  expect(token).toMatch(/^ixk_/);
  await shown.getByRole('button', { name: 'Fertig' }).click();
  // The settings form around the card was not saved along with the key.
  await expect(page.getByText('Gespeichert.')).toHaveCount(0);
  const keys = page.getByTestId('api-keys');
  await expect(keys.getByText('Website-Anbindung')).toBeVisible();
  await expect(keys.getByText('Objekte ansehen')).toBeVisible();
  await expect(keys.getByText(/noch nicht genutzt/)).toBeVisible();

  const headers = { authorization: `Bearer ${token}`, cookie: '' };
  const listed = await request.get('/api/crm/properties', { headers });
  expect(listed.status()).toBe(200);
  const refused = await request.get('/api/crm/contacts', { headers });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toContain('crm.contacts.read');

  await page.reload();
  // The settings page loads several cards; on a loaded CI machine that can take a while.
  await expect(page.getByTestId('api-keys').getByText(/zuletzt genutzt/)).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('api-keys').getByRole('button', { name: 'Widerrufen' }).first().click();
  await page.getByRole('dialog').getByRole('button', { name: 'Widerrufen' }).click();
  await expect(page.getByText('API-Schlüssel „Website-Anbindung“ widerrufen.')).toBeVisible();
  expect((await request.get('/api/crm/properties', { headers })).status()).toBe(401);
});
