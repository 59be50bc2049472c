const HOUR = 3_600_000;

/**
 * Which reminder is due for a visitor now: the latest reminder time that has passed (hours before
 * the start), provided the visitor was invited before it — someone invited two hours ahead gets
 * no "tomorrow" reminder. After downtime only the most recent reminder goes out, not all at once.
 */
export function dueReminder(
  startsAt: Date,
  invitedAt: Date,
  now: Date,
  reminderHours: readonly number[],
): number | null {
  if (now.getTime() >= startsAt.getTime()) return null;
  const passed = reminderHours.filter((h) => {
    const at = startsAt.getTime() - h * HOUR;
    return at <= now.getTime() && invitedAt.getTime() < at;
  });
  return passed.length > 0 ? Math.min(...passed) : null;
}

/** The feedback request goes out `hours` after the end, and not at all once three days late. */
export function feedbackDue(endsAt: Date, now: Date, hours: number): boolean {
  if (hours <= 0) return false;
  const at = endsAt.getTime() + hours * HOUR;
  return now.getTime() >= at && now.getTime() < at + 72 * HOUR;
}
