import { z } from 'zod';

const realDay = (value: string) => {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

/** A calendar day as `2027-03-14`; 2027-02-30 is refused, not rolled over into March. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum als JJJJ-MM-TT angeben.')
  .refine(realDay, 'Dieses Datum gibt es nicht.');
