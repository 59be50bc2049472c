/** How far a record is in sync with the outside tool that owns its external id. */
export interface SyncState {
  /** Our last change of the record. */
  updatedAt: Date;
  /** The outside tool's `updatedAt` of its last accepted change. */
  externalUpdatedAt: Date | null;
  /** Our `updatedAt` right after that accepted change. */
  syncedAt: Date | null;
}

export type SyncDecision =
  | { kind: 'create' }
  | { kind: 'apply' }
  /** The same change again (a retry after a lost answer): nothing to do, same answer. */
  | { kind: 'unchanged' }
  /** Older than the change we already took from the tool. */
  | { kind: 'conflict'; reason: 'stale' }
  /** Someone changed the record in ImmoXX after the tool's change was made. */
  | { kind: 'conflict'; reason: 'edited_here' };

/**
 * The inbound sync's conflict rule (docs/integrations/project-sync.md, "Konflikte"): a change
 * carries the time it was made at the source. It is taken unless the record was edited in ImmoXX
 * after that time, or the tool already sent a newer change; sending the same change twice is
 * harmless. Time-based, so the newer edit wins whichever side it was made on.
 */
export function decideSync(existing: SyncState | null, incoming: Date): SyncDecision {
  if (!existing) return { kind: 'create' };
  const { externalUpdatedAt, syncedAt, updatedAt } = existing;
  if (externalUpdatedAt) {
    if (incoming.getTime() === externalUpdatedAt.getTime()) return { kind: 'unchanged' };
    if (incoming < externalUpdatedAt) return { kind: 'conflict', reason: 'stale' };
  }
  const editedHereSince = syncedAt === null || updatedAt.getTime() > syncedAt.getTime();
  if (editedHereSince && updatedAt > incoming) return { kind: 'conflict', reason: 'edited_here' };
  return { kind: 'apply' };
}
