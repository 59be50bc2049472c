import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../platform/audit/audit.schema.js';
import { authUser, tenant, tenantMember } from '../../../platform/auth/auth.schema.js';
import { mailOutbox } from '../../../platform/mail/mail.schema.js';
import { tenantPlan } from '../../../platform/plans/plans.schema.js';
import { createTestApp, type TestApp } from '../../../platform/testing/test-app.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';
import type { OnboardingView, SignupConfirmed, SubdomainCheck } from '../contract.js';
import { officeSignup } from '../schema.js';

/**
 * Self-service sign-up through HTTP: a request stores nothing of the product but a pending row and
 * a mail; the link opens the office once, on a trial, with its owner; bad input is refused with a
 * clear 4xx and changes nothing; an existing account is neither revealed nor overwritten.
 */
let t: TestApp;
const PASSWORD = 'Seeblick-Passwort-2026';

const signup = (overrides: Record<string, unknown> = {}) =>
  t.as(null, {
    method: 'POST',
    url: '/api/offices/signup',
    payload: {
      officeName: 'Seeblick Immobilien GmbH',
      subdomain: 'seeblick',
      name: 'Sabine Seeblick',
      email: 'sabine@seeblick-immo.de',
      password: PASSWORD,
      acceptTerms: true,
      ...overrides,
    },
  });

/** The token of the newest mail to an address, as the recipient reads it from the link. */
async function tokenFromMail(to: string): Promise<string> {
  const [mail] = await t.platform.database.db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.toAddress, to))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(1);
  const match = mail?.textBody.match(/\/registrieren\/bestaetigen#([A-Za-z0-9_-]+)/);
  if (!match?.[1]) throw new Error(`no confirmation link mailed to ${to}`);
  return match[1];
}
const confirm = (token: string) =>
  t.as(null, { method: 'POST', url: '/api/offices/signup/confirm', payload: { token } });
const tenantsCalled = async (slug: string) =>
  t.platform.database.db.select().from(tenant).where(eq(tenant.slug, slug));

