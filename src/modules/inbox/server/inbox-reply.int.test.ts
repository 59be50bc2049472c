import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { activity } from '../../crm/schema.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';
import type { MessageDetail, MessageView } from '../contract.js';
import { inboxMailbox, inboxMessage } from '../schema.js';
import { type Dovecot, dovecotInstalled, startDovecot } from '../test/dovecot.js';
import { type SmtpSink, startSmtpSink } from '../test/smtp-sink.js';

/**
 * Replies from ImmoXX: out through the mailbox's own SMTP server (npm smtp-server, speaking the real
 * protocol with AUTH), into the conversation, and the customer's answer read back by IMAP (dovecot)
 * joins the same conversation through its In-Reply-To header (RFC 5322 § 3.6.4).
 */
const installed = dovecotInstalled();
if (!installed && process.env.CI) throw new Error('CI must install dovecot-imapd (see .ci/run)');

let t: TestApp;
let owner: TestUser;
let dovecot: Dovecot;
let smtp: SmtpSink;
let mailboxId: string;

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../test/fixtures', name));
type Body = Record<string, unknown>;
const json = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
  const r = await t.as(owner, {
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as string }),
  });
  return { status: r.statusCode, body: (r.body ? r.json() : null) as Body };
};
const messages = async () => (await json('GET', '/api/inbox/messages')).body.items as MessageView[];
const detail = async (id: string) =>
  (await json('GET', `/api/inbox/messages/${id}`)).body as unknown as MessageDetail;
const smtpSettings = () => ({ smtpHost: smtp.host, smtpPort: smtp.port, smtpTls: false });

