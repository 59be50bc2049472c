import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { sandboxPostFigures } from '../sandbox/sandbox-metrics.js';
import { socialTarget } from '../schema.js';
import { propertyPhoto, storedReel } from '../test/media-fixtures.js';
import { adaptersOf, enqueueMetricsRuns } from './social.server.js';

let t: TestApp;
let owner: TestUser;
let assistant: TestUser;
const accounts: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('Social Lebenszyklus GmbH');
  assistant = await t.createUser(owner.tenantId, 'assistant');
  for (const platform of ['facebook', 'instagram', 'linkedin']) {
    const response = await t.as(owner, {
      method: 'POST',
      url: '/api/social-media/accounts/connect',
      payload: { platform, mode: 'sandbox' },
    });
    accounts[platform] = response.json().id;
  }
  image = { source: 'crm.property-media', id: await propertyPhoto(t, owner) };
  reel = await storedReel(t.platform, owner.tenantId, undefined, 30);
});
afterAll(async () => t?.close());

const sandbox = async () => (await adaptersOf(t.platform).sandbox()).state;
const targetsOf = (postId: string) =>
  t.platform.database.db.select().from(socialTarget).where(eq(socialTarget.postId, postId));
let image: { source: string; id: string };
let reel: string;

async function createPost(user: TestUser, firstComment?: string) {
  const response = await t.as(user, {
    method: 'POST',
    url: '/api/social-media/posts',
    payload: {
      title: 'Seeblick-Wohnung',
      targets: [
        { accountId: accounts.facebook, text: 'Neu: Wohnung mit Seeblick', media: [], firstComment },
        { accountId: accounts.instagram, text: 'Seeblick #Bodensee', media: [image], firstComment },
        { accountId: accounts.linkedin, text: 'Neu im Angebot', media: [image], firstComment },
      ],
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

async function publishNow(postId: string) {
  const response = await t.as(owner, {
    method: 'POST',
    url: '/api/social-media/publish',
    payload: { postId },
  });
  expect(response.statusCode, response.body).toBe(202);
  for (const target of await targetsOf(postId))
    if (target.jobRunId) await t.platform.jobs.waitFor(target.jobRunId, 30_000);
  return targetsOf(postId);
}

describe('first comment', () => {
  it('is posted under every published channel right after the post', async () => {
    const postId = await createPost(owner, '#Bodensee #Wohnung – Exposé im Link');
    const targets = await publishNow(postId);
    expect(targets.map((x) => x.status)).toEqual(['veroeffentlicht', 'veroeffentlicht', 'veroeffentlicht']);
    for (const target of targets) {
      expect(target.firstCommentId, target.platform).toBeTruthy();
      expect(target.firstCommentError).toBeNull();
    }
    const state = await sandbox();
    const facebook = targets.find((x) => x.platform === 'facebook');
    const linkedin = targets.find((x) => x.platform === 'linkedin');
    expect(state.graph.comments.filter((c) => c.on === facebook?.externalId)).toHaveLength(1);
    expect(state.linkedin.comments).toEqual([
      expect.objectContaining({ on: linkedin?.externalId, text: '#Bodensee #Wohnung – Exposé im Link' }),
    ]);
  });

  it('is refused for TikTok, which has no comment API', async () => {
    const tiktok = await t.as(owner, {
      method: 'POST',
      url: '/api/social-media/accounts/connect',
      payload: { platform: 'tiktok', mode: 'sandbox' },
    });
    const response = await t.as(owner, {
      method: 'POST',
      url: '/api/social-media/posts',
      payload: {
        title: 'Reel',
        targets: [
          {
            accountId: tiktok.json().id,
            format: 'reel',
            text: 'Rundgang',
            firstComment: 'Mehr im Profil',
            media: [{ source: 'ai.generation-file', id: reel }],
          },
        ],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('TikTok');
  });
});

describe('analytics', () => {
  it('a metrics run stores each channel’s numbers and the followers; the API adds them up', async () => {
    const postId = await createPost(owner);
    const targets = await publishNow(postId);
    const refresh = await t.as(owner, { method: 'POST', url: '/api/social-media/analytics/refresh' });
    expect(refresh.statusCode, refresh.body).toBe(202);
    const run = await t.platform.jobs.waitFor(refresh.json().jobRunId, 30_000);
    expect(run.status, JSON.stringify(run)).toBe('completed');

    const response = await t.as(owner, { method: 'GET', url: `/api/social-media/analytics/${postId}` });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const facebook = targets.find((x) => x.platform === 'facebook');
    const expected = sandboxPostFigures(facebook?.externalId ?? '');
    const fbChannel = body.channels.find((c: { platform: string }) => c.platform === 'facebook');
    expect(fbChannel.metrics).toMatchObject({
      impressions: expected.impressions,
      reach: expected.reach,
      likes: expected.likes,
      clicks: expected.clicks,
      shares: expected.shares,
    });
    const instagram = targets.find((x) => x.platform === 'instagram');
    const ig = sandboxPostFigures(instagram?.externalId ?? '');
    const igChannel = body.channels.find((c: { platform: string }) => c.platform === 'instagram');
    expect(igChannel.metrics).toMatchObject({ impressions: ig.impressions, saves: ig.saves });
    const linkedin = targets.find((x) => x.platform === 'linkedin');
    const li = sandboxPostFigures(linkedin?.externalId ?? '');
    expect(body.totals.impressions).toBe(expected.impressions + ig.impressions + li.impressions);

    const overview = (
      await t.as(owner, { method: 'GET', url: '/api/social-media/analytics/overview' })
    ).json();
    expect(overview.publishedPosts).toBeGreaterThanOrEqual(3);
    expect(
      overview.byPlatform.find((p: { platform: string }) => p.platform === 'linkedin').posts,
    ).toBeGreaterThan(0);
    expect(overview.accounts.every((a: { followers: number | null }) => (a.followers ?? 0) > 0)).toBe(true);
  });

  it('the interval tick enqueues one run per office, however many instances tick', async () => {
    const first = await enqueueMetricsRuns(t.platform, 60);
    const second = await enqueueMetricsRuns(t.platform, 60);
    expect(first).toBeGreaterThan(0);
    expect(second).toBe(first);
    const runs = await t.platform.database.executeSql(
      `select count(*)::int as n from job_run where name = 'social.collect-metrics' and key like 'interval:%'`,
    );
    expect(runs.rows[0]?.n).toBe(first);
  });

  it('an unknown post is a 404', async () => {
    const response = await t.as(owner, {
      method: 'GET',
      url: '/api/social-media/analytics/00000000-0000-4000-8000-000000000000',
    });
    expect(response.statusCode).toBe(404);
  });
});

describe('approval and rescheduling', () => {
  it('an assistant submits a draft for approval but cannot publish it', async () => {
    const postId = await createPost(assistant);
    const submitted = await t.as(assistant, {
      method: 'POST',
      url: `/api/social-media/posts/${postId}/submit`,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().status).toBe('zur_freigabe');
    const again = await t.as(assistant, { method: 'POST', url: `/api/social-media/posts/${postId}/submit` });
    expect(again.statusCode).toBe(409);
    const publish = await t.as(assistant, {
      method: 'POST',
      url: '/api/social-media/publish',
      payload: { postId },
    });
    expect(publish.statusCode).toBe(403);
  });

  it('a channel moved to a later time is not sent by its old job', async () => {
    const postId = await createPost(owner);
    const soon = new Date(Date.now() + 1_000).toISOString();
    const scheduled = await t.as(owner, {
      method: 'POST',
      url: '/api/social-media/publish',
      payload: { postId, at: soon },
    });
    expect(scheduled.statusCode).toBe(202);
    const [facebook] = (await targetsOf(postId)).filter((x) => x.platform === 'facebook');
    const later = new Date(Date.now() + 3 * 3_600_000).toISOString();
    const moved = await t.as(owner, {
      method: 'PATCH',
      url: `/api/social-media/targets/${facebook?.id}`,
      payload: { scheduledAt: later },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const oldRun = await t.platform.jobs.get(facebook?.jobRunId ?? '');
    expect(oldRun?.status).toBe('cancelled');
    for (const target of await targetsOf(postId))
      if (target.platform !== 'facebook' && target.jobRunId)
        await t.platform.jobs.waitFor(target.jobRunId, 30_000);
    const after = await targetsOf(postId);
    const fb = after.find((x) => x.platform === 'facebook');
    expect(fb?.status).toBe('geplant');
    expect(fb?.scheduledAt?.toISOString()).toBe(later);
    expect(after.filter((x) => x.status === 'veroeffentlicht')).toHaveLength(2);

    const past = await t.as(owner, {
      method: 'PATCH',
      url: `/api/social-media/targets/${fb?.id}`,
      payload: { scheduledAt: '2020-01-01T10:00:00Z' },
    });
    expect(past.statusCode).toBe(400);
    const published = after.find((x) => x.platform === 'linkedin');
    const sent = await t.as(owner, {
      method: 'PATCH',
      url: `/api/social-media/targets/${published?.id}`,
      payload: { scheduledAt: later },
    });
    expect(sent.statusCode).toBe(409);

    const unscheduled = await t.as(owner, {
      method: 'POST',
      url: `/api/social-media/posts/${postId}/unschedule`,
    });
    expect(unscheduled.statusCode, unscheduled.body).toBe(200);
    const back = (await targetsOf(postId)).find((x) => x.platform === 'facebook');
    expect(back).toMatchObject({ status: 'entwurf', scheduledAt: null });
    const twice = await t.as(owner, { method: 'POST', url: `/api/social-media/posts/${postId}/unschedule` });
    expect(twice.statusCode).toBe(409);
  });
});

describe('planning without a connection', () => {
  it('an offline account plans the post; at its time it waits to be posted by hand, then is marked published', async () => {
    const connected = await t.as(owner, {
      method: 'POST',
      url: '/api/social-media/accounts/connect',
      payload: { platform: 'facebook', mode: 'offline' },
    });
    expect(connected.statusCode, connected.body).toBe(201);
    expect(connected.json()).toMatchObject({
      mode: 'offline',
      name: expect.stringContaining('nicht verbunden'),
    });
    const created = await t.as(owner, {
      method: 'POST',
      url: '/api/social-media/posts',
      payload: {
        title: 'Von Hand',
        targets: [{ accountId: connected.json().id, text: 'Neu am See', media: [] }],
      },
    });
    const postId = created.json().id;
    const before = (await sandbox()).graph.requests;
    const [target] = await publishNow(postId);
    expect(target).toMatchObject({ status: 'manuell', errorCode: 'not_connected' });
    expect((await sandbox()).graph.requests).toBe(before);

    const marked = await t.as(owner, {
      method: 'POST',
      url: `/api/social-media/targets/${target?.id}/outcome`,
      payload: { published: true, url: 'https://www.facebook.com/bodensee/posts/1' },
    });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toMatchObject({ status: 'veroeffentlicht' });
    expect(marked.json().targets[0]).toMatchObject({
      status: 'veroeffentlicht',
      externalUrl: 'https://www.facebook.com/bodensee/posts/1',
    });
    const again = await t.as(owner, {
      method: 'POST',
      url: `/api/social-media/targets/${target?.id}/outcome`,
      payload: { published: false },
    });
    expect(again.statusCode).toBe(409);
  });
});
