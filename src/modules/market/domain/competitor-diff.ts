/** What the office knew about a competitor's listing before the snapshot. */
export interface KnownListing {
  id: string;
  externalRef: string;
  priceCents: number;
  withdrawnOn: string | null;
}

export interface SnapshotDiff {
  created: string[];
  priceChanged: { id: string; externalRef: string; oldPriceCents: number; newPriceCents: number }[];
  /** Listed again after it had gone away. */
  relisted: string[];
  withdrawn: string[];
  unchanged: number;
}

/**
 * Compares a competitor's feed as it is today with what was known: new listings, price changes,
 * listings that went away (absent from a full snapshot) and ones that came back.
 */
export function diffSnapshot(
  known: readonly KnownListing[],
  snapshot: readonly { externalRef: string; priceCents: number }[],
): SnapshotDiff {
  const byRef = new Map(known.map((k) => [k.externalRef, k]));
  const seen = new Set<string>();
  const diff: SnapshotDiff = { created: [], priceChanged: [], relisted: [], withdrawn: [], unchanged: 0 };
  for (const row of snapshot) {
    seen.add(row.externalRef);
    const before = byRef.get(row.externalRef);
    if (!before) {
      diff.created.push(row.externalRef);
      continue;
    }
    if (before.withdrawnOn !== null) diff.relisted.push(before.id);
    if (before.priceCents !== row.priceCents)
      diff.priceChanged.push({
        id: before.id,
        externalRef: row.externalRef,
        oldPriceCents: before.priceCents,
        newPriceCents: row.priceCents,
      });
    else if (before.withdrawnOn === null) diff.unchanged++;
  }
  for (const k of known) if (k.withdrawnOn === null && !seen.has(k.externalRef)) diff.withdrawn.push(k.id);
  return diff;
}

/** Days a listing has been (or was) on the market, counting the day it appeared. */
export function daysOnMarket(firstSeenOn: string, until: string): number {
  return Math.round((Date.parse(until) - Date.parse(firstSeenOn)) / 86_400_000) + 1;
}

/** Where a price per m² stands among others: the share of them that are cheaper, 0–100. */
export function pricePercentile(own: number, others: readonly number[]): number | null {
  if (others.length === 0) return null;
  const cheaper = others.filter((o) => o < own).length;
  const same = others.filter((o) => o === own).length;
  return Math.round(((cheaper + same / 2) / others.length) * 100);
}
