import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../../platform/mail/mail.schema.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { createSandboxApp } from '../sandbox/sandbox-app.js';
import { socialAccount, socialOauthState } from '../schema.js';
import { COLLECT_METRICS_JOB } from './metrics-job.js';
import { REFRESH_TOKENS_JOB } from './token-refresh.js';

/** Live connect flows against the platform imitations, served on a real port as a platform would. */
let sandbox: Awaited<ReturnType<typeof createSandboxApp>>;
let sandboxApp: FastifyInstance;
let t: TestApp;
let owner: TestUser;

beforeAll(async () => {
  sandbox = await createSandboxApp();
  sandboxApp = sandbox.app;
  const base = await sandboxApp.listen({ port: 0, host: '127.0.0.1' });
  t = await createTestApp({
    env: {
      FACEBOOK_APP_ID: 'app-123',
      FACEBOOK_APP_SECRET: 'fb-secret-not-logged',
      FACEBOOK_OAUTH_URL: `${base}/dialog`,
      GRAPH_API_URL: `${base}/graph`,
      LINKEDIN_CLIENT_ID: 'li-client',
      LINKEDIN_CLIENT_SECRET: 'li-secret',
      LINKEDIN_OAUTH_URL: `${base}/linkedin`,
      LINKEDIN_API_URL: `${base}/linkedin`,
      TIKTOK_CLIENT_KEY: 'tt-key',
      TIKTOK_CLIENT_SECRET: 'tt-secret',
      TIKTOK_OAUTH_URL: `${base}/tiktok-consent`,
      TIKTOK_API_URL: `${base}/tiktok`,
    },
  });
  owner = await t.createTenant('OAuth Immobilien GmbH');
});
afterAll(async () => {
  await t?.close();
  await sandboxApp?.close();
});

async function startConnect(platform: string) {
  const response = await t.as(owner, {
    method: 'POST',
    url: '/api/social-media/accounts/connect',
    payload: { platform, mode: 'live' },
  });
  expect(response.statusCode, response.body).toBe(200);
  const url = new URL(response.json().authorizeUrl);
  return { url, state: url.searchParams.get('state') ?? '' };
}
const callback = (platform: string, query: Record<string, string>) =>
  t.as(owner, {
    method: 'GET',
    url: `/api/social-media/oauth/callback/${platform}?${new URLSearchParams(query)}`,
  });
const outcome = (response: { headers: Record<string, unknown> }) =>
  Object.fromEntries(new URL(String(response.headers.location), 'http://x').searchParams);
const liveAccounts = (platform: string) =>
  t.platform.database.db.select().from(socialAccount).where(eq(socialAccount.platform, platform));

