import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { MediaSource, SharedMedia, SharedMediaItem } from '../../../platform/modules/shared-media.js';
import type { GenerationFile } from '../contract.js';
import { aiGeneration } from '../schema.js';

const SOURCE = 'ai.generation-file';
const ID = /^([0-9a-f-]{36}):(\d{1,2})$/i;

const sharedOf = (generationId: string, index: number, file: GenerationFile): SharedMedia => ({
  kind: file.contentType.startsWith('video/') ? 'video' : 'image',
  fileKey: file.key,
  contentType: file.contentType,
  width: file.width ?? 1080,
  height: file.height ?? 1080,
  sizeBytes: file.sizeBytes,
  durationSeconds: file.durationSeconds,
  altText: file.label,
  previewUrl: `/api/ai/generations/${generationId}/files/${index}`,
});

/** Generated graphics and reels for other modules (social posts): `<generationId>:<fileIndex>`. */
export const generationMediaSource: MediaSource = {
  permission: 'ai.history.read',
  async resolve(_platform, ctx, id) {
    const match = ID.exec(id);
    if (!match) return null;
    const [, generationId = '', index = '0'] = match;
    const [row] = await ctx.db((tx) =>
      tx
        .select({ files: aiGeneration.outputFiles })
        .from(aiGeneration)
        .where(eq(aiGeneration.id, generationId)),
    );
    const file = row?.files[Number(index)];
    return file ? sharedOf(generationId, Number(index), file) : null;
  },
  async list(_platform, ctx, { propertyId, limit }) {
    const where: SQL[] = [eq(aiGeneration.status, 'fertig')];
    if (propertyId) where.push(eq(aiGeneration.propertyId, propertyId));
    const rows = await ctx.db((tx) =>
      tx
        .select({ id: aiGeneration.id, files: aiGeneration.outputFiles })
        .from(aiGeneration)
        .where(and(...where))
        .orderBy(desc(aiGeneration.createdAt))
        .limit(limit),
    );
    const items: SharedMediaItem[] = [];
    for (const row of rows)
      for (const [index, file] of row.files.entries()) {
        const { fileKey: _key, ...shared } = sharedOf(row.id, index, file);
        items.push({
          ...shared,
          source: SOURCE,
          id: `${row.id}:${index}`,
          label: file.label,
          isFloorplan: false,
        });
      }
    return items.slice(0, limit);
  },
};
