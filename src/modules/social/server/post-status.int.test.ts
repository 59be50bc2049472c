import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { socialPost, socialTarget } from '../schema.js';
import { refreshPostStatus } from './publish-job.js';

let t: TestApp;
let owner: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('Status Test GmbH');
});
afterAll(async () => t?.close());

async function postWithTwoSendingChannels(): Promise<{ postId: string; targetIds: string[] }> {
  const accountIds: string[] = [];
  for (const platform of ['facebook', 'linkedin']) {
    const response = await t.as(owner, {
      method: 'POST',
      url: '/api/social-media/accounts/connect',
      payload: { platform, mode: 'sandbox' },
    });
    expect(response.statusCode, response.body).toBe(201);
    accountIds.push(response.json().id);
  }
  const created = await t.as(owner, {
    method: 'POST',
    url: '/api/social-media/posts',
    payload: {
      title: 'Zwei Kanäle',
      targets: accountIds.map((accountId) => ({ accountId, text: 'Neu am See', media: [] })),
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const postId: string = created.json().id;
  const db = t.platform.database.db;
  await db.update(socialTarget).set({ status: 'wird_gesendet' }).where(eq(socialTarget.postId, postId));
  await db.update(socialPost).set({ status: 'wird_gesendet' }).where(eq(socialPost.id, postId));
  const targets = await db.select().from(socialTarget).where(eq(socialTarget.postId, postId));
  return { postId, targetIds: targets.map((x) => x.id) };
}

// PGlite has one connection, so its transactions never overlap; the race needs PostgreSQL.
describe.skipIf(!process.env.DATABASE_URL)('post status with channels finishing at the same time', () => {
  it('ends "veroeffentlicht" when two channels finish in overlapping transactions', async () => {
    const { postId, targetIds } = await postWithTwoSendingChannels();
    const [first, second] = targetIds as [string, string];
    const finish = (tx: Parameters<typeof refreshPostStatus>[0], targetId: string) =>
      tx.update(socialTarget).set({ status: 'veroeffentlicht' }).where(eq(socialTarget.id, targetId));

    let releaseFirst = () => {};
    const firstMayCommit = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    let firstRefreshed = () => {};
    const firstHasRefreshed = new Promise<void>((resolve) => {
      firstRefreshed = resolve;
    });
    const database = t.platform.database;
    const firstTx = database.withTenant(owner.tenantId, async (tx) => {
      await finish(tx, first);
      await refreshPostStatus(tx, postId);
      firstRefreshed();
      await firstMayCommit;
    });
    await firstHasRefreshed;
    const secondTx = database.withTenant(owner.tenantId, async (tx) => {
      await finish(tx, second);
      await refreshPostStatus(tx, postId);
    });
    // Give the second transaction time to count while the first is still open.
    await new Promise((resolve) => setTimeout(resolve, 300));
    releaseFirst();
    await Promise.all([firstTx, secondTx]);

    const [post] = await database.db.select().from(socialPost).where(eq(socialPost.id, postId));
    expect(post?.status).toBe('veroeffentlicht');
  });
});
