import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notification } from '../../../platform/notifications/notifications.schema.js';
import {
  createTestApp,
  TEST_PASSWORD,
  type TestApp,
  type TestUser,
} from '../../../platform/testing/test-app.js';
import { activity, contact, property } from '../../crm/schema.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';
import type { NetworkReport, OperatorNetwork, PoolView } from '../contract.js';
import { networkLead } from '../schema.js';
import { withNetwork } from './network-context.js';

/**
 * A broker network through HTTP: the operator sets it up, each office decides what it shares,
 * the network's administrator sees the pool and the figures of exactly the sharing offices, and
 * the public form routes a lead to the office the rules name. The network's database role is
 * tried directly too: its policies, not the routes, decide what it can read and write.
 */
let t: TestApp;
let a: TestUser;
let b: TestUser;
let c: TestUser;
let agentA: TestUser;
let operator: string;
let admin: string;
let networkId: string;
const ids: Record<string, string> = {};

async function listing(owner: TestUser, title: string, overrides: Record<string, unknown>, publish: boolean) {
  const created = await t.as(owner, {
    method: 'POST',
    url: '/api/crm/properties',
    payload: { ...seeblickWohnung, title, ...overrides },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  if (publish) {
    const published = await t.as(owner, {
      method: 'POST',
      url: `/api/crm/properties/${id}/status`,
      payload: { status: 'aktiv' },
    });
    expect(published.statusCode, published.body).toBe(200);
  }
  return id;
}

const pool = async (user: TestUser | string, url = `/api/networks/${networkId}/pool`) => {
  const response = await t.as(user, { method: 'GET', url });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as PoolView;
};

/** The database's own refusal, which drizzle wraps as the cause of its "Failed query" error. */
const refusal = (query: Promise<unknown>) =>
  query.then(
    () => 'allowed',
    (error: Error & { cause?: Error }) => error.cause?.message ?? error.message,
  );

const signUp = async (email: string, name: string) => {
  await t.platform.auth.api.signUpEmail({ body: { email, name, password: TEST_PASSWORD } });
  return t.signIn(email);
};

describe('Maklernetzwerk', () => {
  beforeAll(async () => {
    t = await createTestApp();
    a = await t.createTenant('Seeimmobilien Konstanz');
    b = await t.createTenant('Hegau Immobilien Singen');
    c = await t.createTenant('Allgäu Makler Lindau');
    agentA = await t.createUser(a.tenantId, 'agent');
    operator = await t.createOperator('betrieb@netzwerk.test', 'Olga Betrieb');
    admin = await signUp('zentrale@netzwerk.test', 'Nina Zentrale');
    ids.aOnMarket = await listing(a, 'Seeblick A', {}, true);
    ids.aDraft = await listing(a, 'Entwurf A', {}, false);
    ids.bOnMarket = await listing(b, 'Villa B', { postalCode: '78224', city: 'Singen' }, true);
    ids.cOnMarket = await listing(c, 'Haus C', { postalCode: '88131', city: 'Lindau' }, true);
  }, 120_000);
  afterAll(async () => t?.close());

  it('the operator creates the network, adds offices and its administrator; offices cannot', async () => {
    const created = await t.as(operator, {
      method: 'POST',
      url: '/api/superadmin/networks',
      payload: { name: 'Bodensee-Maklernetzwerk', slug: 'bodensee' },
    });
    expect(created.statusCode, created.body).toBe(201);
    networkId = created.json().id;
    const again = await t.as(operator, {
      method: 'POST',
      url: '/api/superadmin/networks',
      payload: { name: 'Nochmal', slug: 'bodensee' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('slug_taken');
    const badSlug = await t.as(operator, {
      method: 'POST',
      url: '/api/superadmin/networks',
      payload: { name: 'Netz', slug: 'Bo densee!' },
    });
    expect(badSlug.statusCode).toBe(400);
    for (const office of [a, b]) {
      const added = await t.as(operator, {
        method: 'POST',
        url: `/api/superadmin/networks/${networkId}/members`,
        payload: { tenantId: office.tenantId },
      });
      expect(added.statusCode, added.body).toBe(200);
    }
    const unknown = await t.as(operator, {
      method: 'POST',
      url: `/api/superadmin/networks/${networkId}/admins`,
      payload: { email: 'niemand@netzwerk.test' },
    });
    expect(unknown.statusCode).toBe(404);
    const named = await t.as(operator, {
      method: 'POST',
      url: `/api/superadmin/networks/${networkId}/admins`,
      payload: { email: 'zentrale@netzwerk.test' },
    });
    const network = named.json() as OperatorNetwork;
    expect(network.members.map((m) => m.name)).toEqual(['Hegau Immobilien Singen', 'Seeimmobilien Konstanz']);
    expect(network.admins.map((x) => x.email)).toEqual(['zentrale@netzwerk.test']);
    // An office owner is no operator.
    const byOffice = await t.as(a, {
      method: 'POST',
      url: `/api/superadmin/networks/${networkId}/members`,
      payload: { tenantId: c.tenantId },
    });
    expect(byOffice.statusCode).toBe(403);
    // A second network cannot take an office that is in one.
    const other = await t.as(operator, {
      method: 'POST',
      url: '/api/superadmin/networks',
      payload: { name: 'Schwarzwald-Netz', slug: 'schwarzwald' },
    });
    const taken = await t.as(operator, {
      method: 'POST',
      url: `/api/superadmin/networks/${other.json().id}/members`,
      payload: { tenantId: a.tenantId },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('in_other_network');
    ids.otherNetwork = other.json().id;
  });

  it('a new member shares nothing until it decides to, and only its owner decides', async () => {
    expect((await pool(admin)).listings).toEqual([]);
    const membership = await t.as(a, { method: 'GET', url: '/api/networks/membership' });
    expect(membership.json()).toMatchObject({
      network: {
        name: 'Bodensee-Maklernetzwerk',
        memberCount: 2,
        inquiryUrl: expect.stringMatching(/\/n\/bodensee$/),
      },
      sharesListings: false,
      sharesReports: false,
    });
    const byAgent = await t.as(agentA, {
      method: 'PUT',
      url: '/api/networks/membership',
      payload: { sharesListings: true, sharesReports: true },
    });
    expect(byAgent.statusCode).toBe(403);
    const outsider = await t.as(c, {
      method: 'PUT',
      url: '/api/networks/membership',
      payload: { sharesListings: true, sharesReports: true },
    });
    expect(outsider.statusCode).toBe(409);
    expect((await t.as(c, { method: 'GET', url: '/api/networks/membership' })).json().network).toBeNull();
    const shared = await t.as(a, {
      method: 'PUT',
      url: '/api/networks/membership',
      payload: { sharesListings: true, sharesReports: true },
    });
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json()).toMatchObject({ sharesListings: true, sharesReports: true });
  });

  it('the pool holds exactly the shared listings on the market', async () => {
    const seen = await pool(admin);
    expect(seen.listings.map((l) => l.title)).toEqual(['Seeblick A']);
    expect(seen.listings[0]).toMatchObject({
      officeName: 'Seeimmobilien Konstanz',
      priceCents: 54_900_000,
      publicUrl: expect.stringMatching(/\/p\/[a-z0-9-]+$/),
    });
    expect((await pool(admin, `/api/networks/${networkId}/pool?q=Singen`)).total).toBe(0);
    expect((await pool(admin, `/api/networks/${networkId}/pool?q=784`)).total).toBe(1);
    // Give and take: B sees the pool only once it shares its own listings.
    const notYet = await t.as(b, { method: 'GET', url: '/api/networks/pool' });
    expect(notYet.statusCode).toBe(403);
    expect(notYet.json().error.code).toBe('pool_needs_sharing');
    await t.as(b, {
      method: 'PUT',
      url: '/api/networks/membership',
      payload: { sharesListings: true, sharesReports: false },
    });
    expect((await pool(b, '/api/networks/pool')).listings.map((l) => l.title).sort()).toEqual([
      'Seeblick A',
      'Villa B',
    ]);
    expect((await pool(agentA, '/api/networks/pool')).total).toBe(2);
    const outsider = await t.as(c, { method: 'GET', url: '/api/networks/pool' });
    expect(outsider.statusCode).toBe(409);
  });

  it("the network's database role reads only what members share and writes nothing of theirs", async () => {
    const db = t.platform.database;
    const titles = await withNetwork(db, networkId, (tx) =>
      tx.select({ title: property.title }).from(property),
    );
    expect(titles.map((r) => r.title).sort()).toEqual(['Seeblick A', 'Villa B']);
    // No grant on contacts or activities at all; no write on listings.
    expect(await refusal(withNetwork(db, networkId, (tx) => tx.select().from(contact)))).toMatch(
      /permission denied/,
    );
    expect(await refusal(withNetwork(db, networkId, (tx) => tx.select().from(activity)))).toMatch(
      /permission denied/,
    );
    const hijack = withNetwork(db, networkId, (tx) =>
      tx.update(property).set({ title: 'gekapert' }).where(eq(property.id, ids.aOnMarket!)),
    );
    expect(await refusal(hijack)).toMatch(/permission denied/);
    // Another network sees none of it.
    const other = await withNetwork(db, ids.otherNetwork!, (tx) =>
      tx.select({ id: property.id }).from(property),
    );
    expect(other).toEqual([]);
    // And an office's own transaction still sees only its own listings.
    const ownOfB = await db.withTenant(b.tenantId, (tx) =>
      tx.select({ title: property.title }).from(property),
    );
    expect(ownOfB.map((r) => r.title)).toEqual(['Villa B']);
    const role = await db.withTenant(b.tenantId, (tx) =>
      tx.select({ role: sql<string>`current_user` }).from(sql`(select 1) as one`),
    );
    expect(role).toEqual([{ role: 'immoxx_app' }]);
  });

  it('the report shows the figures of offices that share them, and hides them once they stop', async () => {
    const report = (
      await t.as(admin, { method: 'GET', url: `/api/networks/${networkId}/report` })
    ).json() as NetworkReport;
    expect(report.months).toHaveLength(6);
    const current = report.months.length - 1;
    const ofA = report.offices.find((o) => o.name === 'Seeimmobilien Konstanz')!;
    const ofB = report.offices.find((o) => o.name === 'Hegau Immobilien Singen')!;
    expect(ofA.sharesReports).toBe(true);
    expect(ofA.figures[current]).toMatchObject({ newListings: 2, activeListings: 1 });
    expect(ofB.sharesReports).toBe(false);
    expect(ofB.figures.every((f) => f === null)).toBe(true);
    expect(report.totals[current]).toMatchObject({ newListings: 2, activeListings: 1 });
    await t.as(a, {
      method: 'PUT',
      url: '/api/networks/membership',
      payload: { sharesListings: true, sharesReports: false },
    });
    const after = (
      await t.as(admin, { method: 'GET', url: `/api/networks/${networkId}/report` })
    ).json() as NetworkReport;
    expect(after.offices.every((o) => o.figures.every((f) => f === null))).toBe(true);
    expect(after.totals[current]).toMatchObject({ newListings: 0, activeListings: 0 });
  });

  it('only its administrators reach the network; the nav shows each user what they can open', async () => {
    for (const user of [a, agentA, operator])
      expect((await t.as(user, { method: 'GET', url: `/api/networks/${networkId}` })).statusCode).toBe(403);
    expect((await t.as(admin, { method: 'GET', url: `/api/networks/${ids.otherNetwork}` })).statusCode).toBe(
      403,
    );
    expect((await t.as(admin, { method: 'GET', url: '/api/networks/not-a-uuid/pool' })).statusCode).toBe(403);
    const detail = await t.as(admin, { method: 'GET', url: `/api/networks/${networkId}` });
    expect(detail.json().members).toHaveLength(2);
    const navOf = async (user: TestUser | string) =>
      ((await t.as(user, { method: 'GET', url: '/api/me' })).json().nav as { path: string }[]).map(
        (n) => n.path,
      );
    expect(await navOf(admin)).toContain('/netzwerk');
    expect(await navOf(a)).toContain('/netzwerk-pool');
    expect(await navOf(a)).not.toContain('/netzwerk');
    expect(await navOf(c)).not.toContain('/netzwerk-pool');
  });

  it('routing rules name member offices only; a bad set changes nothing', async () => {
    const rules = [
      { postalPrefix: '784', targetTenantId: a.tenantId },
      { marketingType: 'miete', targetTenantId: b.tenantId },
    ];
    const saved = await t.as(admin, {
      method: 'PUT',
      url: `/api/networks/${networkId}/routing`,
      payload: { rules, fallbackTenantId: b.tenantId },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().rules.map((r: { position: number }) => r.position)).toEqual([1, 2]);
    const stranger = await t.as(admin, {
      method: 'PUT',
      url: `/api/networks/${networkId}/routing`,
      payload: { rules: [{ postalPrefix: '881', targetTenantId: c.tenantId }], fallbackTenantId: null },
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error.code).toBe('not_a_member');
    const badPrefix = await t.as(admin, {
      method: 'PUT',
      url: `/api/networks/${networkId}/routing`,
      payload: { rules: [{ postalPrefix: 'Konstanz', targetTenantId: a.tenantId }], fallbackTenantId: null },
    });
    expect(badPrefix.statusCode).toBe(400);
    const kept = await t.as(admin, { method: 'GET', url: `/api/networks/${networkId}/routing` });
    expect(kept.json().rules).toHaveLength(2);
    expect(kept.json().fallbackTenantId).toBe(b.tenantId);
  });

  it('the public form routes a lead to the office the rules name; the network keeps no personal data', async () => {
    const form = (fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/n/bodensee',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          concern: 'verkaufen',
          objectType: 'haus',
          name: 'Erika Verkauf',
          email: 'erika@example.de',
          phone: '07531 12345',
          message: 'Wir möchten unser Haus verkaufen.',
          privacy: 'ja',
          ...fields,
        }).toString(),
      });
    const page = await t.app.inject({ method: 'GET', url: '/n/bodensee' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Bodensee-Maklernetzwerk');
    const toA = await form({ postalCode: '78462' });
    expect(toA.statusCode, toA.body).toBe(303);
    expect(toA.headers.location).toBe(`/n/bodensee?an=${a.tenantId}`);
    const thanks = await t.app.inject({ method: 'GET', url: toA.headers.location as string });
    expect(thanks.body).toContain('Seeimmobilien Konstanz');
    const crafted = await t.app.inject({ method: 'GET', url: `/n/bodensee?an=${c.tenantId}` });
    expect(crafted.body).not.toContain('Allgäu');
    const [lead] = await t.platform.database.withTenant(a.tenantId, (tx) =>
      tx.select().from(contact).where(eq(contact.email, 'erika@example.de')),
    );
    expect(lead).toMatchObject({
      source: 'netzwerk',
      roles: ['eigentuemer'],
      consentGiven: true,
      postalCode: '78462',
    });
    expect(lead?.consentPurpose).toContain('Bodensee-Maklernetzwerk');
    const notes = await t.platform.database.withTenant(a.tenantId, (tx) =>
      tx.select().from(activity).where(eq(activity.contactId, lead!.id)),
    );
    expect(notes.map((n) => n.subject)).toEqual([
      'Immobilie verkaufen: Anfrage über das Netzwerk „Bodensee-Maklernetzwerk“',
    ]);
    const told = await t.platform.database.withTenant(a.tenantId, (tx) =>
      tx.select().from(notification).where(eq(notification.userId, a.userId)),
    );
    expect(told.some((n) => n.link === `/kontakte/${lead!.id}`)).toBe(true);
    expect(
      await t.platform.database.withTenant(b.tenantId, (tx) =>
        tx.select().from(contact).where(eq(contact.email, 'erika@example.de')),
      ),
    ).toEqual([]);
    // A rental in Berlin: the second rule; a purchase in Berlin: the fallback office.
    expect(
      (await form({ postalCode: '10115', concern: 'mieten', email: 'mia@example.de' })).headers.location,
    ).toBe(`/n/bodensee?an=${b.tenantId}`);
    expect(
      (await form({ postalCode: '10117', concern: 'kaufen', email: 'kai@example.de' })).headers.location,
    ).toBe(`/n/bodensee?an=${b.tenantId}`);
    const leads = (await t.as(admin, { method: 'GET', url: `/api/networks/${networkId}/leads` })).json();
    expect(leads.leads).toHaveLength(3);
    expect(JSON.stringify(leads)).not.toMatch(/erika|Erika|07531/);
    expect(leads.leads.map((l: { byRule: number | null }) => l.byRule).sort()).toEqual([1, 2, null]);
    const report = (
      await t.as(admin, { method: 'GET', url: `/api/networks/${networkId}/report` })
    ).json() as NetworkReport;
    expect(report.totals.at(-1)?.leadsRouted).toBe(3);
    // Invalid input and an area nobody takes: nothing stored.
    expect((await form({ postalCode: '784' })).statusCode).toBe(400);
    await t.as(admin, {
      method: 'PUT',
      url: `/api/networks/${networkId}/routing`,
      payload: { rules: [{ postalPrefix: '784', targetTenantId: a.tenantId }], fallbackTenantId: null },
    });
    const nobody = await form({ postalCode: '20095', email: 'hamburg@example.de' });
    expect(nobody.statusCode).toBe(422);
    expect(nobody.body).toContain('kein Büro unseres Netzwerks zuständig');
    const stored = await withNetwork(t.platform.database, networkId, (tx) => tx.select().from(networkLead));
    expect(stored).toHaveLength(3);
    expect((await t.app.inject({ method: 'GET', url: '/n/gibt-es-nicht' })).statusCode).toBe(404);
  });

  it('an office taken out of the network takes its rules with it and sees no pool', async () => {
    const removed = await t.as(operator, {
      method: 'DELETE',
      url: `/api/superadmin/networks/${networkId}/members/${a.tenantId}`,
    });
    expect(removed.statusCode, removed.body).toBe(200);
    const routing = (await t.as(admin, { method: 'GET', url: `/api/networks/${networkId}/routing` })).json();
    expect(routing.rules).toEqual([]);
    expect((await pool(b, '/api/networks/pool')).listings.map((l) => l.title)).toEqual(['Villa B']);
    expect((await t.as(a, { method: 'GET', url: '/api/networks/pool' })).statusCode).toBe(409);
  });
});
