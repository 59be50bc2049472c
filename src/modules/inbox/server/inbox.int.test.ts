import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../../platform/mail/mail.schema.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { contact, searchRequest } from '../../crm/schema.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';
import { type Dovecot, dovecotInstalled, startDovecot } from '../test/dovecot.js';

/**
 * Portal inquiries through a real IMAP server (Debian's dovecot, which .ci/run installs): mails
 * are delivered into the Maildir as an MDA would, ImmoXX reads them by IMAP.
 */
const installed = dovecotInstalled();
if (!installed && process.env.CI) throw new Error('CI must install dovecot-imapd (see .ci/run)');

let t: TestApp;
let owner: TestUser;
let dovecot: Dovecot;
let mailboxId: string;

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../test/fixtures', name));

const json = async (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) => {
  const r = await t.as(owner, {
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as string }),
  });
  return { status: r.statusCode, body: (r.body ? r.json() : null) as Record<string, unknown> };
};

describe.skipIf(!installed)('inbox over IMAP', () => {
  beforeAll(async () => {
    dovecot = await startDovecot();
    t = await createTestApp({ env: { INTEGRATIONS_ALLOW_PRIVATE_ENDPOINTS: 'true' } });
    owner = await t.createTenant();
    const listing = await json('POST', '/api/crm/properties', {
      ...seeblickWohnung,
      externalId: 'IMX-2026-SEE001',
      title: 'Seeblick-Wohnung in Konstanz',
    });
    expect(listing.status).toBe(201);
    expect(
      (await json('POST', `/api/crm/properties/${listing.body.id}/status`, { status: 'aktiv' })).status,
    ).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await dovecot?.stop();
  });

  it('refuses a wrong password before storing anything', async () => {
    const r = await json('POST', '/api/inbox/mailboxes', {
      label: 'Anfragen',
      imapHost: dovecot.host,
      imapPort: dovecot.port,
      imapTls: false,
      username: dovecot.user,
      password: 'falsch',
      office: true,
    });
    expect(r.status).toBe(422);
    expect((r.body.error as { message: string }).message).toContain('Anmeldung am Postfach fehlgeschlagen');
    expect(((await json('GET', '/api/inbox/mailboxes')).body.items as unknown[]).length).toBe(0);
  });

  it('turns three portal inquiries into matched leads with an exposé link; the unreadable one stays with its reason', async () => {
    dovecot.deliver('From: Alt <alt@example.de>\r\nSubject: Vor dem Verbinden\r\n\r\nAlte Mail.\r\n');
    const connected = await json('POST', '/api/inbox/mailboxes', {
      label: 'Anfragen',
      imapHost: dovecot.host,
      imapPort: dovecot.port,
      imapTls: false,
      username: dovecot.user,
      password: dovecot.password,
      office: true,
    });
    expect(connected.status, JSON.stringify(connected.body)).toBe(201);
    mailboxId = connected.body.id as string;
    for (const f of [
      'immoscout24-kontaktanfrage.eml',
      'immowelt-openimmo-feedback.eml',
      'kleinanzeigen-nachricht.eml',
      'immoscout24-unlesbar.eml',
    ])
      dovecot.deliver(fixture(f));

    const round = await json('POST', `/api/inbox/mailboxes/${mailboxId}/fetch`);
    expect(round.status, JSON.stringify(round.body)).toBe(200);
    // The mail from before connecting is not taken in.
    expect(round.body).toEqual({ read: 4, inquiries: 3, unreadable: 1 });
    await t.platform.events.drain();

    const leads = (await json('GET', '/api/inbox/messages?outcome=anfrage')).body.items as {
      contactId: string;
      portal: string;
    }[];
    expect(leads.map((l) => l.portal).sort()).toEqual(['immoscout24', 'immowelt', 'kleinanzeigen']);
    const people = await t.platform.database.withTenant(owner.tenantId, (tx) =>
      tx.select().from(contact).where(eq(contact.source, 'immoscout24')),
    );
    expect(people.map((p) => p.lastName)).toEqual(['Ölschläger']);
    for (const lead of leads) {
      const [c] = await t.platform.database.withTenant(owner.tenantId, (tx) =>
        tx.select().from(contact).where(eq(contact.id, lead.contactId)),
      );
      const mails = await t.platform.database.db
        .select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.toAddress, c!.email!)));
      expect(
        mails.some((m) => m.subject.includes('Exposé')),
        `exposé link for ${c!.email}`,
      ).toBe(true);
      const searches = await t.platform.database.withTenant(owner.tenantId, (tx) =>
        tx.select().from(searchRequest).where(eq(searchRequest.contactId, lead.contactId)),
      );
      expect(searches.length).toBe(1);
    }
    const unreadable = (await json('GET', '/api/inbox/messages?outcome=nicht_erkannt')).body.items as {
      reason: string;
      portal: string;
    }[];
    expect(unreadable).toEqual([
      expect.objectContaining({
        portal: 'immoscout24',
        reason: 'Kein Name des Interessenten in der Portal-Mail gefunden.',
      }),
    ]);
  });

  it('takes nothing twice and matches a second inquiry of the same person to the same contact', async () => {
    expect((await json('POST', `/api/inbox/mailboxes/${mailboxId}/fetch`)).body).toEqual({
      read: 0,
      inquiries: 0,
      unreadable: 0,
    });
    dovecot.deliver(
      fixture('immoscout24-kontaktanfrage.eml')
        .toString('utf8')
        .replace('<is24-4711@immobilienscout24.de>', '<is24-4712@immobilienscout24.de>'),
    );
    expect((await json('POST', `/api/inbox/mailboxes/${mailboxId}/fetch`)).body).toEqual({
      read: 1,
      inquiries: 1,
      unreadable: 0,
    });
    const same = await t.platform.database.withTenant(owner.tenantId, (tx) =>
      tx.select().from(contact).where(eq(contact.email, 'johanna.oelschlaeger@example.de')),
    );
    expect(same).toHaveLength(1);
  });
});
