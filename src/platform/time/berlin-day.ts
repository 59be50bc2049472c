/** Today in Germany as `2027-03-14`, whatever the server's zone. */
export function todayInBerlin(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(now);
}

/** The instant a Berlin calendar day (`2027-03-14`) begins: 23:00 or 22:00 UTC the day before. */
export function startOfBerlinDay(day: string): Date {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  // Germany is UTC+1 or, in summer, UTC+2; the right one is where the day has just begun.
  for (const hours of [1, 2]) {
    const candidate = new Date(utcMidnight - hours * 3_600_000);
    if (todayInBerlin(candidate) === day && todayInBerlin(new Date(candidate.getTime() - 1)) !== day)
      return candidate;
  }
  throw new Error(`no start found for Berlin day ${day}`);
}

/** The day after a calendar day (`2027-02-28` → `2027-03-01`). */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