describe.skipIf(!installed)('replies through the mailbox’s SMTP server', () => {
  beforeAll(async () => {
    dovecot = await startDovecot();
    smtp = await startSmtpSink({ user: dovecot.user, password: dovecot.password });
    t = await createTestApp({ env: { INTEGRATIONS_ALLOW_PRIVATE_ENDPOINTS: 'true' } });
    owner = await t.createTenant();
    const listing = await json('POST', '/api/crm/properties', {
      ...seeblickWohnung,
      externalId: 'IMX-2026-SEE001',
      title: 'Seeblick-Wohnung in Konstanz',
    });
    await json('POST', `/api/crm/properties/${listing.body.id}/status`, { status: 'aktiv' });
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
    dovecot.deliver(fixture('immoscout24-kontaktanfrage.eml'));
    expect((await json('POST', `/api/inbox/mailboxes/${mailboxId}/fetch`)).body).toMatchObject({
      inquiries: 1,
    });
    await t.platform.events.drain();
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
    await dovecot?.stop();
  });

  it('says why a reply cannot go out while the mailbox has no outgoing server, and sends nothing', async () => {
    const [inquiry] = await messages();
    expect((await detail(inquiry!.id)).canReply).toBe(false);
    const r = await json('POST', `/api/inbox/messages/${inquiry!.id}/reply`, { text: 'Gern!' });
    expect(r.status).toBe(409);
    expect((r.body.error as { code: string }).code).toBe('smtp_missing');
    expect(smtp.received).toHaveLength(0);
  });

  it('refuses an outgoing server that rejects the login, and stores nothing', async () => {
    await smtp.stop();
    const wrong = await startSmtpSink({ user: dovecot.user, password: 'anders' });
    try {
      const r = await json('PUT', `/api/inbox/mailboxes/${mailboxId}/smtp`, {
        smtpHost: wrong.host,
        smtpPort: wrong.port,
        smtpTls: false,
      });
      expect(r.status).toBe(422);
      expect((r.body.error as { message: string }).message).toContain('Benutzername oder Passwort');
    } finally {
      await wrong.stop();
    }
    smtp = await startSmtpSink({ user: dovecot.user, password: dovecot.password });
    const [box] = await t.platform.database.db
      .select()
      .from(inboxMailbox)
      .where(eq(inboxMailbox.id, mailboxId));
    expect(box?.smtpHost).toBeNull();
  });

  it('answers a portal inquiry to the enquirer, not the portal’s address, threaded and with the office footer', async () => {
    const set = await json('PUT', `/api/inbox/mailboxes/${mailboxId}/smtp`, smtpSettings());
    expect(set.status, JSON.stringify(set.body)).toBe(204);
    const boxes = (await json('GET', '/api/inbox/mailboxes')).body.items as {
      smtp: { from: string } | null;
    }[];
    expect(boxes[0]?.smtp?.from).toBe(dovecot.user);

    const [inquiry] = await messages();
    const before = await detail(inquiry!.id);
    expect(before.canReply).toBe(true);
    expect(before.replyTo).toBe('johanna.oelschlaeger@example.de');
    const sent = await json('POST', `/api/inbox/messages/${inquiry!.id}/reply`, {
      text: 'Guten Tag Frau Ölschläger,\n\ngern zeige ich Ihnen die Wohnung am Samstag um 11 Uhr.',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(smtp.envelopes[0]).toEqual(['johanna.oelschlaeger@example.de']);
    expect(mail.from?.value[0]?.address).toBe(dovecot.user);
    expect(mail.subject).toBe('Re: Kontaktanfrage zu Ihrem Objekt: Seeblick-Wohnung');
    expect(mail.inReplyTo).toBe('<is24-4711@immobilienscout24.de>');
    expect(mail.references).toBe('<is24-4711@immobilienscout24.de>');
    expect(mail.text).toContain('gern zeige ich Ihnen die Wohnung');
    expect(mail.text).toContain('Impressum: ');
    expect(mail.text).toMatch(/Am \d\d\.\d\d\.\d{4} um \d\d:\d\d schrieb ImmoScout24:\n> /);

    const thread = (await detail(inquiry!.id)).thread;
    expect(thread.map((m) => m.direction)).toEqual(['eingang', 'ausgang']);
    expect(thread[1]?.toAddress).toBe('johanna.oelschlaeger@example.de');
    const timeline = await t.platform.database.withTenant(owner.tenantId, (tx) =>
      tx.select().from(activity).where(eq(activity.contactId, inquiry!.contactId!)),
    );
    expect(timeline.map((a) => a.subject)).toContain(
      'E-Mail gesendet: Re: Kontaktanfrage zu Ihrem Objekt: Seeblick-Wohnung',
    );

    // The enquirer answers; her mail program refers to our Message-ID.
    dovecot.deliver(
      [
        'From: Johanna Ölschläger <johanna.oelschlaeger@example.de>',
        `To: ${dovecot.user}`,
        'Subject: AW: Kontaktanfrage zu Ihrem Objekt: Seeblick-Wohnung',
        'Message-ID: <antwort-1@example.de>',
        `In-Reply-To: ${mail.messageId}`,
        `References: <is24-4711@immobilienscout24.de> ${mail.messageId}`,
        // A minute after our reply, whenever the test runs: a fixed date became the past (CI, 05.12.2026).
        `Date: ${new Date(Date.now() + 60_000).toUTCString()}`,
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        'Samstag passt, bis dann!',
        '',
      ].join('\r\n'),
    );
    expect((await json('POST', `/api/inbox/mailboxes/${mailboxId}/fetch`)).status).toBe(200);
    await t.platform.events.drain();
    const after = await detail(inquiry!.id);
    expect(after.thread.map((m) => [m.direction, m.subject])).toEqual([
      ['eingang', 'Kontaktanfrage zu Ihrem Objekt: Seeblick-Wohnung'],
      ['ausgang', 'Re: Kontaktanfrage zu Ihrem Objekt: Seeblick-Wohnung'],
      ['eingang', 'AW: Kontaktanfrage zu Ihrem Objekt: Seeblick-Wohnung'],
    ]);
    expect(after.thread[2]?.contactId).toBe(inquiry!.contactId);
    // Answering her answer keeps "AW:" instead of stacking "Re: AW:".
    const again = await json('POST', `/api/inbox/messages/${after.thread[2]!.id}/reply`, { text: 'Prima.' });
    expect(again.status).toBe(201);
    expect(smtp.received[1]?.subject).toBe('AW: Kontaktanfrage zu Ihrem Objekt: Seeblick-Wohnung');
    expect(smtp.received[1]?.inReplyTo).toBe('<antwort-1@example.de>');
  });

  it('reports a refused recipient with the server’s reason and leaves the conversation as it was', async () => {
    const [inquiry] = (await messages()).filter((m) => m.outcome === 'anfrage');
    const before = (await detail(inquiry!.id)).thread.length;
    smtp.refuseNextRecipient();
    const r = await json('POST', `/api/inbox/messages/${inquiry!.id}/reply`, { text: 'Noch eine Frage …' });
    expect(r.status).toBe(502);
    expect((r.body.error as { message: string }).message).toContain('Die Antwort wurde nicht gesendet');
    expect((await detail(inquiry!.id)).thread.length).toBe(before);
    const out = await t.platform.database.db
      .select()
      .from(inboxMessage)
      .where(eq(inboxMessage.direction, 'ausgang'));
    expect(out).toHaveLength(2);
  });

  it('refuses an empty reply with a sentence', async () => {
    const [inquiry] = await messages();
    const r = await json('POST', `/api/inbox/messages/${inquiry!.id}/reply`, { text: '   ' });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('Bitte eine Antwort schreiben.');
  });
});