describe('Selbstregistrierung eines Maklerbüros', () => {
  beforeAll(async () => {
    t = await createTestApp({
      env: { MODULE_MULTI_TENANT: 'true', BASE_DOMAIN: 'immoxx.test', PUBLIC_URL: 'http://app.immoxx.test' },
    });
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('refuses bad input with a clear 4xx and stores nothing', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ acceptTerms: false }, 400, 'validation_failed'],
      [{ password: 'kurz' }, 400, 'validation_failed'],
      [{ email: 'keine-adresse' }, 400, 'validation_failed'],
      [{ subdomain: 'www' }, 400, 'subdomain_invalid'],
      [{ subdomain: '-see' }, 400, 'subdomain_invalid'],
    ];
    for (const [payload, status, code] of cases) {
      const r = await signup(payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(status);
      expect(r.json().error.code).toBe(code);
    }
    expect(await t.platform.database.db.select().from(officeSignup)).toEqual([]);
    expect(await t.platform.database.db.select().from(mailOutbox)).toEqual([]);
  });

  it('suggests a free address and says why one cannot be had', async () => {
    const check = async (name: string) =>
      (
        await t.as(null, {
          method: 'GET',
          url: `/api/offices/signup/subdomain?name=${encodeURIComponent(name)}`,
        })
      ).json() as SubdomainCheck;
    expect(await check('seeblick')).toMatchObject({ available: true, reason: null });
    expect(await check('Seeblick Immobilien GmbH')).toMatchObject({
      available: false,
      suggestion: 'seeblick-immobilien',
    });
    expect((await check('admin')).reason).toContain('reserviert');
    const settings = (await t.as(null, { method: 'GET', url: '/api/offices/signup' })).json();
    expect(settings).toEqual({ baseDomain: 'immoxx.test', trialDays: 14, trialPlan: 'Professional' });
  });

  it('a confirmed sign-up opens the office with its owner on a 14-day trial, once', async () => {
    const r = await signup();
    expect(r.statusCode).toBe(202);
    expect(r.json()).toMatchObject({ delivery: 'offline' });
    expect(await tenantsCalled('seeblick')).toEqual([]);
    const [pending] = await t.platform.database.db.select().from(officeSignup);
    expect(pending?.passwordHash).toMatch(/^[0-9a-f]+:[0-9a-f]+$/);
    expect(JSON.stringify(pending)).not.toContain(PASSWORD);

    // The address is held while the link is out: another address cannot take it.
    const rival = await signup({ email: 'andere@example.de' });
    expect(rival.statusCode).toBe(409);
    expect(rival.json().error).toMatchObject({
      code: 'subdomain_taken',
      details: { suggestion: 'seeblick-2' },
    });

    const token = await tokenFromMail('sabine@seeblick-immo.de');
    expect((await confirm('x'.repeat(40))).json().error.code).toBe('invalid_token');
    const opened = await confirm(token);
    expect(opened.statusCode).toBe(200);
    expect(opened.json() as SignupConfirmed).toEqual({
      email: 'sabine@seeblick-immo.de',
      officeName: 'Seeblick Immobilien GmbH',
      subdomain: 'seeblick',
      officeUrl: 'http://seeblick.immoxx.test',
      existingAccount: false,
      withDemoData: false,
    });
    const again = await confirm(token);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_confirmed');

    const [office] = await tenantsCalled('seeblick');
    expect(office?.name).toBe('Seeblick Immobilien GmbH');
    const [plan] = await t.platform.database.db
      .select()
      .from(tenantPlan)
      .where(eq(tenantPlan.tenantId, office!.id));
    expect(plan).toMatchObject({ plan: 'professional', status: 'trialing' });
    const trialDays = (plan!.trialEndsAt!.getTime() - Date.now()) / 86_400_000;
    expect(trialDays).toBeGreaterThan(13.9);
    expect(trialDays).toBeLessThanOrEqual(14);
    const [user] = await t.platform.database.db
      .select()
      .from(authUser)
      .where(eq(authUser.email, 'sabine@seeblick-immo.de'));
    expect(user?.emailVerified).toBe(true);
    const members = await t.platform.database.db
      .select()
      .from(tenantMember)
      .where(eq(tenantMember.organizationId, office!.id));
    expect(members.map((m) => m.role)).toEqual(['owner']);
    const [row] = await t.platform.database.db
      .select()
      .from(officeSignup)
      .where(eq(officeSignup.tenantId, office!.id));
    expect(row?.passwordHash).toBeNull();
    const [audit] = await t.platform.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, office!.id), eq(auditLog.action, 'signed_up')));
    expect(audit?.entity).toBe('office');

    // She signs in with the password she chose and sees the checklist of her empty office.
    const cookie = await t.signIn('sabine@seeblick-immo.de', PASSWORD);
    const onboarding = (
      await t.as(cookie, { method: 'GET', url: '/api/offices/onboarding' })
    ).json() as OnboardingView;
    expect(onboarding).toMatchObject({ dismissed: false, demoData: 'none' });
    expect(onboarding.steps.filter((s) => s.done).map((s) => s.id)).toEqual([]);
    const created = await t.as(cookie, {
      method: 'POST',
      url: '/api/crm/properties',
      payload: { ...seeblickWohnung, externalId: 'SB-1' },
    });
    expect(created.statusCode).toBe(201);
    const after = (
      await t.as(cookie, { method: 'GET', url: '/api/offices/onboarding' })
    ).json() as OnboardingView;
    expect(after.steps.find((s) => s.id === 'property')).toMatchObject({ done: true, path: '/objekte/neu' });
    const dismissed = await t.as(cookie, { method: 'POST', url: '/api/offices/onboarding/dismiss' });
    expect(dismissed.json()).toMatchObject({ dismissed: true });
    expect((await t.as(cookie, { method: 'POST', url: '/api/offices/onboarding/dismiss' })).statusCode).toBe(
      200,
    );

    // The trial ends on its day without a subscription: Free applies, with its limits.
    const billing = async () => (await t.as(cookie, { method: 'GET', url: '/api/billing/plan' })).json();
    expect((await billing()).current).toMatchObject({ plan: { id: 'professional' }, status: 'trialing' });
    await t.platform.database.withTenant(office!.id, (tx) =>
      tx.update(tenantPlan).set({ trialEndsAt: new Date(Date.now() - 1000) }),
    );
    expect((await billing()).current).toMatchObject({
      plan: { id: 'free' },
      status: 'active',
      trialEndsAt: null,
    });
  });

  it('an expired link opens nothing', async () => {
    expect((await signup({ subdomain: 'spaet-immo', email: 'spaet@example.de' })).statusCode).toBe(202);
    const token = await tokenFromMail('spaet@example.de');
    await t.platform.database.db
      .update(officeSignup)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(officeSignup.email, 'spaet@example.de'));
    const r = await confirm(token);
    expect(r.statusCode).toBe(410);
    expect(r.json().error.code).toBe('token_expired');
    expect(await tenantsCalled('spaet-immo')).toEqual([]);
  });

  it('an address with an account gets the same answer; confirming adds the office to that account, whose password stays', async () => {
    const existing = await t.createTenant('Altes Büro');
    const [row] = await t.platform.database.db
      .select()
      .from(authUser)
      .where(eq(authUser.id, existing.userId));
    const r = await signup({
      email: row!.email,
      subdomain: 'zweitbuero',
      officeName: 'Zweitbüro Lindau',
      password: 'Ein-anderes-Passwort',
    });
    expect(r.statusCode).toBe(202);
    expect(r.json().message).not.toContain('Konto');
    const mail = await t.platform.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, row!.email));
    expect(mail.at(-1)?.textBody).toContain('bereits ein ImmoXX-Konto');
    const opened = await confirm(await tokenFromMail(row!.email));
    expect(opened.json()).toMatchObject({ existingAccount: true, subdomain: 'zweitbuero' });
    const [office] = await tenantsCalled('zweitbuero');
    const memberships = await t.platform.memberships.listForUser(existing.userId);
    expect(memberships.map((m) => m.tenantId)).toContain(office!.id);
    await expect(t.signIn(row!.email, 'Ein-anderes-Passwort')).rejects.toThrow();
  });

  it('an office made otherwise has the checklist too, without sample data; other roles do not see it', async () => {
    const owner = await t.createTenant();
    const view = (
      await t.as(owner, { method: 'GET', url: '/api/offices/onboarding' })
    ).json() as OnboardingView;
    expect(view).toMatchObject({ dismissed: false, demoData: 'none' });
    expect(view.steps).toHaveLength(5);
    const agent = await t.createUser(owner.tenantId, 'agent');
    expect((await t.as(agent, { method: 'GET', url: '/api/offices/onboarding' })).statusCode).toBe(403);
  });

  it('with sample data asked for, the new office gets them in the background, not counted as its own work', async () => {
    expect(
      (await signup({ subdomain: 'demo-buero', email: 'demo@example.de', withDemoData: true })).statusCode,
    ).toBe(202);
    const opened = await confirm(await tokenFromMail('demo@example.de'));
    expect(opened.json()).toMatchObject({ withDemoData: true });
    const cookie = await t.signIn('demo@example.de', PASSWORD);
    let view: OnboardingView | null = null;
    for (let i = 0; i < 240; i++) {
      view = (await t.as(cookie, { method: 'GET', url: '/api/offices/onboarding' })).json() as OnboardingView;
      if (view.demoData !== 'pending') break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(view?.demoData).toBe('done');
    const list = (await t.as(cookie, { method: 'GET', url: '/api/crm/properties?pageSize=5' })).json();
    expect(list.total).toBeGreaterThan(10);
    expect(view?.steps.find((s) => s.id === 'property')?.done).toBe(false);
  }, 180_000);
});

describe('Selbstregistrierung ausgeschaltet (Standard)', () => {
  it('a single-office server has no sign-up', async () => {
    const single = await createTestApp();
    try {
      const r = await single.as(null, { method: 'POST', url: '/api/offices/signup', payload: {} });
      expect(r.statusCode).toBe(404);
    } finally {
      await single.close();
    }
  });
});
