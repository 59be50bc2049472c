import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_PNG } from '../testing/route-walker.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';

let t: TestApp;
let owner: TestUser;
beforeAll(async () => {
  t = await createTestApp({ env: { BODY_LIMIT_BYTES: '2048', LOGIN_RATE_LIMIT_PER_MINUTE: '10' } });
  owner = await t.createTenant();
});
afterAll(async () => t?.close());

const errorShape = { error: { code: expect.any(String), message: expect.any(String) } };

describe('HTTP conventions', () => {
  it('bad JSON → 400 invalid_json', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'invalid_json' } });
  });

  it('schema violations → 400 validation_failed with the offending field', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'kein-mail', password: 'x' },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error.code).toBe('validation_failed');
    expect(JSON.stringify(body.error.details)).toContain('email');
  });

  it('oversized bodies → 413', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'a@b.de', password: 'x'.repeat(5000) },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('unsupported content types → 415', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject(errorShape);
  });

  it('unknown routes → 404 JSON, wrong methods → 405 with Allow', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/api/gibt-es-nicht' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'not_found' } });
    const wrongMethod = await t.as(owner, { method: 'PUT', url: '/api/admin/members' });
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.headers.allow).toBe('GET');
    expect(wrongMethod.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
  });

  it('sets security headers and a request id, and echoes a caller-supplied one', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'trace-123' },
    });
    expect(response.headers['x-request-id']).toBe('trace-123');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves health, readiness, metrics and the OpenAPI document', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks).toMatchObject({ database: 'ok', storage: 'ok' });
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('immoxx_http_request_duration_seconds');
    expect(metrics.body).toContain('process_resident_memory_bytes');
    const spec = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(spec.statusCode).toBe(200);
    const paths = Object.keys(spec.json().paths);
    expect(paths).toContain('/api/admin/members/{memberId}');
    expect(paths).toContain('/api/auth/sign-in');
    expect((await t.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('GET /api/modules lists modules with their state and the engines in use', async () => {
    const response = await t.as(owner, { method: 'GET', url: '/api/modules' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.modules).toContainEqual(expect.objectContaining({ id: 'admin', enabled: true, core: true }));
    expect(body.mail).toBe('offline');
    expect(['pg-boss', 'bullmq']).toContain(body.jobEngine);
  });

  it('rate-limits the sign-in family of routes per client', async () => {
    const ask = () =>
      t.app.inject({ method: 'POST', url: '/api/auth/request-password-reset', payload: { email: 'a@b.de' } });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await ask()).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 202)).toBe(true);
    const limited = await ask();
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
  });

  it('never returns secrets or password hashes', async () => {
    const me = await t.as(owner, { method: 'GET', url: '/api/me' });
    expect(me.body).not.toMatch(/password|scrypt|session_token/i);
  });

  it('reports unusable file storage in /readyz and answers uploads with a clear 503 (issue 17.12)', async () => {
    const files = join(t.platform.config.dataDir, 'files');
    rmSync(files, { recursive: true, force: true });
    writeFileSync(files, 'kein Verzeichnis'); // what a broken mount looks like to the server
    try {
      const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().checks.storage).toBe('failed');
      const owner = await t.createTenant('Speicher GmbH');
      const upload = await t.as(owner, {
        method: 'PUT',
        url: '/api/admin/settings/logo',
        payload: Buffer.from(TINY_PNG, 'base64'),
        headers: { 'content-type': 'image/png' },
      });
      expect(upload.statusCode).toBe(503);
      expect(upload.json().error.code).toBe('storage_unavailable');
    } finally {
      rmSync(files, { force: true });
    }
  });
});
