import { eq } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import sharp from 'sharp';
import { FileNotFoundError } from '../../../platform/files/file-storage.js';
import type { Platform } from '../../../platform/kernel.js';
import { socialTarget, type TargetMedia } from '../schema.js';

const PURPOSE = 'social-media-url';
/** Instagram containers live 24 h and Facebook may process a video after we return: a day covers both. */
export const PUBLIC_MEDIA_TTL_MS = 24 * 60 * 60_000;
/** Only media of a channel that is going out, or just went out, is served. */
const SERVED_STATUSES = new Set(['geplant', 'wird_gesendet', 'wartet_limit', 'veroeffentlicht']);

/** Platforms take JPEG, not our WebP web sizes; videos go as stored. */
export async function platformReadyBytes(
  platform: Platform,
  kind: 'image' | 'video',
  fileKey: string,
): Promise<Buffer> {
  const data = await platform.files.read(fileKey);
  if (kind === 'video') return data;
  const format = (await sharp(data).metadata()).format;
  return format === 'jpeg' ? data : sharp(data).jpeg({ quality: 88, mozjpeg: true }).toBuffer();
}

const messageOf = (tenantId: string, targetId: string, index: number, expires: number) =>
  `${tenantId}:${targetId}:${index}:${expires}`;

/**
 * The unguessable, expiring address a platform fetches a post's photo or video from: no
 * cookie needed, signed with the server's key, valid for one target's one medium until `expires`.
 */
export function publicMediaUrl(
  platform: Platform,
  tenantId: string,
  targetId: string,
  index: number,
  media: TargetMedia,
  now = Date.now(),
): string {
  // Old posts (before media references) kept the public address they were given.
  if (!media.fileKey) return media.url ?? '';
  const expires = Math.floor((now + PUBLIC_MEDIA_TTL_MS) / 1000);
  const tag = platform.secretBox.sign(PURPOSE, messageOf(tenantId, targetId, index, expires));
  const ext = media.kind === 'video' ? 'mp4' : 'jpg';
  return `${platform.publicUrl}/m/${tenantId}/${targetId}/${index}-${expires}-${tag}.${ext}`;
}

/** `/m/…`: serves a post's media to the platforms that fetch it (Instagram, Facebook). */
export const publicMediaRoutes: FastifyPluginAsync<{ platform: Platform }> = async (app, { platform }) => {
  app.get<{ Params: { tenantId: string; targetId: string; file: string } }>(
    '/m/:tenantId/:targetId/:file',
    async (request, reply) => {
      const { tenantId, targetId, file } = request.params;
      const gone = () =>
        reply.status(404).type('text/plain; charset=utf-8').send('Nicht gefunden oder abgelaufen.');
      const match = /^(\d{1,2})-(\d{10})-([A-Za-z0-9_-]{43})\.(jpg|mp4)$/.exec(file);
      if (!match || !/^[0-9a-f-]{36}$/.test(targetId) || !/^[A-Za-z0-9_-]{1,64}$/.test(tenantId))
        return gone();
      const [, indexText = '', expiresText = '', tag = ''] = match;
      const index = Number(indexText);
      const expires = Number(expiresText);
      if (expires * 1000 < Date.now()) return gone();
      if (!platform.secretBox.verify(PURPOSE, messageOf(tenantId, targetId, index, expires), tag))
        return gone();
      const [target] = await platform.database.withTenant(tenantId, (tx) =>
        tx
          .select({ media: socialTarget.media, status: socialTarget.status })
          .from(socialTarget)
          .where(eq(socialTarget.id, targetId)),
      );
      const media = target && SERVED_STATUSES.has(target.status) ? target.media[index] : undefined;
      if (!media?.fileKey) return gone();
      try {
        const body = await platformReadyBytes(platform, media.kind, media.fileKey);
        return reply
          .type(media.kind === 'video' ? (media.contentType ?? 'video/mp4') : 'image/jpeg')
          .header('cache-control', 'private, max-age=3600')
          .header('x-robots-tag', 'noindex')
          .send(body);
      } catch (error) {
        if (error instanceof FileNotFoundError) return gone();
        throw error;
      }
    },
  );
};
