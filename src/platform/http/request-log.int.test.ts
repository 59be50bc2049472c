import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDACT_PATHS } from '../logger.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

/** Issue 17.5: signing, data-room, exposé and reset tokens never reach the request log. */
let t: TestApp;
const lines: string[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  t = await createTestApp({
    overrides: {
      logger: pino({ level: 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink),
    },
  });
});
afterAll(async () => t?.close());

describe('request log', () => {
  it('logs each request once with the capability token redacted', async () => {
    const token = 'Yk3J9f0aQ2rT5uV8wX1zB4cD6eF7gH0iJ2kL';
    await t.app.inject({ method: 'GET', url: `/api/documents/public/sign/${token}` });
    await t.app.inject({ method: 'GET', url: `/api/documents/public/data-room/${token}?grant=g-${token}` });
    await t.app.inject({ method: 'GET', url: `/passwort-zuruecksetzen?token=${token}` });
    const log = lines.join('');
    expect(log).toContain('request completed');
    expect(log).toContain('/api/documents/public/sign/[redacted]');
    expect(log).not.toContain(token);
  });
});
