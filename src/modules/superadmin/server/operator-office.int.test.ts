import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../../platform/mail/mail.schema.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';

/**
 * An operator opens an office for a broker: with a new owner, who sets a password from the mail
 * (days, not the reset's hour) and lands in the office on its plan; with an owner who already has
 * an account, who keeps it. Bad or taken addresses change nothing; offices cannot do it.
 */
let t: TestApp;
let operator: string;
let broker: TestUser;

const open = (cookie: string, body: Record<string, unknown>) =>
  t.as(cookie, { method: 'POST', url: '/api/superadmin/offices', payload: body });
const lastMailTo = async (to: string) =>
  (
    await t.platform.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, to))
      .orderBy(desc(mailOutbox.createdAt))
      .limit(1)
  )[0];

describe('Büro durch den Betreiber einrichten', () => {
  beforeAll(async () => {
    t = await createTestApp();
    broker = await t.createTenant('Bestehendes Büro');
    operator = await t.createOperator('betrieb@immoxx.test', 'Olga Betrieb');
  }, 60_000);
  afterAll(async () => t?.close());

  const body = {
    officeName: 'Hegau Immobilien',
    subdomain: 'hegau-immobilien',
    ownerEmail: 'Hanna@Hegau-Immo.de',
    ownerName: 'Hanna Hegauer',
    plan: 'professional',
  };

  it('an office cannot, and a bad address is refused', async () => {
    expect((await open(broker.cookie, body)).statusCode).toBe(403);
    const reserved = await open(operator, { ...body, subdomain: 'www' });
    expect(reserved.statusCode).toBe(400);
    expect(await lastMailTo('hanna@hegau-immo.de')).toBeUndefined();
  });

  it('a new owner sets a password from the mail and lands in the office on its plan', async () => {
    const opened = await open(operator, body);
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json()).toMatchObject({ newAccount: true });
    const mail = await lastMailTo('hanna@hegau-immo.de');
    expect(mail?.subject).toBe('Ihr Maklerbüro „Hegau Immobilien“ auf ImmoXX ist eingerichtet');
    expect(mail?.textBody).toContain('innerhalb von 7 Tagen');
    const token = decodeURIComponent(/passwort-zuruecksetzen\?token=([^\s]+)/.exec(mail!.textBody)![1]!);
    const set = await t.as(null, {
      method: 'POST',
      url: '/api/auth/reset-password',
      payload: { token, newPassword: 'Hegau-Passwort-2026' },
    });
    expect(set.statusCode, set.body).toBe(204);
    const owner = await t.signIn('hanna@hegau-immo.de', 'Hegau-Passwort-2026');
    const me = (await t.as(owner, { method: 'GET', url: '/api/me' })).json();
    expect(me.tenant).toMatchObject({ id: opened.json().id, name: 'Hegau Immobilien', role: 'owner' });
    const plan = (await t.as(owner, { method: 'GET', url: '/api/billing/plan' })).json();
    expect(plan.current.plan.id).toBe('professional');
    const audit = (await t.as(owner, { method: 'GET', url: '/api/admin/audit-log?entity=office' })).json();
    expect(audit.items[0]).toMatchObject({
      action: 'opened_by_operator',
      userName: 'Olga Betrieb (Plattform-Betrieb)',
    });
    // The address is taken now.
    const again = await open(operator, { ...body, ownerEmail: 'andere@example.de' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('subdomain_taken');
  });

  it('an owner with an account keeps it and gets the office beside the one they have', async () => {
    const members = (await t.as(broker, { method: 'GET', url: '/api/admin/members' })).json();
    const email = (members.items as { email: string }[])[0]!.email;
    const opened = await open(operator, {
      ...body,
      officeName: 'Zweites Büro',
      subdomain: 'zweites-buero',
      ownerEmail: email,
      plan: null,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json().newAccount).toBe(false);
    expect((await lastMailTo(email))?.textBody).toContain('mit Ihrem bisherigen ImmoXX-Passwort');
    const me = (await t.as(broker, { method: 'GET', url: '/api/me' })).json();
    expect(me.tenants.map((o: { name: string }) => o.name).sort()).toEqual([
      'Bestehendes Büro',
      'Zweites Büro',
    ]);
  });
});
