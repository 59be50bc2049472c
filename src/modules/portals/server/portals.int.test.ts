import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, like, sum } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usageEvent } from '../../../platform/metering/metering.schema.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';
import { type LocalFtp, startFtp } from '../test/ftp-server.js';
import { Is24Fake } from '../test/is24-fake.js';

/**
 * Listings out to the portals through HTTP: ImmoScout24 against a strict fake of its documented
 * API, OpenImmo feeds against a real FTP server (ftp-srv).
 */
let t: TestApp;
/** Portal exports in the usage ledger whose key starts with `prefix` (is24: or feed:). */
const metered = async (prefix: string) =>
  Number(
    (
      await t.platform.database.db
        .select({ total: sum(usageEvent.value) })
        .from(usageEvent)
        .where(and(eq(usageEvent.meter, 'portal_exports'), like(usageEvent.idempotencyKey, `${prefix}%`)))
    )[0]?.total ?? 0,
  );
let owner: TestUser;
let is24: Is24Fake;
let ftp: LocalFtp;

const json = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
  const r = await t.as(owner, {
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as string }),
  });
  return {
    status: r.statusCode,
    body: (r.body ? r.json() : null) as Record<string, unknown> & { items?: Record<string, unknown>[] },
  };
};

const until = async <T>(
  what: string,
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  ms = 25_000,
) => {
  const end = Date.now() + ms;
  for (;;) {
    await t.platform.events.drain();
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

async function listing(title: string, photo = true) {
  const created = await json('POST', '/api/crm/properties', { ...seeblickWohnung, title });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  if (photo) {
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7bd5' } })
      .png()
      .toBuffer();
    const up = await t.as(owner, {
      method: 'POST',
      url: `/api/crm/properties/${id}/media?alt=Seeblick`,
      payload: png,
      headers: { 'content-type': 'image/png' },
    });
    expect(up.statusCode).toBe(201);
  }
  expect((await json('POST', `/api/crm/properties/${id}/status`, { status: 'aktiv' })).status).toBe(200);
  return { id, externalId: created.body.externalId as string };
}

const portalState = async (propertyId: string, accountId: string) => {
  const r = await json('GET', `/api/portals/listings/${propertyId}`);
  return (
    r.body.items as {
      accountId: string;
      state: string | null;
      url: string | null;
      lastError: string | null;
    }[]
  ).find((i) => i.accountId === accountId)!;
};

const is24Account = () => ({
  transport: 'is24',
  host: is24.url,
  consumerKey: is24.consumerKey,
  consumerSecret: is24.consumerSecret,
  accessToken: is24.accessToken,
  accessTokenSecret: is24.accessTokenSecret,
});

beforeAll(async () => {
  is24 = new Is24Fake();
  await is24.start();
  ftp = await startFtp();
  t = await createTestApp({
    env: { INTEGRATIONS_ALLOW_PRIVATE_ENDPOINTS: 'true', PORTALS_DEBOUNCE_SECONDS: '1' },
  });
  owner = await t.createTenant();
}, 60_000);

afterAll(async () => {
  await t?.close();
  await is24?.stop();
  await ftp?.stop();
});

describe('ImmoScout24', () => {
  let accountId: string;
  let first: { id: string; externalId: string };
  let second: { id: string; externalId: string };

  it('refuses wrong credentials before storing anything, and never returns the secrets', async () => {
    const wrong = await json('POST', '/api/portals/accounts', {
      ...is24Account(),
      accessTokenSecret: 'falsch',
    });
    expect(wrong.status).toBe(422);
    expect(String((wrong.body.error as { message: string }).message)).toContain('signature does not match');
    expect((await json('GET', '/api/portals/accounts')).body.items).toHaveLength(0);

    const ok = await json('POST', '/api/portals/accounts', is24Account());
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    accountId = ok.body.id as string;
    const listed = JSON.stringify((await json('GET', '/api/portals/accounts')).body);
    expect(listed).not.toContain(is24.accessTokenSecret);
    expect(listed).not.toContain(is24.consumerSecret);
  });

  it('publishes a chosen listing once, with its picture, and shows the exposé link', async () => {
    first = await listing('Seeblick-Wohnung in Konstanz');
    const chosen = await json('PUT', `/api/portals/listings/${first.id}`, { accountIds: [accountId] });
    expect(chosen.status).toBe(200);
    const state = await until('online', async () => {
      const s = await portalState(first.id, accountId);
      return s.state === 'online' ? s : null;
    });
    const [estate] = is24.byExternalId(first.externalId);
    expect(is24.byExternalId(first.externalId)).toHaveLength(1);
    expect(estate!.type).toBe('apartmentBuy');
    expect(estate!.published).toBe(true);
    expect(estate!.body.price).toEqual({ value: 549000, currency: 'EUR' });
    expect(estate!.attachments).toHaveLength(1);
    expect(estate!.attachments[0]!.titlePicture).toBe(true);
    expect(state.url).toBe(`https://www.immobilienscout24.de/expose/${estate!.id}`);
    // Billed by usage: one portal export, metered before the listing shows online.
    expect(await metered('is24:')).toBe(1);
  });

  it('pushes an edit as an update of the same listing', async () => {
    expect(
      (
        await json('PATCH', `/api/crm/properties/${first.id}`, {
          title: 'Seeblick-Wohnung, frisch renoviert',
        })
      ).status,
    ).toBe(200);
    await until(
      'title updated',
      () => is24.byExternalId(first.externalId)[0]?.body.title === 'Seeblick-Wohnung, frisch renoviert',
    );
    expect(is24.byExternalId(first.externalId)).toHaveLength(1);
    expect(is24.requests.filter((r) => r.method === 'PUT').length).toBeGreaterThan(0);
    // The changed content is a second export.
    await until('metered', async () => (await metered('is24:')) === 2);
  });

  it('does not create a second listing when the answer to the create is lost (503), nor after a 429', async () => {
    second = await listing('Haus am See in Überlingen');
    is24.loseCreateAnswers = 1;
    is24.rateLimitNext = 1;
    await json('PUT', `/api/portals/listings/${second.id}`, { accountIds: [accountId] });
    await until(
      'second online',
      async () => (await portalState(second.id, accountId)).state === 'online',
      40_000,
    );
    expect(is24.byExternalId(second.externalId)).toHaveLength(1);
    expect(is24.requests.some((r) => r.status === 503)).toBe(true);
    expect(is24.requests.some((r) => r.status === 429)).toBe(true);
  });

  it('takes a sold listing off ImmoScout24 at once', async () => {
    expect(
      (await json('POST', `/api/crm/properties/${first.id}/status`, { status: 'verkauft' })).status,
    ).toBe(200);
    await until('removed', async () => (await portalState(first.id, accountId)).state === 'entfernt');
    expect(is24.byExternalId(first.externalId)[0]!.published).toBe(false);
  });

  it('the reconciliation takes off what drifted back online', async () => {
    is24.byExternalId(first.externalId)[0]!.published = true;
    const r = await json('POST', `/api/portals/accounts/${accountId}/reconcile`);
    expect(r.status).toBe(202);
    await until('drift repaired', () => is24.byExternalId(first.externalId)[0]!.published === false);
    expect(is24.byExternalId(second.externalId)[0]!.published).toBe(true);
  });

  it('an expired credential marks the account and the listing, and new credentials restore it', async () => {
    is24.revoked = true;
    await json('PATCH', `/api/crm/properties/${second.id}`, { title: 'Haus am See, Preis gesenkt' });
    const account = await until('account marked', async () => {
      const list = (await json('GET', '/api/portals/accounts')).body.items as {
        id: string;
        status: string;
        lastError: string;
      }[];
      const a = list.find((x) => x.id === accountId)!;
      return a.status === 'zugang_ungueltig' ? a : null;
    });
    expect(account.lastError).toContain('Zugangsdaten');
    expect((await portalState(second.id, accountId)).state).toBe('fehler');
    // The account is refused while the token is revoked, and accepted once it is valid again.
    expect((await json('PUT', `/api/portals/accounts/${accountId}`, is24Account())).status).toBe(422);
    is24.revoked = false;
    const fixed = await json('PUT', `/api/portals/accounts/${accountId}`, is24Account());
    expect(fixed.body.status).toBe('aktiv');
    // The listing that failed meanwhile goes out with the new credentials, without another edit.
    await until('back online', async () => (await portalState(second.id, accountId)).state === 'online');
    expect(is24.byExternalId(second.externalId)[0]!.body.title).toBe('Haus am See, Preis gesenkt');
  });

  it('refuses to remove an account with listings still online', async () => {
    const r = await json('DELETE', `/api/portals/accounts/${accountId}`);
    expect(r.status).toBe(409);
    expect((r.body.error as { code: string }).code).toBe('listings_online');
  });
});

describe('OpenImmo by FTP', () => {
  let accountId: string;

  const uploads = () =>
    readdirSync(ftp.root)
      .filter((f) => f.endsWith('.zip'))
      .sort();
  const xmlOf = (file: string) =>
    new TextDecoder().decode(unzipSync(readFileSync(join(ftp.root, file)))['openimmo.xml']);

  it('checks the login before saving', async () => {
    const base = {
      transport: 'ftp',
      portalName: 'Immowelt',
      host: '127.0.0.1',
      port: ftp.port,
      username: ftp.user,
      providerId: 'IW-4711',
    };
    const wrong = await json('POST', '/api/portals/accounts', { ...base, password: 'falsch' });
    expect(wrong.status).toBe(422);
    const ok = await json('POST', '/api/portals/accounts', { ...base, password: ftp.password });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    accountId = ok.body.id as string;
  });

  it('uploads a partial feed with the new listings, then DELETE for one that was sold', async () => {
    const a = await listing('Wohnung in Meersburg', false);
    const b = await listing('Wohnung in Lindau', false);
    await json('PUT', `/api/portals/listings/${a.id}`, { accountIds: [accountId] });
    await json('PUT', `/api/portals/listings/${b.id}`, { accountIds: [accountId] });
    await until(
      'sent',
      async () =>
        (await portalState(a.id, accountId)).state === 'gesendet' &&
        (await portalState(b.id, accountId)).state === 'gesendet',
    );
    const firstFiles = uploads();
    expect(firstFiles.length).toBeGreaterThanOrEqual(1);
    // Each listing in an uploaded feed is one portal export.
    await until('metered', async () => (await metered('feed:')) === 2);
    expect(readdirSync(ftp.root).some((f) => f.endsWith('.part'))).toBe(false);
    const all = firstFiles.map(xmlOf).join('\n');
    expect(all).toContain('umfang="TEIL"');
    expect(all).toContain(a.externalId);
    expect(all).toContain('<openimmo_anid>IW-4711</openimmo_anid>');

    expect((await json('POST', `/api/crm/properties/${b.id}/status`, { status: 'verkauft' })).status).toBe(
      200,
    );
    await until('withdrawn', async () => (await portalState(b.id, accountId)).state === 'entfernt');
    const last = uploads().filter((f) => !firstFiles.includes(f));
    expect(last).toHaveLength(1);
    const xml = xmlOf(last[0]!);
    expect(xml).toContain('aktionart="DELETE"');
    expect(xml).toContain(b.externalId);
    expect(xml).not.toContain(a.externalId);
  });
});