describe('connecting live accounts with OAuth', () => {
  it('Facebook: consent URL with state, code exchange, long-lived token, every page across the pagination', async () => {
    const { url, state } = await startConnect('facebook');
    expect(url.pathname).toBe('/dialog/v25.0/dialog/oauth');
    expect(url.searchParams.get('client_id')).toBe('app-123');
    expect(url.searchParams.get('redirect_uri')).toBe(
      `${t.platform.publicUrl}/api/social-media/oauth/callback/facebook`,
    );
    expect(url.searchParams.get('scope')).toContain('pages_manage_posts');
    const [stored] = await t.platform.database.db.select().from(socialOauthState);
    expect(stored?.stateHash).not.toBe(state);

    const forged = await callback('facebook', { code: 'sandbox-code-x', state: 'erfunden' });
    expect(forged.statusCode).toBe(302);
    expect(outcome(forged)).toMatchObject({ fehler: 'state_invalid' });

    const done = await callback('facebook', { code: 'sandbox-code-fb', state });
    expect(outcome(done)).toMatchObject({ verbunden: '2' });
    const pages = await liveAccounts('facebook');
    expect(pages.map((p) => p.name).sort()).toEqual(['Bodensee Immobilien', 'Bodensee Immobilien – Gewerbe']);
    expect(pages.every((p) => p.mode === 'live' && p.tokenExpiresAt === null)).toBe(true);
    expect(pages[0]?.accessTokenSealed).not.toMatch(/^page-/);
    expect(t.platform.secretBox.decrypt(pages[0]?.accessTokenSealed ?? '')).toMatch(/^page-/);

    const replay = await callback('facebook', { code: 'sandbox-code-fb2', state });
    expect(outcome(replay)).toMatchObject({ fehler: 'state_invalid' });
    const listed = await t.as(owner, { method: 'GET', url: '/api/social-media/accounts' });
    expect(listed.body).not.toMatch(/page-|fb-secret/);
  });

  it('Instagram comes through the Facebook login, from the page it is linked to', async () => {
    const { state } = await startConnect('instagram');
    const done = await callback('instagram', { code: 'sandbox-code-ig', state });
    expect(outcome(done)).toMatchObject({ verbunden: '1' });
    expect((await liveAccounts('instagram')).map((a) => [a.name, a.externalId])).toEqual([
      ['@bodensee.immobilien', '17841400000000001'],
    ]);
  });

  it('an expired state is refused, and a refused consent is reported', async () => {
    const { state } = await startConnect('linkedin');
    await t.platform.database.db.update(socialOauthState).set({ expiresAt: new Date(Date.now() - 1000) });
    expect(outcome(await callback('linkedin', { code: 'sandbox-code-li', state }))).toMatchObject({
      fehler: 'state_expired',
    });
    const second = await startConnect('linkedin');
    expect(
      outcome(await callback('linkedin', { error: 'user_cancelled_login', state: second.state })),
    ).toMatchObject({ fehler: 'user_cancelled_login' });
  });

  it('LinkedIn: the organisations the member administers or is content administrator of (not analyst), with an expiring token and a refresh token', async () => {
    const { state } = await startConnect('linkedin');
    expect(outcome(await callback('linkedin', { code: 'sandbox-code-li', state }))).toMatchObject({
      verbunden: '2',
    });
    const orgs = await liveAccounts('linkedin');
    expect(orgs.map((o) => o.externalId).sort()).toEqual([
      'urn:li:organization:104857',
      'urn:li:organization:104858',
    ]);
    const org = orgs.find((o) => o.externalId === 'urn:li:organization:104857');
    expect(org).toMatchObject({ name: 'Bodensee Immobilien GmbH', externalId: 'urn:li:organization:104857' });
    expect(org?.tokenExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 50 * 86_400_000);
    expect(org?.refreshTokenSealed).toBeTruthy();
  });

  it('TikTok: refreshed ahead of expiry, always keeping the newest (rotated) refresh token', async () => {
    const { url, state } = await startConnect('tiktok');
    expect(url.searchParams.get('client_key')).toBe('tt-key');
    expect(outcome(await callback('tiktok', { code: 'sandbox-code-tt', state }))).toMatchObject({
      verbunden: '1',
    });
    const [creator] = await liveAccounts('tiktok');
    const firstRefresh = t.platform.secretBox.decrypt(creator?.refreshTokenSealed ?? '');
    await t.platform.database.db
      .update(socialAccount)
      .set({ tokenExpiresAt: new Date(Date.now() + 3_600_000) })
      .where(eq(socialAccount.id, creator?.id ?? ''));

    const run = await t.platform.jobs.enqueue(REFRESH_TOKENS_JOB, {}, { tenantId: owner.tenantId });
    expect((await t.platform.jobs.waitFor(run.id, 30_000)).result).toMatchObject({ renewed: 1 });
    const [renewed] = await liveAccounts('tiktok');
    const secondRefresh = t.platform.secretBox.decrypt(renewed?.refreshTokenSealed ?? '');
    expect(secondRefresh).not.toBe(firstRefresh);
    expect(sandbox.state.tiktok.refreshTokens.has(firstRefresh)).toBe(false);
    expect(sandbox.state.tiktok.refreshTokens.has(secondRefresh)).toBe(true);
    expect(renewed?.tokenExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 20 * 3_600_000);
  });

  it('a refresh the platform refuses marks the account “needs reconnect” and mails the person who connected it', async () => {
    sandbox.state.tiktok.refreshTokens.clear();
    const [creator] = await liveAccounts('tiktok');
    await t.platform.database.db
      .update(socialAccount)
      .set({ tokenExpiresAt: new Date(Date.now() + 3_600_000) })
      .where(eq(socialAccount.id, creator?.id ?? ''));
    const run = await t.platform.jobs.enqueue(
      REFRESH_TOKENS_JOB,
      {},
      { tenantId: owner.tenantId, key: 'again' },
    );
    expect((await t.platform.jobs.waitFor(run.id, 30_000)).result).toMatchObject({ needsReconnect: 1 });
    const [lost] = await liveAccounts('tiktok');
    expect(lost).toMatchObject({ status: 'neu_verbinden' });
    expect(lost?.statusMessage).toContain('TikTok hat die Anmeldung abgelehnt');
    const mails = await t.platform.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.purpose, 'social_reconnect'));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.toAddress).toBe(owner.email);
  });

  it('the metrics run renews an expired token like publishing does, instead of asking for a new consent (issue 17.19)', async () => {
    const org = (await liveAccounts('linkedin')).find((o) => o.externalId === 'urn:li:organization:104857');
    await t.platform.database.db
      .update(socialAccount)
      .set({ accessTokenSealed: t.platform.secretBox.encrypt('expired-li-token') })
      .where(eq(socialAccount.id, org?.id ?? ''));
    const run = await t.platform.jobs.enqueue(
      COLLECT_METRICS_JOB,
      { minAgeMinutes: 0 },
      { tenantId: owner.tenantId },
    );
    await t.platform.jobs.waitFor(run.id, 30_000);
    const after = (await liveAccounts('linkedin')).find((o) => o.id === org?.id);
    expect(after).toMatchObject({ status: 'verbunden' });
    expect(after?.followers).toBeGreaterThan(0);
    expect(t.platform.secretBox.decrypt(after?.accessTokenSealed ?? '')).not.toBe('expired-li-token');
  });
});
