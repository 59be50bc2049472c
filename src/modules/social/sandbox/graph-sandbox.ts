import { createHmac, randomBytes } from 'node:crypto';
import formbody from '@fastify/formbody';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { sandboxFigure, sandboxPostFigures } from './sandbox-metrics.js';

/**
 * A local stand-in for the Facebook/Instagram Graph API, following the documented contract:
 * tokens as `access_token`, errors as `{error: {code, error_subcode, type, message}}`,
 * throttling with `X-Business-Use-Case-Usage`, containers that move through
 * IN_PROGRESS → FINISHED/ERROR/EXPIRED. What happens is driven by the media URL:
 * "langsam" takes two polls, "defekt" fails, "veraltet" expires once. With `fetchMedia` set, it
 * downloads every image_url/video_url as Meta's servers do (no cookies) and fails the
 * container when that download fails.
 */
export interface GraphSandboxState {
  posts: {
    id: string;
    target: string;
    kind: 'feed' | 'photo' | 'video' | 'instagram';
    params: Record<string, string>;
    createdAt: number;
  }[];
  containers: Map<
    string,
    { owner: string; params: Record<string, string>; polls: number; script: string[]; createdAt: number }
  >;
  /** The next n create calls make their post and then answer 500 (Graph error code 2), as Meta sometimes does. */
  failAfterCreate: number;
  /** The next `times` create calls on `edge` (feed, photos, videos, media_publish) fail with a 500 before anything is made. */
  failBeforeCreate: { edge: string; times: number } | null;
  /** How long a video container stays IN_PROGRESS, by `now()`; 0 = the URL-driven scripts. */
  videoProcessingMs: number;
  now: () => number;
  throttleNext: number;
  regainMinutes: number;
  quotaUsage: number;
  /** Instagram's documented 100 posts per 24 h; benchmarks may lift it, and say so. */
  quotaTotal: number;
  requests: number;
  comments: { id: string; on: string; message: string }[];
  /** How Meta's servers fetch media; unset, media URLs are taken on trust. */
  fetchMedia?: (url: string) => Promise<{ status: number; contentType: string; bytes: number }>;
  fetched: { url: string; status: number; contentType: string; bytes: number }[];
  /** Set: the app "requires app secret", and calls with a token must carry a valid appsecret_proof. */
  appSecret?: string;
}

export function createGraphSandboxState(): GraphSandboxState {
  return {
    posts: [],
    containers: new Map(),
    throttleNext: 0,
    regainMinutes: 2,
    quotaUsage: 0,
    quotaTotal: 100,
    requests: 0,
    comments: [],
    fetched: [],
    failAfterCreate: 0,
    failBeforeCreate: null,
    videoProcessingMs: 0,
    now: Date.now,
  };
}

const graphError = (reply: FastifyReply, status: number, code: number, message: string, subcode?: number) =>
  reply.status(status).send({
    error: {
      message,
      type: code === 190 ? 'OAuthException' : 'GraphMethodException',
      code,
      error_subcode: subcode,
      fbtrace_id: randomBytes(6).toString('hex'),
    },
  });

function scriptFor(url: string, expiredOnce: Set<string>): string[] {
  if (url.includes('defekt')) return ['IN_PROGRESS', 'ERROR'];
  if (url.includes('veraltet') && !expiredOnce.has(url)) {
    expiredOnce.add(url);
    return ['EXPIRED'];
  }
  if (url.includes('langsam')) return ['IN_PROGRESS', 'IN_PROGRESS', 'FINISHED'];
  return ['IN_PROGRESS', 'FINISHED'];
}

