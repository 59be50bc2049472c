import { z } from 'zod';
import type { TenantRequestContext } from '../../../platform/http/access-control.js';
import type { Platform } from '../../../platform/kernel.js';
import { resolveSharedMedia, type SharedMedia } from '../../../platform/modules/shared-media.js';
import type { TargetMedia } from '../schema.js';

/**
 * A photo or video of a post, named by the module that owns it (`crm.property-media`,
 * `ai.generation-file`); never by a storage key or an address the client chose.
 */
export const mediaRefBody = z
  .object({
    source: z
      .string()
      .max(60)
      .regex(/^[a-z0-9]+\.[a-z0-9-]+$/, 'Unbekannte Medienquelle.'),
    id: z.string().min(1).max(120),
    altText: z.string().max(1000).optional(),
  })
  .strict();
export type MediaRefBody = z.infer<typeof mediaRefBody>;

export const refKey = (ref: { source: string; id: string }) => `${ref.source}:${ref.id}`;

/**
 * Resolves every media reference of a post once, through its owning module and that module's
 * permission, before the write transaction opens (resolvers run queries of their own).
 */
export async function resolvePostMedia(
  platform: Platform,
  ctx: TenantRequestContext,
  refs: MediaRefBody[],
): Promise<Map<string, SharedMedia>> {
  const resolved = new Map<string, SharedMedia>();
  for (const ref of refs) {
    const key = refKey(ref);
    if (!resolved.has(key)) resolved.set(key, await resolveSharedMedia(platform, ctx, ref));
  }
  return resolved;
}

/** What a target stores of a resolved medium: the key stays on the server. */
export function targetMediaOf(ref: MediaRefBody, media: SharedMedia): TargetMedia {
  return {
    kind: media.kind,
    source: ref.source,
    sourceId: ref.id,
    fileKey: media.fileKey,
    contentType: media.contentType,
    previewUrl: media.previewUrl,
    altText: ref.altText ?? media.altText,
    width: media.width,
    height: media.height,
    sizeBytes: media.sizeBytes,
    durationSeconds: media.durationSeconds,
  };
}

/** The API's view of a stored medium: its reference and where signed-in users see it. */
export const mediaView = (m: TargetMedia) => ({
  kind: m.kind,
  source: m.source ?? 'link',
  id: m.sourceId ?? m.url ?? '',
  previewUrl: m.previewUrl ?? m.url ?? null,
  altText: m.altText ?? '',
  width: m.width ?? null,
  height: m.height ?? null,
});
