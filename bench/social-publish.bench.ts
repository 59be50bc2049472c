// 1,000 posts scheduled for the same minute, spread over the four sandbox channels
// (Facebook, Instagram, LinkedIn, TikTok), published by the job queue on the embedded
// defaults (PGlite + pg-boss). Reports throughput and the delay from the scheduled time to
// "published" per channel job.
//   npm run bench:social
import { inArray } from 'drizzle-orm';
import sharp from 'sharp';
import { socialTarget } from '../src/modules/social/schema.js';
import { adaptersOf } from '../src/modules/social/server/social.server.js';
import { storedReel } from '../src/modules/social/test/media-fixtures.js';
import { percentile } from './bench-server.js';
import { startInProcess } from './in-process.js';

const POSTS = Number(process.env.BENCH_POSTS ?? 1000);
const LEAD_SECONDS = 15;
const { platform, as, close } = await startInProcess('social', { SOCIAL_SANDBOX: 'true' });
try {
  const sandbox = await adaptersOf(platform).sandbox();
  // Instagram's real limit is 100 posts per account and day; the benchmark measures our queue, not that limit.
  sandbox.state.graph.quotaTotal = POSTS;
  // Media go by reference: one listing photo uploaded as a broker does, one reel as the AI studio stores it.
  const listing = (await as('GET', '/api/crm/properties?pageSize=1')).json().items[0];
  const photo = (
    await as(
      'POST',
      `/api/crm/properties/${listing.id}/media`,
      await sharp({ create: { width: 1080, height: 1080, channels: 3, background: '#6a8caf' } })
        .jpeg()
        .toBuffer(),
      {
        'content-type': 'image/jpeg',
      },
    )
  ).json().id as string;
  const me = (await as('GET', '/api/me')).json();
  const reel = await storedReel(platform, me.tenant.id, Buffer.alloc(1024 * 1024, 3), 30);

  const channels = ['facebook', 'instagram', 'linkedin', 'tiktok'] as const;
  const accounts: Record<string, string> = {};
  for (const name of channels)
    accounts[name] = (
      await as('POST', '/api/social-media/accounts/connect', { platform: name, mode: 'sandbox' })
    ).json().id;
  const variant = (name: (typeof channels)[number], i: number) =>
    name === 'facebook'
      ? {
          accountId: accounts.facebook,
          text: `Neu im Angebot Nr. ${i}`,
          link: 'https://immoxx.example/p/bench',
          media: [],
        }
      : name === 'instagram'
        ? {
            accountId: accounts.instagram,
            text: `Neu im Angebot Nr. ${i} #bodensee`,
            media: [{ source: 'crm.property-media', id: photo }],
          }
        : name === 'linkedin'
          ? { accountId: accounts.linkedin, text: `Neu im Angebot Nr. ${i}`, media: [] }
          : {
              accountId: accounts.tiktok,
              format: 'reel',
              text: `Rundgang Nr. ${i}`,
              media: [{ source: 'ai.generation-file', id: reel }],
              tiktok: {
                privacyLevel: 'SELF_ONLY',
                allowComment: false,
                allowDuet: false,
                allowStitch: false,
              },
            };

  const postIds: string[] = [];
  for (let i = 0; i < POSTS; i++) {
    const created = await as('POST', '/api/social-media/posts', {
      title: `Bench ${i}`,
      targets: [variant(channels[i % 4] as (typeof channels)[number], i)],
    });
    postIds.push(created.json().id);
  }
  const at = new Date(Math.ceil((Date.now() + LEAD_SECONDS * 1000) / 1000) * 1000);
  for (const postId of postIds)
    await as('POST', '/api/social-media/publish', { postId, at: at.toISOString() });
  console.log(`${POSTS} Beiträge geplant für ${at.toISOString()} …`);

  const deadline = at.getTime() + 120_000;
  let rows: (typeof socialTarget.$inferSelect)[] = [];
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    rows = await platform.database.db
      .select()
      .from(socialTarget)
      .where(inArray(socialTarget.postId, postIds));
    if (rows.every((r) => ['veroeffentlicht', 'fehlgeschlagen', 'ungewiss'].includes(r.status))) break;
  }
  const published = rows.filter((r) => r.status === 'veroeffentlicht' && r.publishedAt);
  const delays = published
    .map((r) => ((r.publishedAt as Date).getTime() - at.getTime()) / 1000)
    .sort((a, b) => a - b);
  const last = delays.at(-1) ?? 0;
  console.log(
    JSON.stringify(
      {
        database: 'pglite',
        jobs: platform.jobs.engineKind,
        posts: POSTS,
        published: published.length,
        failed: rows
          .filter((r) => r.status !== 'veroeffentlicht')
          .map((r) => `${r.platform}:${r.status}:${r.errorCode}`)
          .slice(0, 5),
        allWithinMinute: published.length === POSTS && last <= 60,
        throughputPerSecond: Math.round((published.length / Math.max(last, 0.001)) * 10) / 10,
        delaySeconds: {
          p50: percentile(delays, 50),
          p95: percentile(delays, 95),
          max: Math.round(last * 100) / 100,
        },
        sandboxPosts: {
          facebook: sandbox.state.graph.posts.filter((p) => p.kind === 'feed').length,
          instagram: sandbox.state.graph.posts.filter((p) => p.kind === 'instagram').length,
          linkedin: sandbox.state.linkedin.posts.length,
          tiktok: sandbox.state.tiktok.published.length,
        },
      },
      null,
      2,
    ),
  );
} finally {
  await close();
}
