import { eq } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRun } from '../../../platform/jobs/jobs.schema.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { propertyMedia } from '../../crm/schema.js';
import { makeJpeg, seeblickWohnung } from '../../crm/test/fixtures.js';
import { socialAccount, socialTarget } from '../schema.js';
import { fetchThroughApp, propertyPhoto, storedReel } from '../test/media-fixtures.js';
import { PUBLISH_TARGET_JOB } from './publish-job.js';
import { adaptersOf } from './social.server.js';

let t: TestApp;
let owner: TestUser;
let assistant: TestUser;
const accounts: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('Social Test GmbH');
  assistant = await t.createUser(owner.tenantId, 'assistant');
  for (const platform of ['facebook', 'instagram', 'linkedin', 'tiktok']) {
    const response = await t.as(owner, {
      method: 'POST',
      url: '/api/social-media/accounts/connect',
      payload: { platform, mode: 'sandbox' },
    });
    expect(response.statusCode, response.body).toBe(201);
    accounts[platform] = response.json().id;
  }
  photo = await propertyPhoto(t, owner, await makeJpeg(800, 600));
  reel = await storedReel(t.platform, owner.tenantId, Buffer.alloc(6 * 1024 * 1024, 2), 42);
  (await sandbox()).graph.fetchMedia = fetchThroughApp(t);
});
afterAll(async () => t?.close());

const sandbox = async () => (await adaptersOf(t.platform).sandbox()).state;
/** The sandbox Facebook page every sandbox account posts to. */
const SANDBOX_PAGE = '104000000000001';
const targetsOf = (postId: string) =>
  t.platform.database.db.select().from(socialTarget).where(eq(socialTarget.postId, postId));
async function waitForTargets(postId: string) {
  for (const target of await targetsOf(postId))
    if (target.jobRunId) await t.platform.jobs.waitFor(target.jobRunId, 30_000);
  return targetsOf(postId);
}
let photo: string;
let reel: string;
const image = (id = photo) => ({ source: 'crm.property-media', id, altText: 'Haus am See' });
const video = () => ({ source: 'ai.generation-file', id: reel });

