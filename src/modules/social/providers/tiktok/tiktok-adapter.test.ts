import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxPostFigures } from '../../sandbox/sandbox-metrics.js';
import {
  createTikTokSandboxState,
  type TikTokSandboxState,
  tiktokSandbox,
} from '../../sandbox/tiktok-sandbox.js';
import { TikTokOAuth } from '../oauth/tiktok-oauth.js';
import type { ProviderError } from '../provider-error.js';
import { chunkPlan, TikTokAdapter } from './tiktok-adapter.js';

let sandbox: FastifyInstance;
let state: TikTokSandboxState;
let baseUrl: string;
const MB = 1024 * 1024;

beforeAll(async () => {
  state = createTikTokSandboxState();
  sandbox = Fastify();
  await sandbox.register(tiktokSandbox, { state });
  baseUrl = await sandbox.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => sandbox?.close());

const adapter = () =>
  new TikTokAdapter({ baseUrl, pollIntervalMs: 1, maxPolls: 5, chunkBytes: 5 * MB, sleep: async () => {} });
const video = (bytes: number) => ({
  kind: 'video' as const,
  url: 'https://immoxx.example/reel.mp4',
  read: async () => Buffer.alloc(bytes, 7),
});

describe('TikTok Content Posting API', () => {
  it('plans chunks by the media transfer rules', () => {
    expect(chunkPlan(3 * MB)).toEqual({ chunkSize: 3 * MB, count: 1 });
    expect(chunkPlan(12 * MB, 5 * MB)).toEqual({ chunkSize: 5 * MB, count: 2 });
    expect(chunkPlan(6 * MB, 10 * MB)).toEqual({ chunkSize: 6 * MB, count: 1 });
    expect(chunkPlan(200 * MB, 100 * MB)).toEqual({ chunkSize: 64 * MB, count: 3 });
  });

  it('uploads a 12 MB video in sequential chunks and polls until PUBLISH_COMPLETE', async () => {
    const result = await adapter().publish(
      { externalId: 'sandbox-open-id', accessToken: 'act.valid' },
      { format: 'reel', text: 'Villa am See – Rundgang', media: [video(12 * MB)] },
      { privacyLevel: 'PUBLIC_TO_EVERYONE' },
    );
    const upload = [...state.uploads.values()].at(-1);
    expect(upload?.ranges).toEqual([
      `bytes 0-${5 * MB - 1}/${12 * MB}`,
      `bytes ${5 * MB}-${12 * MB - 1}/${12 * MB}`,
    ]);
    expect(state.published.at(-1)).toMatchObject({
      postId: result.externalId,
      bytes: 12 * MB,
      title: 'Villa am See – Rundgang',
    });
  });

  it('creator_info drives the privacy options; a level the creator lacks is refused before upload', async () => {
    const info = await adapter().creatorInfo({ externalId: 'x', accessToken: 'act.valid' });
    expect(info.privacy_level_options).toContain('SELF_ONLY');
    const before = state.uploads.size;
    await expect(
      adapter().publish(
        { externalId: 'x', accessToken: 'act.valid' },
        { format: 'reel', text: 'x', media: [video(MB)] },
        { privacyLevel: 'FOLLOWER_OF_CREATOR' },
      ),
    ).rejects.toMatchObject({ kind: 'permanent', code: 'privacy_level_option_mismatch' });
    expect(state.uploads.size).toBe(before);
  });

  it('refreshes an expired token once with the rotating refresh token, then repeats the call', async () => {
    let refreshToken = 'refresh-1';
    const account = {
      externalId: 'sandbox-open-id',
      accessToken: 'expired-act',
      refresh: async () => {
        const fresh = await new TikTokOAuth({ authorizeUrl: baseUrl, apiUrl: baseUrl }).refresh(
          { clientId: 'k', clientSecret: 's' },
          refreshToken,
        );
        refreshToken = fresh.refreshToken ?? ''; // TikTok rotates it: always keep the newest
        return fresh.accessToken;
      },
    };
    const info = await adapter().creatorInfo(account);
    expect(info.creator_username).toBe('bodensee.immobilien');
    expect(refreshToken).not.toBe('refresh-1');
    expect(state.refreshTokens.has('refresh-1')).toBe(false);
    const error = (await adapter()
      .creatorInfo({ externalId: 'x', accessToken: 'expired-no-refresh' })
      .catch((e: unknown) => e)) as ProviderError;
    expect([error.kind, error.code]).toEqual(['auth', 'access_token_invalid']);
  });

  it('reads a published video’s numbers with video/query and the follower count with user/info', async () => {
    const account = { externalId: 'sandbox-open-id', accessToken: 'act.valid' };
    // Without a chosen privacy level nothing is sent (no SELF_ONLY preset any more).
    await expect(
      adapter().publish(account, { format: 'reel', text: 'Zahlen', media: [video(1 * MB)] }),
    ).rejects.toMatchObject({ code: 'privacy_level_required' });
    const published = await adapter().publish(account, {
      format: 'reel',
      text: 'Zahlen',
      media: [video(1 * MB)],
      tiktok: { privacyLevel: 'SELF_ONLY' },
    });
    const metrics = await adapter().fetchPostMetrics(account, published.externalId);
    const figures = sandboxPostFigures(published.externalId);
    expect(metrics).toEqual({
      impressions: figures.impressions,
      likes: figures.likes,
      comments: figures.comments,
      shares: figures.shares,
      engagement: figures.likes + figures.comments + figures.shares,
    });
    expect(await adapter().fetchPostMetrics(account, 'unbekannt')).toEqual({});
    expect((await adapter().fetchAccountMetrics(account)).followers).toBeGreaterThan(0);
    await expect(adapter().comment()).rejects.toMatchObject({ code: 'comment_unsupported' });
  });

  it('a used-up refresh token is refused as an auth error (the account must be reconnected)', async () => {
    const oauth = new TikTokOAuth({ authorizeUrl: baseUrl, apiUrl: baseUrl });
    const error = (await oauth
      .refresh({ clientId: 'k', clientSecret: 's' }, 'refresh-1')
      .catch((e: unknown) => e)) as ProviderError;
    expect(error).toMatchObject({ kind: 'auth', code: 'invalid_grant' });
  });

  it('posts photos through content/init (PHOTO, PULL_FROM_URL) from our media addresses (issue 17.18)', async () => {
    const photo = (n: number) => ({
      kind: 'image' as const,
      url: `https://immoxx.example/m/t/x/${n}-1-a.jpg`,
    });
    const result = await adapter().publish(
      { externalId: 'sandbox-open-id', accessToken: 'act.valid' },
      { format: 'feed', text: 'Drei Blicke auf den See\n#bodensee', media: [photo(0), photo(1), photo(2)] },
      { privacyLevel: 'MUTUAL_FOLLOW_FRIENDS' },
    );
    const upload = [...state.uploads.values()].at(-1);
    expect(upload?.photos).toEqual([photo(0).url, photo(1).url, photo(2).url]);
    expect(state.published.at(-1)).toMatchObject({
      postId: result.externalId,
      title: 'Drei Blicke auf den See',
    });
  });

  it('keeps the publish id while the post awaits moderation, and resolves the post id once it is public', async () => {
    const account = { externalId: 'sandbox-open-id', accessToken: 'act.valid' };
    state.withholdPostIds = true;
    const result = await adapter().publish(
      account,
      { format: 'reel', text: 'Moderiert', media: [video(1 * MB)] },
      { privacyLevel: 'PUBLIC_TO_EVERYONE' },
    );
    expect(result.externalId).toMatch(/^v_pub_/);
    expect(await adapter().resolvePostId(account, result.externalId)).toBeNull();
    state.withholdPostIds = false;
    expect(await adapter().resolvePostId(account, result.externalId)).toBe(state.published.at(-1)?.postId);
  });
});
