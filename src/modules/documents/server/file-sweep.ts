import { asc, inArray } from 'drizzle-orm';
import type { Platform } from '../../../platform/kernel.js';
import { documentFileGarbage } from '../schema.js';

const BATCH = 500;

/**
 * Deletes the stored files whose document rows are gone (see `documentFileGarbage`), across
 * offices. Deleting a missing file is harmless, so overlapping sweeps do no damage.
 */
export async function sweepDocumentFiles(platform: Platform): Promise<number> {
  let removed = 0;
  for (;;) {
    const batch = await platform.database.db
      .select()
      .from(documentFileGarbage)
      .orderBy(asc(documentFileGarbage.createdAt))
      .limit(BATCH);
    if (batch.length === 0) return removed;
    for (const row of batch) await platform.files.delete(row.fileKey);
    await platform.database.db.delete(documentFileGarbage).where(
      inArray(
        documentFileGarbage.id,
        batch.map((row) => row.id),
      ),
    );
    removed += batch.length;
    if (batch.length < BATCH) return removed;
  }
}
