import { and, count, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../../platform/mail/mail.schema.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';
import { leadEvent, leadScore, trackedMail, trackingVisitor } from '../schema.js';
import { cookieSuffix } from './contact-ref.js';

/**
 * Lead scoring through HTTP: consent decides whether a visit is stored at all (§ 25 TDDDG),
 * a personal link and a sent form tie visits to the contact, the score and its reasons follow,
 * the office's override stays, and the close model trains once enough outcomes exist.
 */
let t: TestApp;
let owner: TestUser;
let slug = '';
let propertyId = '';

type Body = Record<string, unknown> & { items?: Record<string, unknown>[] };
const json = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH', url: string, payload?: unknown) => {
  const r = await t.as(owner, {
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as string }),
  });
  return { status: r.statusCode, body: (r.body ? r.json() : null) as Body };
};

async function newContact(fields: Record<string, unknown>): Promise<string> {
  const created = await json('POST', '/api/crm/contacts', {
    kind: 'person',
    roles: ['interessent'],
    ...fields,
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

const countRows = async (table: typeof leadEvent | typeof trackingVisitor) =>
  (await t.platform.database.db.select({ n: count() }).from(table))[0]!.n;

/** What a visitor's browser sends: the consent cookie the banner set and the id the server set. */
const browser = (visitorId: string | null, consent: 'ja' | 'nein' | null) => {
  const suffix = cookieSuffix(owner.tenantId);
  return [consent ? `ixx_c_${suffix}=${consent}` : '', visitorId ? `ixx_v_${suffix}=${visitorId}` : '']
    .filter(Boolean)
    .join('; ');
};

const track = (cookie: string, kind: string, extra: Record<string, unknown> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/t/ereignis',
    headers: { cookie, 'content-type': 'text/plain' },
    payload: JSON.stringify({ t: owner.tenantId, k: kind, p: propertyId, s: 'sitzung-1', ...extra }),
  });

const card = async (contactId: string) => (await json('GET', `/api/leadscoring/contacts/${contactId}`)).body;

describe('Lead-Scoring', () => {
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.createTenant();
    const listing = await json('POST', '/api/crm/properties', seeblickWohnung);
    propertyId = listing.body.id as string;
    expect((await json('POST', `/api/crm/properties/${propertyId}/status`, { status: 'aktiv' })).status).toBe(
      200,
    );
    slug = (await json('GET', `/api/crm/properties/${propertyId}`)).body.slug as string;
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('shows the consent banner and the first-party tracker on the public listing page', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/p/${slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Dürfen wir Ihr Interesse an unseren Angeboten messen?');
    expect(page.body).toContain('Nur notwendige');
    expect(page.body).toContain(`<script src="/t/tracker.js" defer data-tenant="${owner.tenantId}"`);
    const script = await t.app.inject({ method: 'GET', url: '/t/tracker.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('javascript');
  });

  it('stores nothing for a visitor without consent (checked in the database)', async () => {
    const contactId = await newContact({
      firstName: 'Nina',
      lastName: 'Ohnezustimmung',
      email: 'nina@example.de',
    });
    const link = await json('POST', `/api/crm/properties/${propertyId}/expose-links`, { contactId });
    expect(link.status).toBe(201);
    const exposePath = new URL(link.body.url as string).pathname;
    // The personal page carries the signed reference, but without consent nothing is sent or kept.
    await t.app.inject({
      method: 'POST',
      url: exposePath,
      payload: 'widerruf=ja&provision=ja&datenschutz=ja',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const page = await t.app.inject({ method: 'GET', url: exposePath });
    expect(page.statusCode).toBe(200);
    const ref = /data-ref="([^"]+)"/.exec(page.body)?.[1];
    expect(ref).toMatch(new RegExp(`^${contactId}\\.`));
    const fakeVisitor = '00000000-0000-4000-8000-000000000001';
    for (const cookie of [
      '',
      browser(null, 'nein'),
      browser(fakeVisitor, 'nein'),
      browser(fakeVisitor, 'ja'),
    ]) {
      const r = await track(cookie, 'page_view', { r: ref });
      expect(r.statusCode).toBe(204);
    }
    await t.platform.events.drain();
    expect(await countRows(leadEvent)).toBe(0);
    expect(await countRows(trackingVisitor)).toBe(0);
    expect((await card(contactId)).events).toEqual([]);
  });

  it('refuses malformed events with a 400 and stores nothing', async () => {
    const bad = await track(browser(null, 'ja'), 'kaffee_getrunken');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('bad_request');
    expect(await countRows(leadEvent)).toBe(0);
  });

  it('ties consented visits through the personal exposé link to the contact and explains the score', async () => {
    const contactId = await newContact({ firstName: 'Paul', lastName: 'Personal', email: 'paul@example.de' });
    const link = await json('POST', `/api/crm/properties/${propertyId}/expose-links`, { contactId });
    const exposePath = new URL(link.body.url as string).pathname;
    await t.app.inject({
      method: 'POST',
      url: exposePath,
      payload: 'widerruf=ja&provision=ja&datenschutz=ja',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const page = await t.app.inject({ method: 'GET', url: exposePath });
    const ref = /data-ref="([^"]+)"/.exec(page.body)![1]!;
    const consent = await t.app.inject({
      method: 'POST',
      url: '/t/einwilligung',
      payload: { t: owner.tenantId, r: ref },
    });
    expect(consent.statusCode).toBe(201);
    const visitorId = consent.json().visitorId as string;
    expect(consent.headers['set-cookie']).toContain(`ixx_v_${cookieSuffix(owner.tenantId)}=${visitorId}`);
    const cookie = browser(visitorId, 'ja');
    expect((await track(cookie, 'page_view', { s: 'a' })).statusCode).toBe(204);
    expect((await track(cookie, 'expose_view', { s: 'a' })).statusCode).toBe(204);
    expect((await track(cookie, 'page_view', { s: 'b' })).statusCode).toBe(204);
    expect((await track(cookie, 'expose_download', { s: 'b' })).statusCode).toBe(204);
    await t.platform.events.drain();
    const c = await card(contactId);
    const score = c.score as Record<string, unknown>;
    expect(score.total).toBeGreaterThan(0);
    expect(score.summary).toContain('2 Besuche in 7 Tagen');
    expect(score.summary).toContain('Exposé 1× geöffnet, 1× als PDF geladen');
    expect((c.tracking as Record<string, unknown>).consentedVisitors).toBe(1);
    expect((c.events as unknown[]).length).toBe(4);
    // The contact's data export (Art. 15) carries the tracked visits and the consent.
    const exported = (await json('GET', `/api/crm/contacts/${contactId}/export`)).body as {
      modules: { leadscoring: { events: unknown[]; trackingConsents: unknown[] } };
    };
    expect(exported.modules.leadscoring.events).toHaveLength(4);
    expect(exported.modules.leadscoring.trackingConsents).toHaveLength(1);
  });

  it('measures mail opens and clicks only with consent, and discounts machine fetches', async () => {
    const latestMail = async (to: string) =>
      (
        await t.platform.database.db
          .select()
          .from(mailOutbox)
          .where(and(eq(mailOutbox.toAddress, to), eq(mailOutbox.purpose, 'crm.expose-link')))
          .orderBy(desc(mailOutbox.createdAt))
          .limit(1)
      )[0]!;
    const contacts = (await json('GET', '/api/crm/contacts?q=paul')).body.items as { id: string }[];
    const paul = contacts[0]!.id;
    // Nina never consented: her mail goes out as written.
    const nina = ((await json('GET', '/api/crm/contacts?q=nina')).body.items as { id: string }[])[0]!.id;
    await json('POST', `/api/crm/properties/${propertyId}/expose-links`, { contactId: nina });
    const plain = await latestMail('nina@example.de');
    expect(plain.textBody).toContain(`/p/${slug}/expose/`);
    expect(plain.textBody).not.toContain('/t/k/');
    expect(plain.htmlBody).toBeNull();
    expect(
      await t.platform.database.db.select().from(trackedMail).where(eq(trackedMail.contactId, nina)),
    ).toEqual([]);

    // Paul consented on his exposé page: links are tracked and the HTML part has the pixel.
    await json('POST', `/api/crm/properties/${propertyId}/expose-links`, { contactId: paul });
    const mail = await latestMail('paul@example.de');
    const token = /\/t\/k\/([A-Za-z0-9_-]{24})\/0/.exec(mail.textBody)?.[1];
    expect(token).toBeDefined();
    expect(mail.htmlBody).toContain(`/t/o/${token}.gif`);
    // The stored link is sealed: the personal exposé token is not readable in the table.
    const [row] = await t.platform.database.db
      .select()
      .from(trackedMail)
      .where(eq(trackedMail.token, token!));
    expect(row!.linksSealed).not.toContain('/expose/');

    const fetchAs = (method: 'GET' | 'HEAD', url: string, agent: string) =>
      t.app.inject({ method, url, headers: { 'user-agent': agent } });
    // At delivery: Apple's prefetch and a link scanner.
    const mpp = await fetchAs('GET', `/t/o/${token}.gif`, 'Mozilla/5.0');
    expect(mpp.statusCode).toBe(200);
    expect(mpp.headers['content-type']).toBe('image/gif');
    expect(
      (await fetchAs('HEAD', `/t/k/${token}/0`, 'Mozilla/5.0 (compatible; Barracuda Sentinel)')).statusCode,
    ).toBe(302);
    // An hour later Paul reads it on his phone and clicks.
    await t.platform.database.db
      .update(trackedMail)
      .set({ sentAt: new Date(Date.now() - 3_600_000) })
      .where(eq(trackedMail.token, token!));
    const iphone =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148';
    expect((await fetchAs('GET', `/t/o/${token}.gif`, iphone)).statusCode).toBe(200);
    const clicked = await fetchAs('GET', `/t/k/${token}/0`, iphone);
    expect(clicked.statusCode).toBe(302);
    expect(clicked.headers.location).toMatch(new RegExp(`/p/${slug}/expose/`));
    // No open redirect: an index that is not in the mail is a 404.
    expect((await fetchAs('GET', `/t/k/${token}/7`, iphone)).statusCode).toBe(404);
    await t.platform.events.drain();
    const events = await t.platform.database.db
      .select({ kind: leadEvent.kind, machine: leadEvent.machine })
      .from(leadEvent)
      .where(and(eq(leadEvent.contactId, paul), eq(leadEvent.source, 'mail')));
    expect(events.filter((e) => e.machine)).toHaveLength(2);
    expect(
      events
        .filter((e) => !e.machine)
        .map((e) => e.kind)
        .sort(),
    ).toEqual(['email_click', 'email_open']);
    expect(((await card(paul)).score as Record<string, unknown>).summary).toBeDefined();
    const factors = (await card(paul)).factors as { id: string; reason: string }[];
    expect(factors.find((f) => f.id === 'email')?.reason).toBe('1 Klick in E-Mails');
  });

  it('links an anonymous visitor to the contact its inquiry form creates', async () => {
    const consent = await t.app.inject({
      method: 'POST',
      url: '/t/einwilligung',
      payload: { t: owner.tenantId },
    });
    const visitorId = consent.json().visitorId as string;
    const cookie = browser(visitorId, 'ja');
    await track(cookie, 'page_view', { s: 'x' });
    await track(cookie, 'floor_plan', { s: 'x' });
    const [before] = await t.platform.database.db
      .select()
      .from(leadEvent)
      .where(eq(leadEvent.visitorId, visitorId));
    expect(before?.contactId).toBeNull();
    const sent = await t.app.inject({
      method: 'POST',
      url: `/p/${slug}/anfrage`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      payload: `name=Fiona+Formular&email=fiona%40example.de&message=Bitte+Exposé&privacy=ja&ixx_visitor=${visitorId}`,
    });
    expect(sent.statusCode).toBe(303);
    await t.platform.events.drain();
    const contacts = await json('GET', '/api/crm/contacts?q=fiona');
    const fiona = (contacts.body.items as { id: string }[])[0]!;
    const c = await card(fiona.id);
    expect((c.score as Record<string, unknown>).summary).toContain('1 Besuch in 7 Tagen');
    const kinds = (c.events as { kind: string }[]).map((e) => e.kind).sort();
    expect(kinds).toEqual(['floor_plan', 'page_view', 'reply']);
  });

  it('erases the visitor and its events when the consent is withdrawn', async () => {
    const consent = await t.app.inject({
      method: 'POST',
      url: '/t/einwilligung',
      payload: { t: owner.tenantId },
    });
    const visitorId = consent.json().visitorId as string;
    await track(browser(visitorId, 'ja'), 'gallery');
    await t.platform.events.drain();
    const of = () =>
      t.platform.database.db.select().from(leadEvent).where(eq(leadEvent.visitorId, visitorId));
    expect(await of()).toHaveLength(1);
    const withdrawn = await t.app.inject({
      method: 'POST',
      url: '/t/widerruf',
      headers: { cookie: browser(visitorId, 'nein') },
      payload: { t: owner.tenantId },
    });
    expect(withdrawn.statusCode).toBe(204);
    expect(await of()).toHaveLength(0);
    expect(
      await t.platform.database.db.select().from(trackingVisitor).where(eq(trackingVisitor.id, visitorId)),
    ).toHaveLength(0);
  });

  it('scores qualification, keeps a manual score until it is cleared, and rejects bad input unchanged', async () => {
    const contactId = await newContact({
      firstName: 'Quentin',
      lastName: 'Qualifiziert',
      email: 'q@example.de',
    });
    const qualified = await json('PUT', `/api/leadscoring/contacts/${contactId}/qualification`, {
      financingConfirmed: true,
      financingNote: 'Bestätigung Sparkasse Bodensee',
      equityCents: 150_000_00,
      netIncomeMonthlyCents: 6_500_00,
      expensesMonthlyCents: null,
    });
    expect(qualified.status).toBe(200);
    const score = qualified.body.score as Record<string, number | string>;
    expect(score.summary).toContain('Finanzierungsbestätigung');
    expect((qualified.body.qualification as Record<string, number>).buyingPowerCents).toBeGreaterThan(
      500_000_00,
    );
    const computed = score.total as number;

    const bad = await json('PUT', `/api/leadscoring/contacts/${contactId}/override`, {
      total: 150,
      reason: 'zu hoch',
    });
    expect(bad.status).toBe(400);
    expect(((await card(contactId)).score as Record<string, unknown>).overridden).toBe(false);

    const set = await json('PUT', `/api/leadscoring/contacts/${contactId}/override`, {
      total: 95,
      reason: 'Notartermin vereinbart',
    });
    expect(set.status).toBe(200);
    // A change that rescores the contact leaves the manual score in place.
    await json('PATCH', `/api/crm/contacts/${contactId}`, { phone: '+49 7531 12345' });
    await t.platform.events.drain();
    const kept = (await card(contactId)).score as Record<string, unknown>;
    expect(kept.total).toBe(95);
    expect(kept.overridden).toBe(true);
    expect(kept.summary).toBe('95: manuell gesetzt – Notartermin vereinbart');
    expect(kept.computedTotal).toBeGreaterThan(computed);

    const cleared = await json('DELETE', `/api/leadscoring/contacts/${contactId}/override`);
    expect((cleared.body.score as Record<string, unknown>).total).toBe(kept.computedTotal);

    const hot = await json('GET', '/api/leadscoring/hot');
    expect((hot.body.items as { contactId: string }[]).map((h) => h.contactId)).toContain(contactId);
    const list = await json('GET', `/api/leadscoring/scores?ids=${contactId}`);
    expect(list.body.items).toHaveLength(1);
  });

  it('counts a checked-off viewing as attended, once', async () => {
    const contactId = await newContact({ firstName: 'Vera', lastName: 'Viewing', email: 'vera@example.de' });
    const startsAt = new Date(Date.now() - 3 * 3_600_000);
    const viewing = await json('POST', '/api/crm/viewings', {
      propertyId,
      contactIds: [contactId],
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
    });
    expect(viewing.status).toBe(201);
    for (let i = 0; i < 2; i++) {
      await json('PATCH', `/api/crm/viewings/${viewing.body.id}`, { status: 'durchgefuehrt' });
      await json('PATCH', `/api/crm/viewings/${viewing.body.id}`, { status: 'geplant' });
    }
    await json('PATCH', `/api/crm/viewings/${viewing.body.id}`, { status: 'durchgefuehrt' });
    await t.platform.events.drain();
    const c = await card(contactId);
    expect((c.events as { kind: string }[]).filter((e) => e.kind === 'viewing_attended')).toHaveLength(1);
    expect((c.score as Record<string, unknown>).summary).toContain('1 Besichtigung wahrgenommen');
  });

  it('trains the close model on the office’s own outcomes and shows its quality', async () => {
    const prior = await json('GET', '/api/leadscoring/model');
    expect(prior.body.kind).toBe('prior');
    // 36 closed leads: financing confirmed mostly went with a deal, its absence mostly not.
    for (let i = 0; i < 36; i++) {
      const id = await newContact({
        firstName: `Abschluss${i}`,
        lastName: 'Historie',
        email: `h${i}@example.de`,
      });
      const financed = i % 2 === 0 ? i % 12 !== 0 : i % 12 === 1;
      await json('PUT', `/api/leadscoring/contacts/${id}/qualification`, {
        financingConfirmed: financed,
        financingNote: '',
        equityCents: null,
        netIncomeMonthlyCents: null,
        expensesMonthlyCents: null,
      });
      await json('PATCH', `/api/crm/contacts/${id}`, { leadStatus: i % 2 === 0 ? 'gewonnen' : 'verloren' });
    }
    const started = await json('POST', '/api/leadscoring/model/retrain');
    expect(started.status).toBe(202);
    const end = Date.now() + 30_000;
    let model = prior.body;
    while (model.kind !== 'modell' && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 300));
      model = (await json('GET', '/api/leadscoring/model')).body;
    }
    expect(model.kind).toBe('modell');
    expect(model.outcomes).toBe(36);
    expect(model.positives).toBe(18);
    expect(model.brier as number).toBeLessThan(model.baselineBrier as number);
    const financing = (model.coefficients as { id: string; weight: number }[]).find(
      (c) => c.id === 'finanzierung',
    );
    expect(financing!.weight).toBeGreaterThan(0);
    const [someScore] = await t.platform.database.withTenant(owner.tenantId, (tx) =>
      tx.select().from(leadScore).limit(1),
    );
    expect(someScore?.closeKind).toBe('modell');
  }, 60_000);

  it('keeps segments: built-ins, a saved one, the contact-list filter and score sort, automation on entry', async () => {
    const segments = (await json('GET', '/api/leadscoring/segments')).body.items as {
      id: string;
      name: string;
      builtin: string | null;
      members: number;
    }[];
    expect(segments.map((s) => s.builtin)).toEqual([
      'heiss',
      'warm',
      'kalt',
      'investor',
      'erstkaeufer',
      'mietinteressent',
      'grenzgaenger',
      'schlafend',
    ]);
    const hot = segments.find((s) => s.builtin === 'heiss')!;

    // A rule: a task for the agent whenever a lead turns hot.
    const rule = await json('POST', '/api/projects/automation/rules', {
      name: 'Heißer Lead: anrufen',
      trigger: 'lead.segment_entered',
      conditions: [{ field: 'segment', op: 'equals', value: 'Heiß' }],
      actions: [{ type: 'create_task', title: 'Heißen Lead anrufen', dueInDays: 0 }],
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);

    // A Swiss buyer, scored once (cold), then confirmed financing and strong interest: hot.
    const swiss = await newContact({
      firstName: 'Urs',
      lastName: 'Grenzgänger',
      email: 'urs@example.ch',
      phone: '+41 71 222 33 44',
      street: 'Seestrasse 1',
      postalCode: '8280',
      city: 'Kreuzlingen',
    });
    await json('POST', `/api/crm/contacts/${swiss}/search-requests`, {
      marketingType: 'kauf',
      objectTypes: ['wohnung'],
      cities: ['Konstanz'],
      maxPrice: 700000,
    });
    await t.platform.events.drain();
    await json('PUT', `/api/leadscoring/contacts/${swiss}/qualification`, {
      financingConfirmed: true,
      financingNote: 'UBS',
      equityCents: 300_000_00,
      netIncomeMonthlyCents: 12_000_00,
      expensesMonthlyCents: null,
    });
    const start = new Date(Date.now() - 2 * 3_600_000);
    const viewing = await json('POST', '/api/crm/viewings', {
      propertyId,
      contactIds: [swiss],
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
    });
    await json('PATCH', `/api/crm/viewings/${viewing.body.id}`, { status: 'durchgefuehrt' });
    await t.platform.events.drain();
    const card = (await json('GET', `/api/leadscoring/contacts/${swiss}`)).body.score as { total: number };
    expect(card.total).toBeGreaterThanOrEqual(50);
    const members = (await json('GET', `/api/leadscoring/segments/${hot.id}/contacts`)).body.items as {
      contactId: string;
    }[];
    expect(members.map((m) => m.contactId)).toContain(swiss);
    const cross = segments.find((s) => s.builtin === 'grenzgaenger')!;
    const crossMembers = (await json('GET', `/api/leadscoring/segments/${cross.id}/contacts`)).body.items as {
      contactId: string;
    }[];
    expect(crossMembers.map((m) => m.contactId)).toEqual([swiss]);
    const end = Date.now() + 15_000;
    let tasks: { title: string; contactId: string | null }[] = [];
    while (Date.now() < end) {
      tasks = ((await json('GET', '/api/projects/tasks?q=Heißen')).body.items ?? []) as typeof tasks;
      if (tasks.some((task) => task.contactId === swiss)) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(tasks.find((task) => task.contactId === swiss)?.title).toBe('Heißen Lead anrufen');

    // The contact list filters by segment and sorts by score.
    const list = await json('GET', `/api/crm/contacts?segment=${cross.id}`);
    expect(list.status).toBe(200);
    expect((list.body.items as { id: string }[]).map((c) => c.id)).toEqual([swiss]);
    const byScore = await json('GET', '/api/crm/contacts?sort=score&order=desc&pageSize=5');
    expect(byScore.status).toBe(200);
    const top = (byScore.body.items as { id: string }[])[0]!.id;
    const topScore = (await json('GET', `/api/leadscoring/scores?ids=${top}`)).body.items![0]!
      .total as number;
    expect(topScore).toBeGreaterThanOrEqual(card.total);

    // An offer mailing can be narrowed to a segment: only matching contacts inside it remain.
    const everyone = await json('GET', `/api/mailings/audience?propertyId=${propertyId}`);
    const crossOnly = await json(
      'GET',
      `/api/mailings/audience?propertyId=${propertyId}&segment=${cross.id}`,
    );
    expect(crossOnly.status).toBe(200);
    const audienceIds = (r: typeof everyone) =>
      (r.body.items as { contactId: string }[]).map((a) => a.contactId);
    expect(audienceIds(everyone)).toContain(swiss);
    expect(audienceIds(everyone).length).toBeGreaterThan(1);
    expect(audienceIds(crossOnly)).toEqual([swiss]);

    // A saved segment; a rule without conditions is refused and nothing is stored.
    const empty = await json('POST', '/api/leadscoring/segments', { name: 'Leer', rule: {} });
    expect(empty.status).toBe(400);
    const saved = await json('POST', '/api/leadscoring/segments', {
      name: 'Heiße Käufer aus der Schweiz',
      rule: { builtin: 'grenzgaenger', minScore: 50 },
    });
    expect(saved.status).toBe(201);
    expect(saved.body.description).toBe(
      'Sucht zum Kauf und wohnt in der Schweiz oder in Österreich (Land oder Vorwahl +41/+43) · Score ab 50',
    );
    const deadline = Date.now() + 20_000;
    let count = 0;
    while (Date.now() < deadline && count === 0) {
      await new Promise((r) => setTimeout(r, 300));
      const all = (await json('GET', '/api/leadscoring/segments')).body.items as {
        id: string;
        members: number;
      }[];
      count = all.find((s) => s.id === saved.body.id)?.members ?? 0;
    }
    expect(count).toBe(1);
    expect((await json('DELETE', `/api/leadscoring/segments/${hot.id}`)).status).toBe(409);
    expect((await json('DELETE', `/api/leadscoring/segments/${saved.body.id}`)).status).toBe(204);
  }, 60_000);

  it('hides one office’s scores from another', async () => {
    const other = await t.createTenant();
    const contactId = await newContact({
      firstName: 'Geheim',
      lastName: 'Kontakt',
      email: 'geheim@example.de',
    });
    const r = await t.as(other, { method: 'GET', url: `/api/leadscoring/contacts/${contactId}` });
    expect(r.statusCode).toBe(404);
    const list = await t.as(other, { method: 'GET', url: `/api/leadscoring/scores?ids=${contactId}` });
    expect(list.json().items).toEqual([]);
  });
});
