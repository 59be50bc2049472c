import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../../platform/mail/mail.schema.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { contact, property, propertyMedia } from '../schema.js';
import { completeEnergy, makeJpeg, seeblickWohnung } from '../test/fixtures.js';

let t: TestApp;
let agent: TestUser;
let readonly: TestUser;
let owner: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('Bodensee Test GmbH');
  agent = await t.createUser(owner.tenantId, 'agent');
  readonly = await t.createUser(owner.tenantId, 'readonly');
});
afterAll(async () => t?.close());

const createProperty = async (overrides: Record<string, unknown> = {}) => {
  const response = await t.as(agent, {
    method: 'POST',
    url: '/api/crm/properties',
    payload: { ...seeblickWohnung, ...overrides },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
};
const countProperties = async () => (await t.platform.database.db.select().from(property)).length;

describe('properties', () => {
  it('creates a draft with cents stored, prices returned in euros, and an object number', async () => {
    const created = await createProperty();
    expect(created).toMatchObject({
      status: 'entwurf',
      purchasePrice: 549000,
      livingArea: 86.5,
      hausgeld: 380,
      allowedTransitions: ['aktiv', 'archiviert'],
    });
    expect(created.externalId).toMatch(/^IMX-\d{4}-[0-9A-F]{6}$/);
    const [row] = await t.platform.database.db.select().from(property).where(eq(property.id, created.id));
    expect(row?.purchasePriceCents).toBe(54_900_000);
  });

  it('refuses bad input with a 400 naming the field and stores nothing', async () => {
    const before = await countProperties();
    const cases = [
      { livingArea: -20 },
      { objectType: 'schloss' },
      { rooms: 'drei' },
      { postalCode: '7846' },
      { objectType: 'haus', objectSubtype: 'penthouse' },
      { energyClass: 'Z' },
      { unknownField: 1 },
    ];
    for (const bad of cases) {
      const response = await t.as(agent, {
        method: 'POST',
        url: '/api/crm/properties',
        payload: { ...seeblickWohnung, ...bad },
      });
      expect(response.statusCode, JSON.stringify(bad)).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
    }
    expect(await countProperties()).toBe(before);
  });

  it('enforces the lifecycle and warns about missing GEG §87 data', async () => {
    const created = await createProperty({ energyValue: null, energyClass: null });
    expect(created.warnings.map((w: { code: string }) => w.code)).toContain('energy_missing');
    const sold = await t.as(agent, {
      method: 'POST',
      url: `/api/crm/properties/${created.id}/status`,
      payload: { status: 'verkauft' },
    });
    expect(sold.statusCode).toBe(409);
    expect(sold.json().error).toMatchObject({
      code: 'invalid_transition',
      details: { allowed: ['aktiv', 'archiviert'] },
    });
    const active = await t.as(agent, {
      method: 'POST',
      url: `/api/crm/properties/${created.id}/status`,
      payload: { status: 'aktiv' },
    });
    expect(active.json()).toMatchObject({ status: 'aktiv', publishedAt: expect.any(String) });
    const rented = await t.as(agent, {
      method: 'POST',
      url: `/api/crm/properties/${created.id}/status`,
      payload: { status: 'vermietet' },
    });
    expect(rented.statusCode).toBe(409);
    const patched = await t.as(agent, {
      method: 'PATCH',
      url: `/api/crm/properties/${created.id}`,
      payload: completeEnergy,
    });
    expect(patched.json().warnings.map((w: { code: string }) => w.code)).not.toContain('energy_missing');
    const timeline = await t.as(agent, {
      method: 'GET',
      url: `/api/crm/activities?propertyId=${created.id}`,
    });
    expect(timeline.json().items[0]).toMatchObject({ kind: 'status', subject: 'Status: entwurf → aktiv' });
  });

  it('deletes drafts but not listings that were on the market', async () => {
    const draft = await createProperty();
    const active = await createProperty();
    await t.as(agent, {
      method: 'POST',
      url: `/api/crm/properties/${active.id}/status`,
      payload: { status: 'aktiv' },
    });
    expect(
      (await t.as(agent, { method: 'DELETE', url: `/api/crm/properties/${active.id}` })).statusCode,
    ).toBe(409);
    expect((await t.as(agent, { method: 'DELETE', url: `/api/crm/properties/${draft.id}` })).statusCode).toBe(
      204,
    );
    expect(
      (await t.as(readonly, { method: 'DELETE', url: `/api/crm/properties/${active.id}` })).statusCode,
    ).toBe(403);
  });

  it('filters, sorts and finds properties with German full-text search (stemming and prefixes)', async () => {
    await createProperty({
      title: 'Reihenhaus in Friedrichshafen',
      objectType: 'haus',
      objectSubtype: 'reihenhaus',
      city: 'Friedrichshafen',
      postalCode: '88045',
      purchasePrice: 620000,
      description: 'Familienfreundlich mit Garten.',
    });
    const byText = (await t.as(readonly, { method: 'GET', url: '/api/crm/properties?q=wohnung' })).json();
    expect(byText.items.length).toBeGreaterThan(0);
    expect(
      byText.items.every((p: { title: string; description: string }) =>
        /wohnung/i.test(p.title + p.description),
      ),
    ).toBe(true);
    const counted = (
      await t.as(readonly, { method: 'GET', url: '/api/crm/properties?exactTotal=true' })
    ).json();
    expect(counted.totalExact).toBe(true);
    expect(counted.total).toBeGreaterThan(0);
    expect(
      (await t.as(readonly, { method: 'GET', url: '/api/crm/properties?exactTotal=vielleicht' })).statusCode,
    ).toBe(400);
    const prefix = (await t.as(readonly, { method: 'GET', url: '/api/crm/properties?q=friedrichsh' })).json();
    expect(prefix.items.map((p: { city: string }) => p.city)).toEqual(['Friedrichshafen']);
    // Words inside German compounds and object numbers as the broker types them (issue 18.8).
    const attic = await createProperty({
      title: 'Dachgeschosswohnung mit Loggia',
      city: 'Konstanz',
      postalCode: '78462',
      purchasePrice: 410000,
    });
    const compound = (
      await t.as(readonly, { method: 'GET', url: '/api/crm/properties?q=Konstanz%20Wohnung' })
    ).json();
    expect(compound.items.map((p: { id: string }) => p.id)).toContain(attic.id);
    const byNumber = (
      await t.as(readonly, {
        method: 'GET',
        url: `/api/crm/properties?q=${encodeURIComponent(attic.externalId)}`,
      })
    ).json();
    expect(byNumber.items.map((p: { id: string }) => p.id)).toEqual([attic.id]);
    const byNumberPart = (
      await t.as(readonly, { method: 'GET', url: `/api/crm/properties?q=${attic.externalId.slice(-6)}` })
    ).json();
    expect(byNumberPart.items.map((p: { id: string }) => p.id)).toEqual([attic.id]);
    const filtered = (
      await t.as(readonly, {
        method: 'GET',
        url: '/api/crm/properties?objectType=haus&minPrice=600000&sort=price&order=asc',
      })
    ).json();
    expect(filtered.items).toHaveLength(1);
    const sorted = (
      await t.as(readonly, { method: 'GET', url: '/api/crm/properties?sort=price&order=desc&pageSize=2' })
    ).json();
    expect(sorted.items[0].purchasePrice).toBeGreaterThanOrEqual(sorted.items[1].purchasePrice);
    expect(sorted.pageSize).toBe(2);
    expect((await t.as(readonly, { method: 'GET', url: '/api/crm/properties?sort=preis' })).statusCode).toBe(
      400,
    );
  });
});

describe('photos and floor plans', () => {
  it('generates thumbnail and web size, picks a title image and reorders', async () => {
    const created = await createProperty();
    const upload = async (hue: number) =>
      t.as(agent, {
        method: 'POST',
        url: `/api/crm/properties/${created.id}/media?alt=Wohnzimmer`,
        payload: await makeJpeg(2400, 1600, hue),
        headers: { 'content-type': 'image/jpeg' },
      });
    const first = await upload(200);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ isTitle: true, width: 2400, height: 1600, altText: 'Wohnzimmer' });
    const second = (await upload(30)).json();
    expect(second.isTitle).toBe(false);
    const thumb = await t.as(readonly, { method: 'GET', url: second.urls.thumb });
    expect(thumb.headers['content-type']).toBe('image/webp');
    const web = await t.as(readonly, { method: 'GET', url: second.urls.web });
    expect(web.rawPayload.length).toBeGreaterThan(1000);
    const order = await t.as(agent, {
      method: 'PUT',
      url: `/api/crm/properties/${created.id}/media-order`,
      payload: { ids: [second.id, first.json().id] },
    });
    expect(order.json().items.map((m: { id: string }) => m.id)).toEqual([second.id, first.json().id]);
    const title = await t.as(agent, {
      method: 'PATCH',
      url: `/api/crm/media/${second.id}`,
      payload: { isTitle: true },
    });
    expect(title.json().isTitle).toBe(true);
    const detail = (await t.as(agent, { method: 'GET', url: `/api/crm/properties/${created.id}` })).json();
    expect(detail.titleImage.id).toBe(second.id);
    expect(detail.media.filter((m: { isTitle: boolean }) => m.isTitle)).toHaveLength(1);
  });

  it('refuses a zip that claims to be an image, and an oversized upload, storing nothing', async () => {
    const created = await createProperty();
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(2000, 1)]);
    const disguised = await t.as(agent, {
      method: 'POST',
      url: `/api/crm/properties/${created.id}/media`,
      payload: zip,
      headers: { 'content-type': 'image/jpeg' },
    });
    expect(disguised.statusCode).toBe(415);
    expect(disguised.json().error.code).toBe('unsupported_file_type');
    const huge = Buffer.alloc(50 * 1024 * 1024, 0);
    huge.set([0x50, 0x4b, 0x03, 0x04]);
    const oversized = await t.as(agent, {
      method: 'POST',
      url: `/api/crm/properties/${created.id}/media`,
      payload: huge,
      headers: { 'content-type': 'image/jpeg' },
    });
    expect(oversized.statusCode).toBe(413);
    const media = await t.platform.database.db
      .select()
      .from(propertyMedia)
      .where(eq(propertyMedia.propertyId, created.id));
    expect(media).toHaveLength(0);
  });
});

