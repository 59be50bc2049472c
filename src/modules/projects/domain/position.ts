/** Gap between neighbours when a task goes to the end of a column. */
export const POSITION_STEP = 1024;

/**
 * A position between two neighbours in a column (either may be missing), so a move writes only
 * the moved task. Doubles halve ~50 times at one spot before two positions collide; `null`
 * tells the caller to space the column out again (rare, and only that column).
 */
export function positionBetween(before: number | null, after: number | null): number | null {
  if (before === null && after === null) return POSITION_STEP;
  if (before === null) return (after as number) - POSITION_STEP;
  if (after === null) return before + POSITION_STEP;
  const middle = (before + after) / 2;
  return middle > before && middle < after ? middle : null;
}
