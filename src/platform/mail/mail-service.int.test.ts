import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRun } from '../jobs/jobs.schema.js';
import { tenantSettings } from '../tenancy/tenancy.schema.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { mailOutbox } from './mail.schema.js';
import { MAIL_SEND_JOB } from './mail-service.js';
import { createSmtpTransport } from './mail-transport.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A local SMTP server speaking the real protocol; rejects recipients at reject.example. */
function startFakeSmtp(): Promise<{ port: number; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@reject.example')) return callback(new Error('550 mailbox unavailable'));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ port, received, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

let smtp: Awaited<ReturnType<typeof startFakeSmtp>>;
let t: TestApp;
beforeAll(async () => {
  smtp = await startFakeSmtp();
  t = await createTestApp({
    env: { MAIL_FROM: 'Bodensee Immobilien <no-reply@bodensee.test>' },
    overrides: {
      mailTransport: createSmtpTransport(`smtp://127.0.0.1:${smtp.port}`),
      mailRetry: { attempts: 2, backoffSeconds: 1 },
    },
  });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const runOf = async (mailId: string) => {
  const [run] = await t.platform.database.db.select().from(jobRun).where(eq(jobRun.key, mailId));
  return t.platform.jobs.waitFor(run!.id, 45_000);
};

describe('mail over SMTP', () => {
  it('delivers through the outbox and a job, and records the message id', async () => {
    const receipt = await t.platform.mail.send({
      to: 'kunde@example.de',
      subject: 'Exposé',
      text: 'Grüße vom Bodensee',
      purpose: 'test',
      audience: 'staff',
    });
    expect(receipt.delivery).toBe('queued');
    const run = await runOf(receipt.id);
    expect(run.name).toBe(MAIL_SEND_JOB);
    expect(run.status).toBe('completed');
    const [row] = await t.platform.database.db.select().from(mailOutbox).where(eq(mailOutbox.id, receipt.id));
    expect(row?.status).toBe('sent');
    expect(row?.providerMessageId).toBeTruthy();
    const mail = smtp.received.find((m) => m.to.includes('kunde@example.de'));
    expect(mail?.from).toBe('no-reply@bodensee.test');
    expect(mail?.raw).toContain('Subject: =?UTF-8?');
  });

  it('a refused recipient is retried and then marked failed/dead, never "sent"', async () => {
    const receipt = await t.platform.mail.send({
      to: 'x@reject.example',
      subject: 'Test',
      text: 'x',
      purpose: 'test',
      audience: 'staff',
    });
    const run = await runOf(receipt.id);
    expect(run.status).toBe('dead');
    expect(run.attempts).toBe(2);
    const [row] = await t.platform.database.db.select().from(mailOutbox).where(eq(mailOutbox.id, receipt.id));
    expect(row?.status).toBe('failed');
    expect(row?.lastError).toMatch(/550|mailbox/);
  });

  it("a customer mail goes out in the office's name with its Reply-To, from the platform's address", async () => {
    const office = await t.createTenant('Hegau Immobilien GmbH');
    await t.platform.database.withTenant(office.tenantId, (tx) =>
      tx
        .update(tenantSettings)
        .set({ contactEmail: 'info@hegau-immo.de' })
        .where(eq(tenantSettings.tenantId, office.tenantId)),
    );
    await t.platform.tenantSettings.forget(office.tenantId);
    const receipt = await t.platform.mail.send({
      to: 'kaeufer@example.de',
      subject: 'Ihr Exposé',
      text: 'Guten Tag',
      purpose: 'test',
      audience: 'customer',
      tenantId: office.tenantId,
    });
    expect((await runOf(receipt.id)).status).toBe('completed');
    const mail = smtp.received.find((m) => m.to.includes('kaeufer@example.de'))!;
    // The envelope sender stays the platform's (SPF, DKIM); the header shows the office.
    expect(mail.from).toBe('no-reply@bodensee.test');
    expect(mail.raw).toMatch(/^From: Hegau Immobilien GmbH <no-reply@bodensee\.test>$/m);
    expect(mail.raw).toMatch(/^Reply-To: info@hegau-immo\.de$/m);

    const staff = await t.platform.mail.send({
      to: 'kollegin@example.de',
      subject: 'Intern',
      text: 'x',
      purpose: 'test',
      audience: 'staff',
      tenantId: office.tenantId,
    });
    expect((await runOf(staff.id)).status).toBe('completed');
    const internal = smtp.received.find((m) => m.to.includes('kollegin@example.de'))!;
    expect(internal.raw).toMatch(/^From: Bodensee Immobilien <no-reply@bodensee\.test>$/m);
    expect(internal.raw).not.toContain('Reply-To:');
  });
});
