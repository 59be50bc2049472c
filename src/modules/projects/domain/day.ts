/** Calendar days as whole numbers, so schedules add and compare without time zones. */
export type DayNumber = number;

const MS_PER_DAY = 86_400_000;

/** `2027-03-14` → days since 1970-01-01. */
export function dayOf(isoDate: string): DayNumber {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

/** Days since 1970-01-01 → `2027-03-14`. */
export function isoOf(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export const addDays = (isoDate: string, days: number): string => isoOf(dayOf(isoDate) + days);

export { todayInBerlin } from '../../../platform/time/berlin-day.js';
