import { inArray } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import { document } from '../schema.js';

export interface DocumentRef {
  id: string;
  title: string;
  category: string;
  confidential: boolean;
}

/**
 * Documents by id, for other modules that link to them (a task's attachments) instead of keeping
 * files of their own. Runs in the caller's tenant; ids of other offices are simply not found.
 */
export async function documentRefs(tx: Tx, ids: readonly string[]): Promise<DocumentRef[]> {
  if (ids.length === 0) return [];
  return tx
    .select({
      id: document.id,
      title: document.title,
      category: document.category,
      confidential: document.confidential,
    })
    .from(document)
    .where(inArray(document.id, [...new Set(ids)]));
}