describe('contacts, search requests and matching', () => {
  it('refuses a duplicate e-mail and points to the existing contact', async () => {
    const first = await t.as(agent, {
      method: 'POST',
      url: '/api/crm/contacts',
      payload: { firstName: 'Eva', lastName: 'Berger', email: 'eva.berger@example.de' },
    });
    expect(first.statusCode).toBe(201);
    const again = await t.as(agent, {
      method: 'POST',
      url: '/api/crm/contacts',
      payload: { lastName: 'Berger', email: 'EVA.BERGER@example.de' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.contactId).toBe(first.json().id);
  });

  it('matches a property to a search request in both directions with a score', async () => {
    const buyer = (
      await t.as(agent, {
        method: 'POST',
        url: '/api/crm/contacts',
        payload: { firstName: 'Jan', lastName: 'Seeger', email: 'jan.seeger@example.de', roles: ['kaeufer'] },
      })
    ).json();
    const request = await t.as(agent, {
      method: 'POST',
      url: `/api/crm/contacts/${buyer.id}/search-requests`,
      payload: {
        marketingType: 'kauf',
        objectTypes: ['wohnung'],
        cities: ['Konstanz'],
        minLivingArea: 80,
        minRooms: 3,
        maxPrice: 600000,
        requiredFeatures: ['balkon'],
      },
    });
    expect(request.statusCode).toBe(201);
    const listing = await createProperty();
    await t.as(agent, {
      method: 'POST',
      url: `/api/crm/properties/${listing.id}/status`,
      payload: { status: 'aktiv' },
    });
    const forProperty = (
      await t.as(agent, { method: 'GET', url: `/api/crm/properties/${listing.id}/matches` })
    ).json();
    expect(
      forProperty.items.find((m: { contact: { id: string } }) => m.contact.id === buyer.id),
    ).toMatchObject({ score: 100 });
    const forContact = (
      await t.as(agent, { method: 'GET', url: `/api/crm/contacts/${buyer.id}/matches` })
    ).json();
    expect(forContact.items.map((m: { property: { id: string } }) => m.property.id)).toContain(listing.id);
  });

  it('searches contacts by name prefix and e-mail', async () => {
    await t.as(agent, {
      method: 'POST',
      url: '/api/crm/contacts',
      payload: { firstName: 'Sabine', lastName: 'Überlinger', email: 'sabine@example.de' },
    });
    const byName = (await t.as(agent, { method: 'GET', url: '/api/crm/contacts?q=überl' })).json();
    expect(byName.items.map((c: { displayName: string }) => c.displayName)).toContain('Sabine Überlinger');
    const byMail = (
      await t.as(agent, { method: 'GET', url: '/api/crm/contacts?q=sabine@example.de' })
    ).json();
    expect(byMail.total).toBeGreaterThanOrEqual(1);
  });

  it('exports everything about a contact and erases it on request (GDPR)', async () => {
    const person = (
      await t.as(agent, {
        method: 'POST',
        url: '/api/crm/contacts',
        payload: {
          lastName: 'Löschmich',
          email: 'weg@example.de',
          consentGiven: true,
          consentPurpose: 'Newsletter',
        },
      })
    ).json();
    expect(person.consentAt).toEqual(expect.any(String));
    await t.as(agent, {
      method: 'POST',
      url: '/api/crm/activities',
      payload: { contactId: person.id, kind: 'anruf', subject: 'Rückruf' },
    });
    expect(
      (await t.as(agent, { method: 'GET', url: `/api/crm/contacts/${person.id}/export` })).statusCode,
    ).toBe(403);
    const exported = await t.as(owner, { method: 'GET', url: `/api/crm/contacts/${person.id}/export` });
    expect(exported.json()).toMatchObject({
      contact: { email: 'weg@example.de' },
      activities: [{ subject: 'Rückruf' }],
    });
    expect((await t.as(owner, { method: 'DELETE', url: `/api/crm/contacts/${person.id}` })).statusCode).toBe(
      204,
    );
    expect(await t.platform.database.db.select().from(contact).where(eq(contact.id, person.id))).toHaveLength(
      0,
    );
  });
});

describe('viewings', () => {
  it('plans a viewing with contacts, lists it in the calendar window and rejects bad times', async () => {
    const listing = await createProperty();
    const visitor = (
      await t.as(agent, {
        method: 'POST',
        url: '/api/crm/contacts',
        payload: { lastName: 'Besucher', email: 'besuch@example.de' },
      })
    ).json();
    const bad = await t.as(agent, {
      method: 'POST',
      url: '/api/crm/viewings',
      payload: {
        propertyId: listing.id,
        startsAt: '2026-12-02T11:00:00+01:00',
        endsAt: '2026-12-02T10:00:00+01:00',
      },
    });
    expect(bad.statusCode).toBe(400);
    const created = await t.as(agent, {
      method: 'POST',
      url: '/api/crm/viewings',
      payload: {
        propertyId: listing.id,
        contactIds: [visitor.id],
        startsAt: '2026-12-02T10:00:00+01:00',
        endsAt: '2026-12-02T10:45:00+01:00',
      },
    });
    expect(created.statusCode).toBe(201);
    const calendar = (
      await t.as(readonly, {
        method: 'GET',
        url: '/api/crm/viewings?from=2026-12-01T00:00:00Z&to=2026-12-08T00:00:00Z',
      })
    ).json();
    expect(calendar.items).toContainEqual(
      expect.objectContaining({
        propertyTitle: listing.title,
        contacts: [{ id: visitor.id, displayName: 'Besucher' }],
      }),
    );
  });

  it('names clashes of the same agent or the same property, and ignores cancelled ones (issue 18.9)', async () => {
    const listing = await createProperty();
    const other = await createProperty();
    const plan = (propertyId: string, startsAt: string, endsAt: string) =>
      t.as(agent, { method: 'POST', url: '/api/crm/viewings', payload: { propertyId, startsAt, endsAt } });
    const first = (await plan(listing.id, '2027-03-10T10:00:00+01:00', '2027-03-10T10:45:00+01:00')).json();
    const clashes = async (query: Record<string, string>) =>
      (
        await t.as(agent, {
          method: 'GET',
          url: `/api/crm/viewings/clashes?${new URLSearchParams(query)}`,
        })
      ).json().items;
    const slot = { startsAt: '2027-03-10T10:30:00+01:00', endsAt: '2027-03-10T11:15:00+01:00' };
    expect(await clashes({ ...slot, agentId: agent.userId, propertyId: other.id })).toEqual([
      expect.objectContaining({ id: first.id, reason: 'agent', propertyTitle: listing.title }),
    ]);
    expect(await clashes({ ...slot, propertyId: listing.id })).toEqual([
      expect.objectContaining({ id: first.id, reason: 'property' }),
    ]);
    // Back to back is no clash; the viewing itself is none when it is edited.
    expect(
      await clashes({
        startsAt: '2027-03-10T10:45:00+01:00',
        endsAt: '2027-03-10T11:30:00+01:00',
        propertyId: listing.id,
      }),
    ).toEqual([]);
    expect(await clashes({ ...slot, propertyId: listing.id, excludeId: first.id })).toEqual([]);
    await t.as(agent, {
      method: 'PATCH',
      url: `/api/crm/viewings/${first.id}`,
      payload: { status: 'abgesagt' },
    });
    expect(await clashes({ ...slot, propertyId: listing.id })).toEqual([]);
  });

  it('moving a viewing in the calendar (times only) keeps its visitors', async () => {
    const listing = await createProperty();
    const visitor = (
      await t.as(agent, { method: 'POST', url: '/api/crm/contacts', payload: { lastName: 'Bleibt' } })
    ).json();
    const created = (
      await t.as(agent, {
        method: 'POST',
        url: '/api/crm/viewings',
        payload: {
          propertyId: listing.id,
          contactIds: [visitor.id],
          startsAt: '2026-12-09T10:00:00+01:00',
          endsAt: '2026-12-09T10:45:00+01:00',
        },
      })
    ).json();
    const moved = await t.as(agent, {
      method: 'PATCH',
      url: `/api/crm/viewings/${created.id}`,
      payload: { startsAt: '2026-12-09T11:00:00+01:00', endsAt: '2026-12-09T11:45:00+01:00' },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().contacts.map((c: { id: string }) => c.id)).toEqual([visitor.id]);
  });
});

describe('public listing page and contact form', () => {
  it('serves active listings with Open Graph tags and hides drafts', async () => {
    const listing = await createProperty();
    expect((await t.app.inject({ method: 'GET', url: `/p/${listing.slug}` })).statusCode).toBe(404);
    await t.as(agent, {
      method: 'POST',
      url: `/api/crm/properties/${listing.id}/media`,
      payload: await makeJpeg(),
      headers: { 'content-type': 'image/jpeg' },
    });
    await t.as(agent, {
      method: 'POST',
      url: `/api/crm/properties/${listing.id}/status`,
      payload: { status: 'aktiv' },
    });
    const page = await t.app.inject({ method: 'GET', url: `/p/${listing.slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain(
      '<meta property="og:title" content="3-Zimmer-Wohnung mit Seeblick in Konstanz">',
    );
    expect(page.body).toMatch(
      /<meta property="og:image" content="http:\/\/localhost:5000\/p\/[^"]+\/bild\/[0-9a-f-]+\/web">/,
    );
    expect(page.body).toContain(
      'Energieverbrauchsausweis, Endenergieverbrauch 98,5 kWh/(m²·a), wesentlicher Energieträger Gas, Baujahr 2004, Energieeffizienzklasse C',
    );
    expect(page.body).toContain('Gültig bis 28.02.2034');
    expect(page.body).toMatch(/href="[^"]+\/impressum\/[^"]+">Impressum</);
    const image = page.body.match(/\/p\/[^"]+\/bild\/[0-9a-f-]+\/web/)![0];
    expect((await t.app.inject({ method: 'GET', url: image })).headers['content-type']).toBe('image/webp');
    expect(page.body).not.toContain('internalNotes');
  });

  it('turns the contact form into a lead on the timeline, matched against search requests', async () => {
    const listing = await createProperty({ title: 'Penthouse am Hafen', objectSubtype: 'penthouse' });
    await t.as(agent, {
      method: 'POST',
      url: `/api/crm/properties/${listing.id}/status`,
      payload: { status: 'aktiv' },
    });
    const missingConsent = await t.app.inject({
      method: 'POST',
      url: `/p/${listing.slug}/anfrage`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=Max+Interessent&email=max%40example.de',
    });
    expect(missingConsent.statusCode).toBe(400);
    expect(missingConsent.body).toContain('Bitte stimmen Sie der Verarbeitung');
    const sent = await t.app.inject({
      method: 'POST',
      url: `/p/${listing.slug}/anfrage`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload:
        'name=Max+Interessent&email=max%40example.de&phone=0751+12345&message=Gerne+besichtigen&privacy=ja',
    });
    expect(sent.statusCode).toBe(303);
    // No SMTP in tests: the exposé link waits in the outbox, so the visitor is not told it was mailed.
    expect(sent.headers.location).toBe(`/p/${listing.slug}?anfrage=eingegangen#anfrage`);
    const thanks = await t.app.inject({ method: 'GET', url: sent.headers.location as string });
    expect(thanks.body).toContain('Wir melden uns in Kürze persönlich');
    expect(thanks.body).not.toContain('per E-Mail geschickt');
    const leads = (await t.as(agent, { method: 'GET', url: '/api/crm/contacts?q=max@example.de' })).json();
    expect(leads.items[0]).toMatchObject({
      displayName: 'Max Interessent',
      leadStatus: 'neu',
      source: 'website',
      consentGiven: true,
    });
    const timeline = (
      await t.as(agent, { method: 'GET', url: `/api/crm/activities?contactId=${leads.items[0].id}` })
    ).json();
    expect(timeline.items.find((a: { kind: string }) => a.kind === 'anfrage')).toMatchObject({
      kind: 'anfrage',
      propertyId: listing.id,
      body: 'Gerne besichtigen',
    });
  });

  it('sends one address at most three exposé e-mails a day from contact forms, whatever the sender’s IP (issue 17.6)', async () => {
    const listing = await createProperty({ title: 'Villa für Spam-Test' });
    await t.as(agent, {
      method: 'POST',
      url: `/api/crm/properties/${listing.id}/status`,
      payload: { status: 'aktiv' },
    });
    for (let n = 1; n <= 5; n++) {
      const sent = await t.app.inject({
        method: 'POST',
        url: `/p/${listing.slug}/anfrage`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `name=Opfer+Nr+${n}&email=opfer%40example.de&privacy=ja`,
        remoteAddress: `203.0.113.${n}`,
      });
      expect(sent.statusCode).toBe(303);
    }
    const mails = await t.platform.database.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.toAddress, 'opfer@example.de'), eq(mailOutbox.purpose, 'crm.expose-link')));
    expect(mails).toHaveLength(3);
    expect(mails[0]?.textBody).toContain('Sie haben keine Anfrage gestellt?');
  });
});
