import { randomBytes } from 'node:crypto';
import formbody from '@fastify/formbody';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { sandboxFigure, sandboxPostFigures } from './sandbox-metrics.js';

/**
 * A local stand-in for LinkedIn's versioned REST API: requires `LinkedIn-Version` and
 * `X-Restli-Protocol-Version: 2.0.0`, answers errors as `{status, serviceErrorCode, code,
 * message}`, hands out image upload URLs, and returns the new post's URN in `x-restli-id`.
 */
export interface LinkedInSandboxState {
  images: Map<string, { owner: string; bytes: number }>;
  posts: { id: string; body: Record<string, unknown>; createdAt: number }[];
  /** The next n post creations are stored and then answered by a gateway's HTML 500 page. */
  failAfterCreate: number;
  /** Versions LinkedIn has sunset (migrations page): calls with them answer 426. */
  retiredVersions: Set<string>;
  comments: { id: string; on: string; actor: string; text: string }[];
  throttleNext: number;
}

export function createLinkedInSandboxState(): LinkedInSandboxState {
  return {
    images: new Map(),
    posts: [],
    comments: [],
    throttleNext: 0,
    failAfterCreate: 0,
    retiredVersions: new Set(['202409', '202410', '202411', '202501', '202503', '202507']),
  };
}

