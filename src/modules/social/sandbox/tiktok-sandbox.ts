import { randomBytes } from 'node:crypto';
import formbody from '@fastify/formbody';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { sandboxFigure, sandboxPostFigures } from './sandbox-metrics.js';

const MB = 1024 * 1024;

/**
 * A local stand-in for TikTok's Content Posting API with its documented rules: bearer tokens,
 * the `{data, error: {code, message, log_id}}` envelope, chunk sizes of 5–64 MB with
 * `total_chunk_count = floor(video_size / chunk_size)`, sequential `Content-Range` uploads,
 * `status/fetch` moving from PROCESSING_UPLOAD to PUBLISH_COMPLETE, and rotating refresh tokens.
 */
export interface TikTokSandboxState {
  uploads: Map<
    string,
    {
      size: number;
      chunkSize: number;
      chunks: number;
      received: number;
      ranges: string[];
      polls: number;
      title: string;
      privacyLevel?: string;
      /** Photo posts: the addresses TikTok pulls the images from. */
      photos?: string[];
    }
  >;
  published: { publishId: string; postId: string; title: string; bytes: number }[];
  refreshTokens: Set<string>;
  /** A post is public only after moderation: until then status/fetch gives no post id. */
  withholdPostIds: boolean;
}

export function createTikTokSandboxState(): TikTokSandboxState {
  return { uploads: new Map(), published: [], refreshTokens: new Set(['refresh-1']), withholdPostIds: false };
}

const envelope = (reply: FastifyReply, status: number, code: string, message: string) =>
  reply.status(status).send({ data: {}, error: { code, message, log_id: randomBytes(8).toString('hex') } });

