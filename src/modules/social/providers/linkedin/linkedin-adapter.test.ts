import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLinkedInSandboxState,
  type LinkedInSandboxState,
  linkedinSandbox,
} from '../../sandbox/linkedin-sandbox.js';
import type { ProviderError } from '../provider-error.js';
import { LinkedInAdapter } from './linkedin-adapter.js';
import { toLittleText } from './little-text.js';

let sandbox: FastifyInstance;
let state: LinkedInSandboxState;
let linkedin: LinkedInAdapter;
let linkedinBase: string;

beforeAll(async () => {
  state = createLinkedInSandboxState();
  sandbox = Fastify();
  await sandbox.register(linkedinSandbox, { state });
  linkedinBase = await sandbox.listen({ port: 0, host: '127.0.0.1' });
  linkedin = new LinkedInAdapter({ baseUrl: linkedinBase, version: '202607' });
});
afterAll(async () => sandbox?.close());

const org = { externalId: '104857', accessToken: 'li-token' };
const photo = (n: number) => ({
  kind: 'image' as const,
  url: `https://x/${n}.jpg`,
  altText: `Bild ${n}`,
  read: async () => Buffer.alloc(2048, n),
});

describe('LinkedIn Posts API', () => {
  it('escapes little-text markup and links hashtags', () => {
    expect(toLittleText('3 Zi. (85 m²) – #Bodensee @home [neu]')).toBe(
      '3 Zi. \\(85 m²\\) – {hashtag|\\#|Bodensee} \\@home \\[neu\\]',
    );
  });

  it('uploads images via initializeUpload, creates the post and reads its id from x-restli-id', async () => {
    const result = await linkedin.publish(org, {
      format: 'feed',
      text: 'Neu: Villa (Meersburg) #Bodensee',
      media: [photo(1), photo(2)],
    });
    expect(result.externalId).toMatch(/^urn:li:share:\d+$/);
    const post = state.posts.at(-1);
    expect(post?.id).toBe(result.externalId);
    expect(post?.body).toMatchObject({
      author: 'urn:li:organization:104857',
      commentary: 'Neu: Villa \\(Meersburg\\) {hashtag|\\#|Bodensee}',
      lifecycleState: 'PUBLISHED',
      content: { multiImage: { images: [{ altText: 'Bild 1' }, { altText: 'Bild 2' }] } },
    });
    expect([...state.images.values()].every((i) => i.bytes === 2048)).toBe(true);
  });

  it('maps 429 to a rate limit with Retry-After and 401 to auth', async () => {
    state.throttleNext = 1;
    await expect(linkedin.publish(org, { format: 'feed', text: 'x', media: [] })).rejects.toMatchObject({
      kind: 'rate_limit',
      retryAfterSeconds: 60,
    });
    await expect(
      linkedin.publish({ externalId: '1', accessToken: 'expired' }, { format: 'feed', text: 'x', media: [] }),
    ).rejects.toMatchObject({ kind: 'auth', code: 'EXPIRED_ACCESS_TOKEN' });
  });

  it('a retired version (426 NONEXISTENT_VERSION) is named with what to set instead', async () => {
    // LinkedIn's migrations page: 202411 was sunset on 17 November 2025.
    const retired = new LinkedInAdapter({ baseUrl: linkedinBase, version: '202411' });
    const error = await retired
      .publish(org, { format: 'feed', text: 'x', media: [] })
      .catch((e: unknown) => e as ProviderError);
    expect(error).toMatchObject({ kind: 'permanent', code: 'api_version_retired' });
    expect((error as ProviderError).message).toContain('LINKEDIN_API_VERSION');
  });

  it('a gateway’s HTML 502 after the post was made is an unknown outcome, and the post is found by author', async () => {
    state.failAfterCreate = 1;
    const request = { format: 'feed' as const, text: 'Neu: Haus in Lindau #Bodensee', media: [] };
    const error = await linkedin.publish(org, request).catch((e: unknown) => e as ProviderError);
    expect(error).toMatchObject({ kind: 'unknown_outcome' });
    const found = await linkedin.findPublished(org, request, new Date(Date.now() - 60_000));
    expect(found?.externalId).toBe(state.posts.at(-1)?.id);
  });

  it('finds a post below the first page when others were published since', async () => {
    const request = { format: 'feed' as const, text: 'Seegrundstück in Wasserburg', media: [] };
    await linkedin.publish(org, request);
    for (let i = 0; i < 120; i++)
      await linkedin.publish(org, { format: 'feed', text: `Danach ${i}`, media: [] });
    const found = await linkedin.findPublished(org, request, new Date(Date.now() - 60_000));
    const made = state.posts.find((p) => p.body.commentary === toLittleText(request.text));
    expect(found?.externalId).toBe(made?.id);
  });
});