describe('publishing to four channels', () => {
  let postId: string;

  it('publishes every channel as its own job: three go out once, the refused one shows the mapped error', async () => {
    // A photo whose file is gone by the time Instagram fetches it: the container fails.
    const brokenPhoto = await propertyPhoto(t, owner, await makeJpeg(640, 640));
    const [broken] = await t.platform.database.db
      .select({ webKey: propertyMedia.webKey })
      .from(propertyMedia)
      .where(eq(propertyMedia.id, brokenPhoto));
    await t.platform.files.delete(broken?.webKey ?? '');
    const created = await t.as(owner, {
      method: 'POST',
      url: '/api/social-media/posts',
      payload: {
        title: 'Villa in Meersburg',
        targets: [
          {
            accountId: accounts.facebook,
            text: 'Neu: Villa in Meersburg',
            link: 'https://immoxx.example/p/villa',
            media: [],
          },
          { accountId: accounts.instagram, text: 'Villa #Meersburg', media: [image(brokenPhoto)] },
          { accountId: accounts.linkedin, text: 'Neu im Angebot (Meersburg) #Bodensee', media: [image()] },
          {
            accountId: accounts.tiktok,
            format: 'reel',
            text: 'Rundgang Villa',
            media: [video()],
            tiktok: {
              privacyLevel: 'MUTUAL_FOLLOW_FRIENDS',
              allowComment: true,
              allowDuet: false,
              allowStitch: false,
            },
          },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    postId = created.json().id;
    const scheduled = await t.as(owner, {
      method: 'POST',
      url: '/api/social-media/publish',
      payload: { postId },
    });
    expect(scheduled.statusCode, scheduled.body).toBe(202);

    const targets = await waitForTargets(postId);
    const byPlatform = Object.fromEntries(targets.map((x) => [x.platform, x]));
    expect(byPlatform.facebook).toMatchObject({ status: 'veroeffentlicht', attempts: 1 });
    expect(byPlatform.linkedin, JSON.stringify(byPlatform.linkedin)).toMatchObject({
      status: 'veroeffentlicht',
    });
    expect(byPlatform.linkedin?.externalId).toMatch(/^urn:li:share:/);
    expect(byPlatform.tiktok).toMatchObject({ status: 'veroeffentlicht' });
    expect(byPlatform.instagram).toMatchObject({ status: 'fehlgeschlagen', errorCode: 'container_error' });
    expect(byPlatform.instagram?.errorMessage).toContain('Instagram konnte das Medium nicht verarbeiten');

    const state = await sandbox();
    expect(state.graph.posts.filter((p) => p.kind === 'feed')).toHaveLength(1);
    expect(state.graph.posts.filter((p) => p.kind === 'instagram')).toHaveLength(0);
    expect(state.linkedin.posts).toHaveLength(1);
    expect(state.tiktok.published).toHaveLength(1);
    // The privacy the person chose, not a preset (TikTok Content Sharing Guidelines).
    expect([...state.tiktok.uploads.values()].at(-1)?.privacyLevel).toBe('MUTUAL_FOLLOW_FRIENDS');
    const post = (await t.as(owner, { method: 'GET', url: `/api/social-media/posts/${postId}` })).json();
    expect(post.status).toBe('teilweise');
  });

  it('running a channel job again never posts twice', async () => {
    const [facebook] = (await targetsOf(postId)).filter((x) => x.platform === 'facebook');
    const before = (await sandbox()).graph.posts.length;
    const again = await t.platform.jobs.enqueue(
      PUBLISH_TARGET_JOB,
      { targetId: facebook?.id },
      { tenantId: owner.tenantId, key: 'again' },
    );
    expect((await t.platform.jobs.waitFor(again.id, 30_000)).result).toEqual({ skipped: 'veroeffentlicht' });
    expect((await sandbox()).graph.posts).toHaveLength(before);
  });

  it('a worker that died after claiming: the redelivered job finds the post it made and does not re-post', async () => {
    const created = await t.as(owner, {
      method: 'POST',
      url: '/api/social-media/posts',
      payload: {
        title: 'Abgebrochen',
        targets: [{ accountId: accounts.facebook, text: 'Wird unterbrochen', media: [] }],
      },
    });
    const id = created.json().id as string;
    const [target] = await targetsOf(id);
    // What a crash right after the platform accepted the post leaves behind, an hour later:
    const state = await sandbox();
    state.graph.posts.push({
      id: `${SANDBOX_PAGE}_999`,
      target: SANDBOX_PAGE,
      kind: 'feed',
      params: { message: 'Wird unterbrochen' },
      createdAt: Date.now() - 3_500_000,
    });
    await t.platform.database.db
      .update(socialTarget)
      .set({
        status: 'wird_gesendet',
        attempts: 1,
        sendingSince: new Date(Date.now() - 3_600_000),
        firstSentAt: new Date(Date.now() - 3_600_000),
      })
      .where(eq(socialTarget.id, target?.id ?? ''));
    const before = state.graph.posts.length;
    const run = await t.platform.jobs.enqueue(
      PUBLISH_TARGET_JOB,
      { targetId: target?.id },
      { tenantId: owner.tenantId, key: 'redelivered' },
    );
    expect((await t.platform.jobs.waitFor(run.id, 30_000)).result).toEqual({ found: `${SANDBOX_PAGE}_999` });
    const [after] = await targetsOf(id);
    expect(after).toMatchObject({ status: 'veroeffentlicht', externalId: `${SANDBOX_PAGE}_999` });
    expect(state.graph.posts).toHaveLength(before);
  });

  it('a worker that died before the platform took the post: the redelivered job looks, finds nothing, posts once', async () => {
    const created = await t.as(owner, {
      method: 'POST',
      url: '/api/social-media/posts',
      payload: {
        title: 'Nie angekommen',
        targets: [{ accountId: accounts.facebook, text: 'Nie angekommen', media: [] }],
      },
    });
    const [target] = await targetsOf(created.json().id);
    await t.platform.database.db
      .update(socialTarget)
      .set({ status: 'wird_gesendet', attempts: 1, sendingSince: new Date(Date.now() - 3_600_000) })
      .where(eq(socialTarget.id, target?.id ?? ''));
    const state = await sandbox();
    const before = state.graph.posts.length;
    const run = await t.platform.jobs.enqueue(
      PUBLISH_TARGET_JOB,
      { targetId: target?.id },
      { tenantId: owner.tenantId, key: 'redelivered-empty' },
    );
    await t.platform.jobs.waitFor(run.id, 30_000);
    const [after] = await targetsOf(created.json().id);
    expect(after?.status).toBe('veroeffentlicht');
    expect(state.graph.posts.filter((p) => p.params.message === 'Nie angekommen')).toHaveLength(1);
    expect(state.graph.posts).toHaveLength(before + 1);
  });

  it('a claim that is still fresh belongs to a worker sending right now and is left alone', async () => {
    const created = await t.as(owner, {
      method: 'POST',
      url: '/api/social-media/posts',
      payload: {
        title: 'Parallel',
        targets: [{ accountId: accounts.facebook, text: 'Gleichzeitig', media: [] }],
      },
    });
    const [target] = await targetsOf(created.json().id);
    await t.platform.database.db
      .update(socialTarget)
      .set({ status: 'wird_gesendet', attempts: 1, sendingSince: new Date() })
      .where(eq(socialTarget.id, target?.id ?? ''));
    const run = await t.platform.jobs.enqueue(
      PUBLISH_TARGET_JOB,
      { targetId: target?.id },
      { tenantId: owner.tenantId, key: 'parallel' },
    );
    expect((await t.platform.jobs.waitFor(run.id, 30_000)).result).toEqual({ skipped: 'in_progress' });
    const [after] = await targetsOf(created.json().id);
    expect(after?.status).toBe('wird_gesendet');
  });

  it('a rate limit delays the channel to the time the platform names instead of failing it', async () => {
    const created = await t.as(owner, {
      method: 'POST',
      url: '/api/social-media/posts',
      payload: {
        title: 'Gedrosselt',
        targets: [{ accountId: accounts.facebook, text: 'Später', media: [] }],
      },
    });
    const id = created.json().id as string;
    const state = await sandbox();
    state.graph.throttleNext = 1;
    state.graph.regainMinutes = 3;
    await t.as(owner, { method: 'POST', url: '/api/social-media/publish', payload: { postId: id } });
    const [target] = await waitForTargets(id);
    expect(target).toMatchObject({ status: 'wartet_limit', errorCode: '80002' });
    const later = await t.platform.database.db
      .select()
      .from(jobRun)
      .where(eq(jobRun.name, PUBLISH_TARGET_JOB));
    const delayed = later.filter(
      (r) =>
        (r.payload as { targetId?: string }).targetId === target?.id &&
        r.runAt.getTime() > Date.now() + 150_000,
    );
    expect(delayed).toHaveLength(1);
  });
});

describe('TikTok choices (issue 17.18)', () => {
  it('shows the creator and the allowed privacy levels, and refuses to publish before one is chosen', async () => {
    const creator = await t.as(owner, {
      method: 'GET',
      url: `/api/social-media/accounts/${accounts.tiktok}/tiktok-creator`,
    });
    expect(creator.statusCode, creator.body).toBe(200);
    expect(creator.json()).toMatchObject({
      nickname: 'Bodensee Immobilien',
      privacyLevelOptions: expect.arrayContaining(['PUBLIC_TO_EVERYONE', 'SELF_ONLY']),
    });
    const created = await t.as(owner, {
      method: 'POST',
      url: '/api/social-media/posts',
      payload: {
        title: 'Ohne Wahl',
        targets: [{ accountId: accounts.tiktok, format: 'reel', text: 'Rundgang', media: [video()] }],
      },
    });
    const publish = await t.as(owner, {
      method: 'POST',
      url: '/api/social-media/publish',
      payload: { postId: created.json().id },
    });
    expect(publish.statusCode).toBe(400);
    expect(publish.json().error.code).toBe('tiktok_settings_required');
    const [target] = await targetsOf(created.json().id);
    expect(target?.status).toBe('entwurf');
  });
});

describe('rules and rights', () => {
  it('refuses a variant the platform would refuse, and stores nothing', async () => {
    const response = await t.as(owner, {
      method: 'POST',
      url: '/api/social-media/posts',
      payload: {
        title: 'Zu lang',
        targets: [{ accountId: accounts.instagram, text: 'x'.repeat(2201), media: [image()] }],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('post_rules');
    expect(response.json().error.message).toContain('Instagram erlaubt höchstens 2.200 Zeichen');
  });

  it('an assistant drafts but cannot publish; live accounts say what is missing', async () => {
    const draft = await t.as(assistant, {
      method: 'POST',
      url: '/api/social-media/posts',
      payload: { title: 'Entwurf', targets: [{ accountId: accounts.facebook, text: 'Entwurf', media: [] }] },
    });
    expect(draft.statusCode).toBe(201);
    const publish = await t.as(assistant, {
      method: 'POST',
      url: '/api/social-media/publish',
      payload: { postId: draft.json().id },
    });
    expect(publish.statusCode).toBe(403);
    const live = await t.as(owner, {
      method: 'POST',
      url: '/api/social-media/accounts/connect',
      payload: { platform: 'facebook', mode: 'live' },
    });
    expect(live.statusCode).toBe(409);
    expect(live.json().error.code).toBe('live_connect_not_configured');
  });

  it('keeps tokens sealed at rest and never returns them', async () => {
    const [row] = await t.platform.database.db
      .select()
      .from(socialAccount)
      .where(eq(socialAccount.id, accounts.facebook ?? ''));
    const token = t.platform.secretBox.decrypt(row?.accessTokenSealed ?? '');
    expect(token).toMatch(/^sandbox-[0-9a-f]{32}$/);
    expect(row?.accessTokenSealed).not.toContain(token);
    const list = await t.as(owner, { method: 'GET', url: '/api/social-media/accounts' });
    expect(list.body).not.toContain(token);
    expect(list.body).not.toContain(row?.accessTokenSealed ?? '--');
    expect(list.json()).toMatchObject({ sandboxAvailable: true });
  });
});

describe('post from a property', () => {
  it('drafts all four channels from a listing and offers its photos by reference, never by storage key', async () => {
    const created = await t.as(owner, {
      method: 'POST',
      url: '/api/crm/properties',
      payload: seeblickWohnung,
    });
    const id = created.json().id as string;
    await t.as(owner, {
      method: 'POST',
      url: `/api/crm/properties/${id}/media`,
      payload: await makeJpeg(1200, 800),
      headers: { 'content-type': 'image/jpeg' },
    });
    const draft = await t.as(owner, { method: 'GET', url: `/api/social-media/compose/property/${id}` });
    expect(draft.statusCode, draft.body).toBe(200);
    const body = draft.json();
    expect(body.variants.map((v: { platform: string }) => v.platform)).toEqual([
      'facebook',
      'instagram',
      'linkedin',
      'tiktok',
    ]);
    expect(body.variants[0].text).toContain('Energieverbrauchsausweis');
    expect(body.warnings.join()).toContain('nicht veröffentlicht');
    expect(body.media).toHaveLength(1);

    await t.as(owner, {
      method: 'POST',
      url: `/api/crm/properties/${id}/status`,
      payload: { status: 'aktiv' },
    });
    expect(body.media[0]).toMatchObject({
      source: 'crm.property-media',
      previewUrl: expect.stringMatching(/^\/api\/crm\/media\//),
    });
    expect(JSON.stringify(body.media)).not.toMatch(/fileKey|tenants\//);
  });
});

describe('ready-to-post package', () => {
  it('exports text and JPEG media per channel for posting by hand', async () => {
    const created = await t.as(assistant, {
      method: 'POST',
      url: '/api/social-media/posts',
      payload: {
        title: 'Handarbeit',
        targets: [
          { accountId: accounts.instagram, text: 'Villa #Meersburg', media: [image()] },
          {
            accountId: accounts.facebook,
            text: 'Villa in Meersburg',
            link: 'https://immoxx.example/p/villa',
            media: [],
          },
        ],
      },
    });
    const response = await t.as(assistant, {
      method: 'GET',
      url: `/api/social-media/posts/${created.json().id}/package`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(response.rawPayload));
    expect(Object.keys(files).sort()).toEqual([
      '01-facebook-feed/text.txt',
      '02-instagram-feed/01.jpg',
      '02-instagram-feed/text.txt',
      'LIESMICH.txt',
    ]);
    expect(new TextDecoder().decode(files['01-facebook-feed/text.txt'])).toBe(
      'Villa in Meersburg\n\nhttps://immoxx.example/p/villa\n',
    );
    expect(files['02-instagram-feed/01.jpg']?.subarray(0, 2)).toEqual(new Uint8Array([0xff, 0xd8]));
  });
});

describe('editing drafts', () => {
  it('replaces a draft, and refuses once it is scheduled', async () => {
    const created = await t.as(assistant, {
      method: 'POST',
      url: '/api/social-media/posts',
      payload: { title: 'Erster Stand', targets: [{ accountId: accounts.facebook, text: 'Alt', media: [] }] },
    });
    const id = created.json().id as string;
    const edited = await t.as(assistant, {
      method: 'PUT',
      url: `/api/social-media/posts/${id}`,
      payload: {
        title: 'Zweiter Stand',
        targets: [
          { accountId: accounts.facebook, text: 'Neu', media: [] },
          { accountId: accounts.linkedin, text: 'Neu auf LinkedIn', media: [] },
        ],
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ title: 'Zweiter Stand', status: 'entwurf' });
    expect(edited.json().targets.map((x: { text: string }) => x.text)).toEqual(['Neu', 'Neu auf LinkedIn']);
    await t.as(owner, {
      method: 'POST',
      url: '/api/social-media/publish',
      payload: { postId: id, at: new Date(Date.now() + 3_600_000).toISOString() },
    });
    const late = await t.as(assistant, {
      method: 'PUT',
      url: `/api/social-media/posts/${id}`,
      payload: { title: 'Zu spät', targets: [{ accountId: accounts.facebook, text: 'x', media: [] }] },
    });
    expect(late.statusCode).toBe(409);
  });
});

describe('sandbox switched off', () => {
  it('offers no sandbox accounts and says how to switch them on', async () => {
    const production = await createTestApp({ env: { SOCIAL_SANDBOX: 'false' } });
    try {
      const office = await production.createTenant('Produktiv GmbH');
      const list = await production.as(office, { method: 'GET', url: '/api/social-media/accounts' });
      expect(list.json()).toEqual({ items: [], sandboxAvailable: false, versionWarnings: [] });
      const connect = await production.as(office, {
        method: 'POST',
        url: '/api/social-media/accounts/connect',
        payload: { platform: 'tiktok', mode: 'sandbox' },
      });
      expect(connect.statusCode).toBe(409);
      expect(connect.json().error.message).toContain('SOCIAL_SANDBOX=true');
    } finally {
      await production.close();
    }
  });
});