export const tiktokSandbox: FastifyPluginAsync<{ state: TikTokSandboxState }> = async (app, { state }) => {
  await app.register(formbody);
  app.addContentTypeParser('video/mp4', { parseAs: 'buffer', bodyLimit: 130 * MB }, (_r, body, done) =>
    done(null, body),
  );
  const authorised = (request: FastifyRequest, reply: FastifyReply) => {
    const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!token || token.startsWith('expired')) {
      void envelope(
        reply,
        401,
        'access_token_invalid',
        'The access token is invalid or not found in the request.',
      );
      return false;
    }
    return true;
  };

  app.post('/v2/oauth/token/', async (request, reply) => {
    const body = request.body as Record<string, string>;
    if (!body.client_key || !body.client_secret)
      return reply
        .status(401)
        .send({ error: 'invalid_client', error_description: 'Client key or secret is invalid.' });
    if (
      body.grant_type === 'authorization_code' &&
      body.code?.startsWith('sandbox-code') &&
      body.redirect_uri
    ) {
      const refresh = `refresh-${randomBytes(4).toString('hex')}`;
      state.refreshTokens.add(refresh);
      return {
        access_token: `act.${randomBytes(8).toString('hex')}`,
        expires_in: 86_400,
        refresh_token: refresh,
        refresh_expires_in: 31_536_000,
        open_id: 'sandbox-open-id',
        scope: 'user.info.basic,video.publish',
        token_type: 'Bearer',
      };
    }
    if (body.grant_type !== 'refresh_token' || !state.refreshTokens.has(body.refresh_token ?? ''))
      return reply
        .status(400)
        .send({ error: 'invalid_grant', error_description: 'Refresh token is invalid or expired.' });
    state.refreshTokens.delete(body.refresh_token ?? '');
    const next = `refresh-${randomBytes(4).toString('hex')}`;
    state.refreshTokens.add(next);
    return {
      access_token: `act.${randomBytes(8).toString('hex')}`,
      expires_in: 86_400,
      refresh_token: next,
      refresh_expires_in: 31_536_000,
      open_id: 'sandbox-open-id',
      scope: 'video.publish',
      token_type: 'Bearer',
    };
  });

  app.post('/v2/video/query/', async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    const ids = (request.body as { filters?: { video_ids?: string[] } }).filters?.video_ids ?? [];
    if (ids.length === 0 || ids.length > 20)
      return envelope(reply, 400, 'invalid_params', 'filters.video_ids needs 1 to 20 ids');
    const fields = String((request.query as { fields?: string }).fields ?? 'id').split(',');
    const videos = ids
      .filter((id) => state.published.some((p) => p.postId === id))
      .map((id) => {
        const f = sandboxPostFigures(id);
        const all: Record<string, string | number> = {
          id,
          view_count: f.impressions,
          like_count: f.likes,
          comment_count: f.comments,
          share_count: f.shares,
        };
        return Object.fromEntries(fields.filter((k) => k in all).map((k) => [k, all[k]]));
      });
    return { data: { videos, cursor: 0, has_more: false }, error: { code: 'ok', message: '', log_id: '' } };
  });

  app.get('/v2/user/info/', async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    return {
      data: {
        user: {
          open_id: 'sandbox-open-id',
          display_name: 'Bodensee Immobilien',
          follower_count: sandboxFigure('tiktok', 'followers', 100, 9000),
        },
      },
      error: { code: 'ok', message: '', log_id: '' },
    };
  });

  app.post('/v2/post/publish/creator_info/query/', async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    return {
      data: {
        creator_avatar_url: 'https://sandbox.local/avatar.jpg',
        creator_username: 'bodensee.immobilien',
        creator_nickname: 'Bodensee Immobilien',
        privacy_level_options: ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'],
        comment_disabled: false,
        duet_disabled: true,
        stitch_disabled: true,
        max_video_post_duration_sec: 600,
      },
      error: { code: 'ok', message: '', log_id: randomBytes(8).toString('hex') },
    };
  });

  app.post('/v2/post/publish/video/init/', async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    const body = request.body as {
      post_info?: { title?: string; privacy_level?: string };
      source_info?: { source?: string; video_size?: number; chunk_size?: number; total_chunk_count?: number };
    };
    const src = body.source_info ?? {};
    const size = src.video_size ?? 0;
    const chunk = src.chunk_size ?? 0;
    const small = size < 5 * MB;
    const validChunk = small ? chunk === size : chunk >= 5 * MB && chunk <= 64 * MB;
    if (
      src.source !== 'FILE_UPLOAD' ||
      !validChunk ||
      src.total_chunk_count !== (small ? 1 : Math.floor(size / chunk))
    )
      return envelope(
        reply,
        400,
        'invalid_params',
        'The chunk size or total_chunk_count does not follow the media transfer rules.',
      );
    const publishId = `v_pub_file~v2-1.${randomBytes(8).toString('hex')}`;
    state.uploads.set(publishId, {
      size,
      chunkSize: chunk,
      chunks: src.total_chunk_count ?? 1,
      received: 0,
      ranges: [],
      polls: 0,
      title: body.post_info?.title ?? '',
      privacyLevel: body.post_info?.privacy_level,
    });
    const origin = `${request.protocol}://${request.headers.host}${request.url.slice(0, request.url.indexOf('/v2/'))}`;
    return {
      data: {
        publish_id: publishId,
        upload_url: `${origin}/upload/?upload_id=${encodeURIComponent(publishId)}`,
      },
      error: { code: 'ok', message: '', log_id: 'x' },
    };
  });

  // Photo posts: TikTok pulls the images from the given (verified-domain) URLs.
  app.post('/v2/post/publish/content/init/', async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    const body = request.body as {
      media_type?: string;
      post_mode?: string;
      post_info?: { title?: string; privacy_level?: string };
      source_info?: { source?: string; photo_images?: string[]; photo_cover_index?: number };
    };
    const photos = body.source_info?.photo_images ?? [];
    if (
      body.media_type !== 'PHOTO' ||
      !['DIRECT_POST', 'MEDIA_UPLOAD'].includes(body.post_mode ?? '') ||
      body.source_info?.source !== 'PULL_FROM_URL' ||
      photos.length === 0 ||
      photos.length > 35 ||
      !body.post_info?.privacy_level
    )
      return envelope(
        reply,
        400,
        'invalid_params',
        'media_type, post_mode, source_info or privacy_level invalid',
      );
    const publishId = `p_pub_url~v2.${randomBytes(8).toString('hex')}`;
    state.uploads.set(publishId, {
      size: 1,
      chunkSize: 1,
      chunks: 1,
      received: 1,
      ranges: [],
      polls: 0,
      title: body.post_info?.title ?? '',
      photos,
    });
    return { data: { publish_id: publishId }, error: { code: 'ok', message: '', log_id: 'x' } };
  });

  app.put('/upload/', async (request, reply) => {
    const upload = state.uploads.get((request.query as { upload_id?: string }).upload_id ?? '');
    if (!upload) return reply.status(404).send();
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(request.headers['content-range'] ?? ''));
    const body = request.body as Buffer;
    if (
      !range ||
      Number(range[1]) !== upload.received ||
      Number(range[3]) !== upload.size ||
      Number(range[2]) - Number(range[1]) + 1 !== body.length
    )
      return reply.status(416).send();
    upload.received += body.length;
    upload.ranges.push(range[0] as string);
    return reply.status(upload.received === upload.size ? 201 : 206).send();
  });

  app.post('/v2/post/publish/status/fetch/', async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    const publishId = (request.body as { publish_id?: string }).publish_id ?? '';
    const upload = state.uploads.get(publishId);
    if (!upload) return envelope(reply, 400, 'invalid_publish_id', 'publish_id does not exist');
    upload.polls++;
    let status = 'PROCESSING_UPLOAD';
    const data: Record<string, unknown> = { uploaded_bytes: upload.received };
    if (upload.received === upload.size)
      status = upload.polls < 2 ? 'PROCESSING_DOWNLOAD' : 'PUBLISH_COMPLETE';
    if (status === 'PUBLISH_COMPLETE') {
      let post = state.published.find((p) => p.publishId === publishId);
      if (!post) {
        post = {
          publishId,
          postId: String(7_300_000_000_000_000_000n + BigInt(state.published.length)),
          title: upload.title,
          bytes: upload.received,
        };
        state.published.push(post);
      }
      if (!state.withholdPostIds) data.publicaly_available_post_id = [post.postId];
    }
    return { data: { status, ...data }, error: { code: 'ok', message: '', log_id: 'x' } };
  });
};