export const linkedinSandbox: FastifyPluginAsync<{ state: LinkedInSandboxState }> = async (
  app,
  { state },
) => {
  await app.register(formbody);
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: 40 * 1024 * 1024 },
    (_r, body, done) => done(null, body),
  );
  const fail = (reply: FastifyReply, status: number, code: string, message: string, serviceErrorCode = 0) =>
    reply.status(status).send({ status, serviceErrorCode, code, message });
  const guard = (request: FastifyRequest, reply: FastifyReply): boolean => {
    const token = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!token || token.startsWith('expired')) {
      void fail(reply, 401, 'EXPIRED_ACCESS_TOKEN', 'The token used in the request has expired', 65601);
      return false;
    }
    if (state.throttleNext > 0) {
      state.throttleNext--;
      reply.header('retry-after', '60');
      void fail(reply, 429, 'TOO_MANY_REQUESTS', 'Resource level throttle limit reached');
      return false;
    }
    if (
      !request.url.includes('/upload/') &&
      (!/^\d{6}$/.test(String(request.headers['linkedin-version'] ?? '')) ||
        request.headers['x-restli-protocol-version'] !== '2.0.0')
    ) {
      void fail(reply, 426, 'NONEXISTENT_VERSION', 'Requested version is not active');
      return false;
    }
    const version = String(request.headers['linkedin-version'] ?? '');
    if (!request.url.includes('/upload/') && state.retiredVersions.has(version)) {
      void fail(reply, 426, 'NONEXISTENT_VERSION', `Requested version ${version} is not active`);
      return false;
    }
    return true;
  };

  app.post('/rest/images', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    if ((request.query as { action?: string }).action !== 'initializeUpload')
      return fail(reply, 400, 'ILLEGAL_ARGUMENT', 'Unknown action');
    const owner =
      (request.body as { initializeUploadRequest?: { owner?: string } }).initializeUploadRequest?.owner ?? '';
    if (!owner.startsWith('urn:li:organization:'))
      return fail(reply, 422, 'INVALID_OWNER', 'owner must be an organization URN');
    const image = `urn:li:image:${randomBytes(8).toString('hex')}`;
    state.images.set(image, { owner, bytes: 0 });
    // Mounted under a prefix in the app sandbox: the upload URL keeps whatever precedes /rest.
    const origin = `${request.protocol}://${request.headers.host}${request.url.slice(0, request.url.indexOf('/rest/'))}`;
    return {
      value: {
        uploadUrlExpiresAt: Date.now() + 86_400_000,
        uploadUrl: `${origin}/upload/${encodeURIComponent(image)}`,
        image,
      },
    };
  });

  app.put<{ Params: { image: string } }>('/upload/:image', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const image = state.images.get(request.params.image);
    if (!image) return reply.status(404).send();
    image.bytes = (request.body as Buffer).length;
    return reply.status(201).send();
  });

  app.post('/rest/posts', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const body = request.body as Record<string, unknown>;
    if (typeof body.commentary === 'string' && body.commentary.length > 3000)
      return fail(reply, 422, 'INVALID_CONTENT', 'commentary exceeds 3000 characters');
    const content = body.content as
      | { media?: { id?: string }; multiImage?: { images?: { id: string }[] } }
      | undefined;
    const ids = [content?.media?.id, ...(content?.multiImage?.images?.map((i) => i.id) ?? [])].filter(
      Boolean,
    ) as string[];
    if (ids.some((id) => !state.images.get(id)?.bytes))
      return fail(reply, 422, 'INVALID_MEDIA', 'Image has not been uploaded');
    const id = `urn:li:share:${7_000_000_000_000_000_000n + BigInt(state.posts.length)}`;
    state.posts.push({ id, body, createdAt: Date.now() });
    if (state.failAfterCreate > 0) {
      state.failAfterCreate--;
      return reply
        .status(502)
        .type('text/html')
        .send('<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>');
    }
    return reply.status(201).header('x-restli-id', id).send();
  });

  // Posts API "find posts by author", newest first.
  app.get('/rest/posts', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const q = request.query as Record<string, string>;
    if (q.q !== 'author' || !q.author)
      return fail(reply, 400, 'ILLEGAL_ARGUMENT', 'q=author&author= required');
    // Offset paging as the Posts API documents it: `start` and `count` (at most 100).
    const start = Number(q.start ?? 0);
    const count = Math.min(Number(q.count ?? 10), 100);
    const elements = state.posts
      .filter((p) => p.body.author === q.author)
      .reverse()
      .slice(start, start + count)
      .map((p) => ({
        id: p.id,
        author: p.body.author,
        commentary: p.body.commentary,
        createdAt: p.createdAt,
        publishedAt: p.createdAt,
        lifecycleState: 'PUBLISHED',
      }));
    return { paging: { start, count: elements.length }, elements };
  });

  app.post<{ Params: { urn: string } }>('/rest/socialActions/:urn/comments', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const body = request.body as { actor?: string; object?: string; message?: { text?: string } };
    if (!state.posts.some((p) => p.id === request.params.urn) || body.object !== request.params.urn)
      return fail(reply, 404, 'NOT_FOUND', 'The post does not exist');
    if (!body.actor?.startsWith('urn:li:organization:') || !body.message?.text)
      return fail(reply, 422, 'INVALID_COMMENT', 'actor and message.text are required');
    const id = `${7_100_000_000_000_000_000n + BigInt(state.comments.length)}`;
    state.comments.push({ id, on: request.params.urn, actor: body.actor, text: body.message.text });
    return reply
      .status(201)
      .header('x-restli-id', `urn:li:comment:(${request.params.urn},${id})`)
      .send({ id, actor: body.actor, object: body.object, message: body.message });
  });

  app.get('/rest/organizationalEntityShareStatistics', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const query = request.query as Record<string, string>;
    const list = query.shares ?? query.ugcPosts ?? '';
    const match = /^List\((.+)\)$/.exec(list);
    if (query.q !== 'organizationalEntity' || !query.organizationalEntity || !match?.[1])
      return fail(reply, 400, 'ILLEGAL_ARGUMENT', 'q=organizationalEntity with shares=List(...) is required');
    const urns = match[1].split(',').map((u) => decodeURIComponent(u));
    return {
      paging: { start: 0, count: 10, links: [] },
      elements: urns
        .filter((urn) => state.posts.some((p) => p.id === urn))
        .map((urn) => {
          const f = sandboxPostFigures(urn);
          return {
            organizationalEntity: query.organizationalEntity,
            share: urn,
            totalShareStatistics: {
              impressionCount: f.impressions,
              uniqueImpressionsCount: f.reach,
              clickCount: f.clicks,
              likeCount: f.likes,
              commentCount: f.comments + state.comments.filter((c) => c.on === urn).length,
              shareCount: f.shares,
              engagement: (f.clicks + f.likes + f.comments + f.shares) / f.impressions,
            },
          };
        }),
    };
  });

  app.get<{ Params: { urn: string } }>('/rest/networkSizes/:urn', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    if ((request.query as { edgeType?: string }).edgeType !== 'COMPANY_FOLLOWED_BY_MEMBER')
      return fail(reply, 400, 'ILLEGAL_ARGUMENT', 'edgeType must be COMPANY_FOLLOWED_BY_MEMBER');
    return { firstDegreeSize: sandboxFigure(request.params.urn, 'followers', 300, 6000) };
  });

  app.post('/oauth/v2/accessToken', async (request, reply) => {
    const body = request.body as Record<string, string>;
    if (!body.client_id || !body.client_secret)
      return reply
        .status(401)
        .send({ error: 'invalid_client', error_description: 'Client authentication failed' });
    if (
      body.grant_type === 'authorization_code' &&
      body.code?.startsWith('sandbox-code') &&
      body.redirect_uri
    )
      return {
        access_token: `li-${randomBytes(8).toString('hex')}`,
        expires_in: 5_184_000,
        refresh_token: `li-refresh-${randomBytes(4).toString('hex')}`,
        refresh_token_expires_in: 31_536_000,
        scope: 'w_organization_social,r_organization_social,rw_organization_admin',
      };
    if (body.grant_type === 'refresh_token' && body.refresh_token?.startsWith('li-refresh-'))
      return {
        access_token: `li-${randomBytes(8).toString('hex')}`,
        expires_in: 5_184_000,
        refresh_token: body.refresh_token,
        refresh_token_expires_in: 30_000_000,
      };
    return reply
      .status(400)
      .send({ error: 'invalid_grant', error_description: 'The provided authorization grant is invalid' });
  });

  app.get('/rest/organizationAcls', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const q = request.query as Record<string, string>;
    if (q.q !== 'roleAssignee') return fail(reply, 400, 'ILLEGAL_ARGUMENT', 'q=roleAssignee is required');
    const elements = [
      { organization: 'urn:li:organization:104857', role: 'ADMINISTRATOR' },
      { organization: 'urn:li:organization:104858', role: 'CONTENT_ADMINISTRATOR' },
      { organization: 'urn:li:organization:104859', role: 'ANALYST' },
    ]
      .filter((e) => !q.role || e.role === q.role)
      .map((e) => ({ ...e, state: 'APPROVED', roleAssignee: 'urn:li:person:sandbox' }));
    return { paging: { start: 0, count: 100, total: elements.length }, elements };
  });

  app.get<{ Params: { id: string } }>('/rest/organizations/:id', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const names: Record<string, string> = {
      '104857': 'Bodensee Immobilien GmbH',
      '104858': 'Bodensee Immobilien – Neubau',
      '104859': 'Bodensee Immobilien – Verwaltung',
    };
    return {
      id: Number(request.params.id),
      localizedName: names[request.params.id] ?? 'Unbekannte Seite',
      vanityName: 'bodensee-immobilien',
    };
  });
};
