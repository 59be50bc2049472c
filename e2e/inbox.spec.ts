import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { dovecotInstalled, startDovecot } from '../src/modules/inbox/test/dovecot.js';
import { startSmtpSink } from '../src/modules/inbox/test/smtp-sink.js';
import { signedIn } from './helpers.js';

const SUBJECT = 'Kontaktanfrage zu Ihrem Objekt: Seeblick-Wohnung';

test('a portal inquiry comes in by IMAP, is answered from its conversation and the answer goes out by SMTP', async ({
  page,
}) => {
  test.skip(!dovecotInstalled() && !process.env.CI, 'dovecot-imapd is not installed');
  const dovecot = await startDovecot();
  const smtp = await startSmtpSink({ user: dovecot.user, password: dovecot.password });
  try {
    await signedIn(page);
    await page.goto('/posteingang');
    await expect(page.getByText('Verbinden Sie unten ein Postfach')).toBeVisible();

    const form = page.locator('form').filter({ hasText: 'Postfach verbinden (IMAP)' });
    await form.getByLabel('Name', { exact: true }).fill('Anfragen E2E');
    await form.getByLabel('IMAP-Server').fill(dovecot.host);
    await form.getByLabel('Port', { exact: true }).first().fill(String(dovecot.port));
    await form.getByLabel('Benutzername').fill(dovecot.user);
    await form.getByLabel('Passwort', { exact: true }).fill(dovecot.password);
    await form.getByLabel(/^Verschlüsselt \(TLS, Port 993\)/).uncheck();
    await form.getByLabel(/Auch den Postausgang/).check();
    await form.getByLabel('SMTP-Server').fill(smtp.host);
    await form.getByLabel(/^Verschlüsselt ab Verbindungsbeginn/).uncheck();
    await form.getByLabel('Port', { exact: true }).nth(1).fill(String(smtp.port));
    await form.getByRole('button', { name: 'Prüfen und verbinden' }).click();
    await expect(page.getByText('Postfach verbunden')).toBeVisible();
    const card = page.getByRole('region', { name: 'Anfragen E2E' });
    await expect(card).toContainText(`Antworten gehen über ${smtp.host} als ${dovecot.user} hinaus.`);

    // The published sample's inquiry, about a listing of the demo office.
    const listings = (await (
      await page.request.get('/api/crm/properties?status=aktiv&pageSize=5')
    ).json()) as {
      items: { externalId: string }[];
    };
    const objectNumber = listings.items[0]?.externalId;
    if (!objectNumber) throw new Error('demo office has no active listing');
    const sample = readFileSync(
      join(import.meta.dirname, '../src/modules/inbox/test/fixtures/immoscout24-kontaktanfrage.eml'),
      'utf8',
    );
    dovecot.deliver(sample.replace('IMX-2026-SEE001', objectNumber));
    await card.getByRole('button', { name: 'Jetzt abrufen' }).click();
    await expect(page.getByText('1 E-Mails gelesen, 1 Anfragen übernommen, 0 nicht erkannt')).toBeVisible();
    await page.getByRole('button', { name: SUBJECT }).click();

    const dialog = page.getByRole('dialog');
    await expect(dialog.getByText('Ein Besichtigungstermin am Samstag wäre ideal.')).toBeVisible();
    const answer = dialog.getByLabel('Antwort an johanna.oelschlaeger@example.de');
    await answer.fill('Guten Tag Frau Ölschläger,\n\nSamstag um 11 Uhr passt gut.');
    await dialog.getByRole('button', { name: 'Antwort senden' }).click();
    await expect(page.getByText('Antwort gesendet')).toBeVisible();
    const sent = dialog.locator('li[data-direction="ausgang"]');
    await expect(sent).toContainText('Samstag um 11 Uhr passt gut.');
    await expect(sent).toContainText('an johanna.oelschlaeger@example.de');
    expect(smtp.received.map((m) => m.subject)).toEqual([`Re: ${SUBJECT}`]);
    await dialog.getByRole('button', { name: 'Schließen' }).click();
    await expect(page.getByRole('button', { name: `Re: ${SUBJECT}` })).toBeVisible();

    // Leave the demo office as it was: erase the enquirer (GDPR), disconnect the mailbox.
    const leads = (await (await page.request.get('/api/inbox/messages?outcome=anfrage')).json()) as {
      items: { contactId: string }[];
    };
    for (const lead of leads.items) await page.request.delete(`/api/crm/contacts/${lead.contactId}`);
    await card.getByRole('button', { name: 'Trennen' }).click();
    await expect(page.getByText('Postfach getrennt')).toBeVisible();
  } finally {
    await smtp.stop();
    await dovecot.stop();
  }
});
