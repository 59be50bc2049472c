import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRun } from '../jobs/jobs.schema.js';
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
});
