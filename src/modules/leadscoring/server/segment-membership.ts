import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import { BUILTIN_SEGMENT_NAMES, BUILTIN_SEGMENTS, inSegment, type SegmentFacts } from '../domain/segments.js';
import { segment, segmentMember } from '../schema.js';

export type SegmentRow = typeof segment.$inferSelect;

export interface Entered {
  contactId: string;
  segmentId: string;
  segment: string;
}

/** The office's segments, the eight built-ins created on first use. */
export async function officeSegments(tx: Tx, tenantId: string): Promise<SegmentRow[]> {
  const rows = await tx.select().from(segment);
  const have = new Set(rows.map((r) => r.builtin));
  const missing = BUILTIN_SEGMENTS.filter((key) => !have.has(key));
  if (missing.length === 0) return rows;
  await tx
    .insert(segment)
    .values(
      missing.map((key) => ({
        tenantId,
        name: BUILTIN_SEGMENT_NAMES[key].de,
        builtin: key,
        rule: { builtin: key },
      })),
    )
    .onConflictDoNothing();
  return tx.select().from(segment);
}

/**
 * Puts these contacts into the segments they now belong to and out of the others; returns who
 * came into which segment (for automation rules), not those who were in it already.
 */
export async function updateMemberships(
  tx: Tx,
  tenantId: string,
  segments: readonly SegmentRow[],
  leads: { contactId: string; facts: SegmentFacts }[],
  now: Date,
): Promise<Entered[]> {
  if (leads.length === 0 || segments.length === 0) return [];
  const ids = leads.map((l) => l.contactId);
  const existing = await tx
    .select({ segmentId: segmentMember.segmentId, contactId: segmentMember.contactId })
    .from(segmentMember)
    .where(inArray(segmentMember.contactId, ids));
  const key = (segmentId: string, contactId: string) => `${segmentId}:${contactId}`;
  const before = new Set(existing.map((m) => key(m.segmentId, m.contactId)));
  const after = new Set<string>();
  const entered: Entered[] = [];
  for (const lead of leads)
    for (const s of segments)
      if (inSegment(s.rule, lead.facts, now)) {
        after.add(key(s.id, lead.contactId));
        if (!before.has(key(s.id, lead.contactId)))
          entered.push({ contactId: lead.contactId, segmentId: s.id, segment: s.name });
      }
  const left = existing.filter((m) => !after.has(key(m.segmentId, m.contactId)));
  for (const [segmentId, group] of groupBySegment(left))
    await tx
      .delete(segmentMember)
      .where(and(eq(segmentMember.segmentId, segmentId), inArray(segmentMember.contactId, group)));
  for (let i = 0; i < entered.length; i += 1000)
    await tx
      .insert(segmentMember)
      .values(
        entered
          .slice(i, i + 1000)
          .map((e) => ({ segmentId: e.segmentId, contactId: e.contactId, tenantId, since: now })),
      )
      .onConflictDoNothing();
  return entered;
}

function groupBySegment(members: { segmentId: string; contactId: string }[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const m of members) groups.set(m.segmentId, [...(groups.get(m.segmentId) ?? []), m.contactId]);
  return groups;
}
