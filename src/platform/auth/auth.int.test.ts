import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../mail/mail.schema.js';
import { cookieHeader, createTestApp, TEST_PASSWORD, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_MAX_ATTEMPTS: '3' } });
});
afterAll(async () => t?.close());

const latestMailTo = async (to: string) => {
  const [mail] = await t.platform.database.db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.toAddress, to))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(1);
  return mail;
};

describe('sign-in and session', () => {
  it('signs in with the right password and sets an http-only session cookie', async () => {
    const owner = await t.createTenant();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: owner.email, password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/immoxx\.session_token=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const me = await t.as(cookieHeader(response), { method: 'GET', url: '/api/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(owner.email);
    expect(me.json().tenant.role).toBe('owner');
  });

  it('rejects a wrong password with 401 and does not reveal whether the address exists', async () => {
    const owner = await t.createTenant();
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: owner.email, password: 'falsch-falsch' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'niemand@example.de', password: 'falsch-falsch' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('invalid_credentials');
    expect(unknown.json().error).toEqual(wrong.json().error);
  });

  it('slows guessing from one address with growing waits, even for the right password there', async () => {
    const owner = await t.createTenant();
    const attempt = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: owner.email, password },
        remoteAddress: '203.0.113.7',
      });
    expect((await attempt('falsch-1')).statusCode).toBe(401);
    expect((await attempt('falsch-2')).statusCode).toBe(401);
    const third = await attempt('falsch-3');
    expect(third.statusCode).toBe(429);
    expect(third.json().error.code).toBe('sign_in_throttled');
    expect(Number(third.headers['retry-after'])).toBe(30);
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(429);
  });

  it('guesses from elsewhere do not lock the owner out, and the owner is told (issue 17.4)', async () => {
    const owner = await t.createTenant();
    const from = (remoteAddress: string, password: string, cookie?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: owner.email, password },
        remoteAddress,
        ...(cookie ? { headers: { cookie } } : {}),
      });
    // The owner signed in from home before: that browser carries a device cookie.
    const home = await from('198.51.100.20', TEST_PASSWORD);
    expect(home.statusCode).toBe(200);
    const device = String(
      [home.headers['set-cookie']].flat().find((c) => String(c).startsWith('immoxx.device=')),
    ).split(';')[0];
    for (const n of [1, 2, 3, 4]) await from('203.0.113.66', `geraten-${n}`);
    expect((await from('203.0.113.66', TEST_PASSWORD)).statusCode).toBe(429);
    // From another address, and from the known browser even behind the attacker's address, the owner gets in.
    expect((await from('192.0.2.10', TEST_PASSWORD)).statusCode).toBe(200);
    expect((await from('203.0.113.66', TEST_PASSWORD, device)).statusCode).toBe(200);
    const alerts = await t.platform.database.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.toAddress, owner.email), eq(mailOutbox.purpose, 'security_alert')));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.textBody).toContain('203.0.113.66');
  });

  it('a revoked session can no longer write at once, despite the 60 s cookie cache (issue 17.3)', async () => {
    const owner = await t.createTenant();
    const laptop = await t.signIn(owner.email);
    const phone = await t.signIn(owner.email);
    // Both sessions have read once, so each holds a fresh signed cookie cache.
    expect((await t.as(laptop, { method: 'GET', url: '/api/me' })).statusCode).toBe(200);
    expect((await t.as(phone, { method: 'GET', url: '/api/me' })).statusCode).toBe(200);
    const changed = await t.as(laptop, {
      method: 'POST',
      url: '/api/me/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Ganz-Neues-Passwort-2026' },
    });
    expect(changed.statusCode).toBe(204);
    const write = await t.as(phone, { method: 'POST', url: '/api/me/password', payload: {} });
    expect(write.statusCode).toBe(401);
    // The laptop signs out; a copy of its old cookie cannot write either.
    const out = await t.as(laptop, { method: 'POST', url: '/api/auth/sign-out' });
    expect(out.statusCode).toBe(204);
    expect((await t.as(laptop, { method: 'POST', url: '/api/me/password', payload: {} })).statusCode).toBe(
      401,
    );
  });

  it('signs out and the cookie no longer works', async () => {
    const owner = await t.createTenant();
    const out = await t.as(owner, { method: 'POST', url: '/api/auth/sign-out' });
    expect(out.statusCode).toBe(204);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookieHeader(out) } });
    expect(me.statusCode).toBe(401);
  });

  it('answers 401 on protected routes without a session', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/me' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });
});

