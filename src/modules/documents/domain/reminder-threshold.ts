/** Reminders go out this many days before a document expires, and once more on the day (0). */
export const REMINDER_THRESHOLDS = [60, 30, 7, 0] as const;

/** Whole days from `today` to `validUntil` (both calendar days, YYYY-MM-DD). */
export function daysUntil(validUntil: string, today: string): number {
  return Math.round((Date.parse(`${validUntil}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** The tightest threshold reached, or null while the date is further out than the first one. */
export function reminderThreshold(validUntil: string, today: string): number | null {
  const days = daysUntil(validUntil, today);
  if (days <= 0) return 0;
  const reached = REMINDER_THRESHOLDS.filter((t) => t > 0 && days <= t);
  return reached.length > 0 ? Math.min(...reached) : null;
}