export const graphSandbox: FastifyPluginAsync<{ state: GraphSandboxState }> = async (app, { state }) => {
  await app.register(formbody);
  /** Records a post as Meta would have made it, stamped with the sandbox clock. */
  const record = (
    id: string,
    target: string,
    kind: GraphSandboxState['posts'][number]['kind'],
    params: Record<string, string>,
  ) => state.posts.push({ id, target, kind, params, createdAt: state.now() });
  const createdThenMaybeFail = (reply: FastifyReply, body: unknown) => {
    if (state.failAfterCreate <= 0) return body;
    state.failAfterCreate--;
    return graphError(reply, 500, 2, 'An unexpected error has occurred. Please retry your request later.');
  };
  const listPosts = (owner: string, kind: 'feed' | 'video' | 'instagram', query: Record<string, string>) => {
    const since = Number(query.since ?? 0) * 1000;
    const limit = Math.min(Number(query.limit ?? 25), 100);
    // Cursor pagination as Graph documents it: an opaque `after` cursor, and `next` only while
    // more follows (developers.facebook.com/docs/graph-api/results).
    const offset = query.after ? Number(Buffer.from(query.after, 'base64url').toString()) : 0;
    const matching = state.posts
      .filter((p) => p.target === owner && p.kind === kind && p.createdAt >= since)
      .reverse();
    const end = offset + limit;
    const cursor = (n: number) => Buffer.from(String(n)).toString('base64url');
    const data = matching.slice(offset, end).map((p) =>
      kind === 'instagram'
        ? {
            id: p.id,
            caption: p.params.caption,
            timestamp: new Date(p.createdAt).toISOString(),
            permalink: `https://sandbox.local/p/${p.id}`,
          }
        : {
            id: p.id,
            [kind === 'video' ? 'description' : 'message']:
              kind === 'video' ? p.params.description : p.params.message,
            created_time: new Date(p.createdAt).toISOString(),
          },
    );
    return {
      data,
      paging: {
        cursors: { before: cursor(offset), after: cursor(end) },
        ...(end < matching.length
          ? { next: `https://graph.facebook.com/${owner}?after=${cursor(end)}` }
          : {}),
      },
    };
  };
  const expiredOnce = new Set<string>();
  const usedCodes = new Set<string>();
  const newId = () => String(17_000_000_000_000 + Math.floor(Math.random() * 1e12));
  type Req = {
    Params: { version: string; id: string };
    Querystring: Record<string, string>;
    Body: Record<string, string>;
  };

  app.addHook('preHandler', async (request, reply) => {
    if (request.url.startsWith('/__sandbox')) return;
    state.requests++;
    const failing = state.failBeforeCreate;
    if (
      request.method === 'POST' &&
      failing &&
      failing.times > 0 &&
      request.url.split('?')[0]?.endsWith(`/${failing.edge}`)
    ) {
      failing.times--;
      return graphError(reply, 500, 2, 'An unexpected error has occurred. Please retry your request later.');
    }
    const params = {
      ...(request.query as Record<string, string>),
      ...((request.body as Record<string, string>) ?? {}),
    };
    if (state.throttleNext > 0) {
      state.throttleNext--;
      reply.header(
        'x-business-use-case-usage',
        JSON.stringify({
          sandbox: [
            {
              type: 'instagram',
              call_count: 100,
              total_cputime: 40,
              total_time: 60,
              estimated_time_to_regain_access: state.regainMinutes,
            },
          ],
        }),
      );
      return graphError(reply, 429, 80002, 'There have been too many calls to this Instagram account.');
    }
    if (
      !request.url.includes('/oauth/') &&
      (!params.access_token || params.access_token.startsWith('expired'))
    )
      return graphError(reply, 401, 190, 'Error validating access token: Session has expired.', 463);
    if (state.appSecret && params.access_token && !request.url.includes('/oauth/')) {
      const expected = createHmac('sha256', state.appSecret).update(params.access_token).digest('hex');
      if (params.appsecret_proof !== expected)
        return graphError(reply, 400, 100, 'API calls from the server require an appsecret_proof argument');
    }
  });

  app.get<Req>('/:version/oauth/access_token', async (request, reply) => {
    const q = request.query;
    if (q.code !== undefined) {
      // Authorization code exchange: the code is single-use and bound to the redirect URI.
      if (!q.client_id || !q.client_secret || !q.redirect_uri)
        return graphError(reply, 400, 100, 'Missing client_id, client_secret or redirect_uri');
      if (!q.code.startsWith('sandbox-code') || usedCodes.has(q.code))
        return graphError(reply, 400, 100, 'This authorization code has been used.', 36009);
      usedCodes.add(q.code);
      return {
        access_token: `short-${randomBytes(8).toString('hex')}`,
        token_type: 'bearer',
        expires_in: 5400,
      };
    }
    if (q.grant_type !== 'fb_exchange_token' || !q.fb_exchange_token)
      return graphError(reply, 400, 100, 'Invalid parameter');
    return {
      access_token: `fresh-${randomBytes(8).toString('hex')}`,
      token_type: 'bearer',
      expires_in: 5_184_000,
    };
  });

  // Two pages of Pages, so clients must follow the cursor; the first is linked to Instagram.
  app.get<Req>('/:version/me/accounts', async (request) => {
    const pages = [
      {
        id: '104000000000001',
        name: 'Bodensee Immobilien',
        access_token: `page-${randomBytes(6).toString('hex')}`,
        instagram_business_account: { id: '17841400000000001', username: 'bodensee.immobilien' },
      },
      {
        id: '104000000000002',
        name: 'Bodensee Immobilien – Gewerbe',
        access_token: `page-${randomBytes(6).toString('hex')}`,
      },
    ];
    const index = request.query.after === 'cursor-2' ? 1 : 0;
    const page = pages[index];
    return {
      data: page ? [page] : [],
      paging:
        index === 0
          ? { cursors: { before: 'cursor-1', after: 'cursor-2' }, next: 'https://sandbox.local/next' }
          : { cursors: { before: 'cursor-2', after: 'cursor-2' } },
    };
  });

  app.get<Req>('/:version/:id/content_publishing_limit', async () => ({
    data: [
      { quota_usage: state.quotaUsage, config: { quota_total: state.quotaTotal, quota_duration: 86_400 } },
    ],
  }));

  app.post<Req>('/:version/:id/media', async (request, reply) => {
    const body = request.body;
    if (body.media_type === 'CAROUSEL') {
      const children = (body.children ?? '').split(',').filter(Boolean);
      if (children.length < 2 || children.length > 10)
        return graphError(reply, 400, 100, 'Carousel needs 2 to 10 children');
      if (children.some((c) => state.containers.get(c)?.script.at(-1) !== 'FINISHED'))
        return graphError(reply, 400, 9007, 'Media ID is not available', 2207027);
    } else if (!body.image_url && !body.video_url)
      return graphError(reply, 400, 100, 'image_url or video_url is required');
    if ((body.caption ?? '').length > 2200)
      return graphError(reply, 400, 100, 'The caption is too long', 2207010);
    const id = newId();
    const url = body.image_url ?? body.video_url ?? 'carousel';
    let script = scriptFor(url, expiredOnce);
    if (state.fetchMedia && url !== 'carousel') {
      const got = await state.fetchMedia(url);
      state.fetched.push({ url, ...got });
      const expected = body.video_url ? /^video\// : /^image\/jpeg/;
      if (got.status !== 200 || !expected.test(got.contentType) || got.bytes === 0) script = ['ERROR'];
    }
    state.containers.set(id, {
      owner: request.params.id,
      params: body,
      polls: 0,
      script,
      createdAt: state.now(),
    });
    return { id };
  });

  app.post<Req>('/:version/:id/media_publish', async (request, reply) => {
    const container = state.containers.get(request.body.creation_id ?? '');
    if (!container || container.owner !== request.params.id)
      return graphError(reply, 400, 100, 'Invalid creation_id');
    const current = container.script[Math.min(container.polls, container.script.length) - 1];
    if (current !== 'FINISHED') return graphError(reply, 400, 9007, 'Media ID is not available', 2207027);
    container.script.push('PUBLISHED');
    container.polls = container.script.length;
    state.quotaUsage++;
    const id = newId();
    record(id, request.params.id, 'instagram', container.params);
    return createdThenMaybeFail(reply, { id });
  });

  app.post<Req>('/:version/:id/photos', async (request, reply) => {
    const id = newId();
    record(id, request.params.id, 'photo', request.body);
    return createdThenMaybeFail(
      reply,
      request.body.published === 'false' ? { id } : { id, post_id: `${request.params.id}_${id}` },
    );
  });

  app.post<Req>('/:version/:id/videos', async (request, reply) => {
    const id = newId();
    record(id, request.params.id, 'video', request.body);
    return createdThenMaybeFail(reply, { id });
  });

  // Read-backs (Pages feed and videos, Instagram media), newest first, as the publisher reconciles.
  app.get<Req>('/:version/:id/feed', async (request) => listPosts(request.params.id, 'feed', request.query));
  app.get<Req>('/:version/:id/videos', async (request) =>
    listPosts(request.params.id, 'video', request.query),
  );
  app.get<Req>('/:version/:id/media', async (request) =>
    listPosts(request.params.id, 'instagram', request.query),
  );

  app.post<Req>('/:version/:id/feed', async (request, reply) => {
    if (!request.body.message && !request.body.link)
      return graphError(reply, 400, 100, 'message or link required');
    const id = `${request.params.id}_${newId()}`;
    record(id, request.params.id, 'feed', request.body);
    return createdThenMaybeFail(reply, { id });
  });

  app.post<Req>('/:version/:id/comments', async (request, reply) => {
    if (!state.posts.some((p) => p.id === request.params.id))
      return graphError(reply, 400, 100, 'Unsupported post request. Object does not exist');
    if (!request.body.message) return graphError(reply, 400, 100, 'message is required');
    const id = `${request.params.id.split('_').at(-1)}_${newId()}`;
    state.comments.push({ id, on: request.params.id, message: request.body.message });
    return { id };
  });

  app.get<Req>('/:version/:id/video_insights', async (request, reply) => {
    const post = state.posts.find((p) => p.id === request.params.id && p.kind === 'video');
    if (!post) return graphError(reply, 400, 100, 'Unsupported get request. Object does not exist');
    const f = sandboxPostFigures(post.id);
    const known: Record<string, number> = {
      total_video_views: f.impressions,
      total_video_impressions: f.impressions,
      total_video_impressions_unique: f.reach,
    };
    const metrics = (request.query.metric ?? '').split(',').filter(Boolean);
    const unknown = metrics.find((m) => !(m in known));
    if (metrics.length === 0 || unknown) return graphError(reply, 400, 100, '(#100) Invalid metric');
    return {
      data: metrics.map((name) => ({ name, period: 'lifetime', values: [{ value: known[name] }] })),
    };
  });

  app.get<Req>('/:version/:id/insights', async (request, reply) => {
    const post = state.posts.find((p) => p.id === request.params.id);
    if (!post) return graphError(reply, 400, 100, 'Unsupported get request. Object does not exist');
    // A Page video is a Video node: its numbers live on `video_insights`.
    if (post.kind === 'video')
      return graphError(
        reply,
        400,
        100,
        '(#100) Tried accessing nonexisting field (insights) on node type (Video)',
      );
    const requested = (request.query.metric ?? '').split(',');
    if (post.params.media_type === 'STORIES') {
      const unsupported = requested.find((m) => ['likes', 'comments', 'saved'].includes(m));
      if (unsupported)
        return graphError(
          reply,
          400,
          100,
          `(#100) The Media Insights API does not support the ${unsupported} metric for this media product type.`,
        );
    }
    const f = sandboxPostFigures(post.id);
    const known: Record<string, number> = {
      post_media_view: f.impressions,
      post_total_media_view_unique: f.reach,
      post_clicks: f.clicks,
      views: f.impressions,
      reach: f.reach,
      likes: f.likes,
      comments: f.comments,
      shares: f.shares,
      saved: f.saves,
      total_interactions: f.likes + f.comments + f.shares + f.saves,
      replies: f.comments,
    };
    const metrics = (request.query.metric ?? '').split(',').filter(Boolean);
    const unknown = metrics.find((m) => !(m in known));
    if (metrics.length === 0 || unknown)
      return graphError(
        reply,
        400,
        100,
        `(#100) The value must be a valid insights metric${unknown ? `: ${unknown}` : ''}`,
      );
    return {
      data: metrics.map((name) => ({
        name,
        period: 'lifetime',
        values: [{ value: known[name] }],
        id: `${post.id}/insights/${name}/lifetime`,
      })),
    };
  });

  app.get<Req>('/:version/:id', async (request, reply) => {
    const container = state.containers.get(request.params.id);
    if (container) {
      container.polls++;
      const processing =
        state.videoProcessingMs > 0 &&
        container.params.video_url &&
        container.script.at(-1) === 'FINISHED' &&
        state.now() < container.createdAt + state.videoProcessingMs;
      if (processing) container.polls = 0;
      const status = processing
        ? 'IN_PROGRESS'
        : container.script[Math.min(Math.max(container.polls, 1), container.script.length) - 1];
      return {
        id: request.params.id,
        status_code: status,
        status: status === 'ERROR' ? 'Error: 2207003' : undefined,
      };
    }
    const post = state.posts.find((p) => p.id === request.params.id);
    const fields = request.query.fields ?? '';
    if (!post && fields === 'followers_count')
      return {
        id: request.params.id,
        followers_count: sandboxFigure(request.params.id, 'followers', 800, 12_000),
      };
    if (!post) return graphError(reply, 404, 100, 'Unsupported get request. Object does not exist');
    if (fields.includes('reactions')) {
      const f = sandboxPostFigures(post.id);
      return {
        id: post.id,
        reactions: { data: [], summary: { total_count: f.likes } },
        comments: {
          data: [],
          summary: { total_count: f.comments + state.comments.filter((c) => c.on === post.id).length },
        },
        shares: { count: f.shares },
      };
    }
    return { id: post.id, permalink: `https://sandbox.local/p/${post.id}` };
  });

  app.get('/__sandbox/state', async () => ({
    posts: state.posts,
    requests: state.requests,
    quotaUsage: state.quotaUsage,
  }));
};
