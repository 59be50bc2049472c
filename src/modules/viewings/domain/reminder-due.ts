const HOUR = 3_600_000;

/**
 * The next reminder instant strictly after `after` (hours before the start), or null when none is
 * left. Computed when a visitor is invited (so reminder times already past are skipped: someone
 * invited two hours ahead gets no "tomorrow" reminder) and again after each reminder.
 */
export function nextReminderAfter(
  startsAt: Date,
  after: Date,
  reminderHours: readonly number[],
): Date | null {
  const upcoming = reminderHours
    .map((h) => startsAt.getTime() - h * HOUR)
    .filter((at) => at > after.getTime())
    .sort((a, b) => a - b);
  return upcoming.length > 0 ? new Date(upcoming[0] as number) : null;
}

/**
 * Which reminder to send now for a visitor whose next reminder instant has passed: the latest
 * reminder time that has passed, so after downtime only the most recent one goes out. Null once
 * the viewing has begun.
 */
export function dueReminder(startsAt: Date, now: Date, reminderHours: readonly number[]): number | null {
  if (now.getTime() >= startsAt.getTime()) return null;
  const passed = reminderHours.filter((h) => startsAt.getTime() - h * HOUR <= now.getTime());
  return passed.length > 0 ? Math.min(...passed) : null;
}

/** When the feedback request is due (`hours` after the end); null when the office switched it off. */
export function feedbackAt(endsAt: Date, hours: number): Date | null {
  return hours > 0 ? new Date(endsAt.getTime() + hours * HOUR) : null;
}

/** A feedback request more than three days late is not sent at all. */
export const FEEDBACK_GRACE_MS = 72 * HOUR;