describe('password reset by e-mail token', () => {
  it('sends a reset link to the outbox and the token sets a new password once', async () => {
    const owner = await t.createTenant();
    const request = await t.app.inject({
      method: 'POST',
      url: '/api/auth/request-password-reset',
      payload: { email: owner.email },
    });
    expect(request.statusCode).toBe(202);
    const mail = await latestMailTo(owner.email);
    expect(mail?.status).toBe('offline');
    const token = mail?.textBody.match(/token=([^\s&]+)/)?.[1];
    expect(token).toBeTruthy();
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/auth/reset-password',
      payload: { token: decodeURIComponent(token!), newPassword: 'Neues-Passwort-2026' },
    });
    expect(reset.statusCode).toBe(204);
    await expect(t.signIn(owner.email, 'Neues-Passwort-2026')).resolves.toContain('immoxx.session_token');
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/reset-password',
      payload: { token: decodeURIComponent(token!), newPassword: 'Noch-ein-Passwort-1' },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('invalid_token');
  });

  it('gives the same answer for unknown addresses and sends nothing', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/request-password-reset',
      payload: { email: 'unbekannt@example.de' },
    });
    expect(response.statusCode).toBe(202);
    expect(await latestMailTo('unbekannt@example.de')).toBeUndefined();
  });
});

describe('invitations', () => {
  it('invites a new colleague who sets a password and joins with the invited role', async () => {
    const owner = await t.createTenant('Seeblick Immobilien');
    const invited = await t.as(owner, {
      method: 'POST',
      url: '/api/admin/invitations',
      payload: { email: 'neu.kollegin@example.de', role: 'agent' },
    });
    expect(invited.statusCode).toBe(201);
    const { invitation, mail } = invited.json();
    expect(mail.delivery).toBe('offline');
    const outbox = await latestMailTo('neu.kollegin@example.de');
    expect(outbox?.textBody).toContain(invitation.acceptUrl);

    const info = await t.app.inject({ method: 'GET', url: `/api/auth/invitations/${invitation.id}` });
    expect(info.json()).toMatchObject({
      tenantName: 'Seeblick Immobilien',
      role: 'agent',
      status: 'pending',
      accountExists: false,
    });

    const missing = await t.app.inject({
      method: 'POST',
      url: `/api/auth/invitations/${invitation.id}/accept`,
      payload: {},
    });
    expect(missing.statusCode).toBe(400);

    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/auth/invitations/${invitation.id}/accept`,
      payload: { name: 'Neue Kollegin', password: 'Kollegin-Passwort-1' },
    });
    expect(accepted.statusCode).toBe(200);
    const me = await t.as(cookieHeader(accepted), { method: 'GET', url: '/api/me' });
    expect(me.json().tenant).toMatchObject({ name: 'Seeblick Immobilien', role: 'agent' });

    const reused = await t.app.inject({
      method: 'POST',
      url: `/api/auth/invitations/${invitation.id}/accept`,
      payload: { name: 'X Y', password: 'Kollegin-Passwort-1' },
    });
    expect(reused.statusCode).toBe(409);
  });

  it('only an owner may invite another owner', async () => {
    const owner = await t.createTenant();
    const admin = await t.createUser(owner.tenantId, 'admin');
    const response = await t.as(admin, {
      method: 'POST',
      url: '/api/admin/invitations',
      payload: { email: 'boss@example.de', role: 'owner' },
    });
    expect(response.statusCode).toBe(403);
  });
});
