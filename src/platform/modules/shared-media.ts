import type { TenantRequestContext } from '../http/access-control.js';
import { badRequest, forbidden } from '../http/app-error.js';
import type { Platform } from '../kernel.js';

/**
 * A photo or video that one module owns (a listing photo, a rendered reel) and another uses
 * (a social post). Clients name it by `{ source, id }`; the owning module resolves it inside
 * the tenant, so a storage key never comes from a client nor goes back to one.
 */
export interface SharedMediaRef {
  /** `<module>.<kind>`, e.g. `crm.property-media` or `ai.generation-file`. */
  source: string;
  id: string;
}

export interface SharedMedia {
  kind: 'image' | 'video';
  /** Storage key, for the server's eyes only. */
  fileKey: string;
  contentType: string;
  width: number;
  height: number;
  sizeBytes: number;
  durationSeconds?: number;
  altText: string;
  /** Same-origin address where signed-in users see it. */
  previewUrl: string;
}

export interface MediaSource {
  /** Who may use the media: the permission its owning module checks on its own routes. */
  permission: string;
  /** The media, or null when it is not in this tenant (RLS) or not of this source. */
  resolve(platform: Platform, ctx: TenantRequestContext, id: string): Promise<SharedMedia | null>;
  /** What a person may pick from, newest first (a listing's photos, the studio's reels). */
  list(platform: Platform, ctx: TenantRequestContext, filter: MediaFilter): Promise<SharedMediaItem[]>;
}

export interface MediaFilter {
  propertyId?: string;
  limit: number;
}

/** A pickable medium as a client sees it: its reference, never its key. */
export interface SharedMediaItem extends Omit<SharedMedia, 'fileKey'> {
  source: string;
  id: string;
  /** A short description for the picker ("Reel 1080 × 1920", "Grundriss"). */
  label: string;
  isFloorplan: boolean;
}

/** Resolves a client's media reference through the module that owns it, with its permission. */
export async function resolveSharedMedia(
  platform: Platform,
  ctx: TenantRequestContext,
  ref: SharedMediaRef,
): Promise<SharedMedia> {
  for (const server of platform.moduleServers.values()) {
    const source = server.mediaSources?.[ref.source];
    if (!source) continue;
    if (!platform.permissions.allows(ctx.auth.role, source.permission))
      throw forbidden('Sie dürfen dieses Medium nicht verwenden.', {
        permission: source.permission,
        source: ref.source,
      });
    const media = await source.resolve(platform, ctx, ref.id);
    if (media) return media;
    break;
  }
  throw badRequest('unknown_media', 'Mindestens ein gewähltes Medium gibt es in diesem Büro nicht.', {
    source: ref.source,
    id: ref.id,
  });
}

/** Every medium the user may pick, from every enabled module whose permission the role holds. */
export async function listSharedMedia(
  platform: Platform,
  ctx: TenantRequestContext,
  filter: MediaFilter,
): Promise<SharedMediaItem[]> {
  const lists: SharedMediaItem[][] = [];
  for (const server of platform.moduleServers.values())
    for (const source of Object.values(server.mediaSources ?? {}))
      if (platform.permissions.allows(ctx.auth.role, source.permission))
        lists.push(await source.list(platform, ctx, filter));
  return lists.flat();
}
