import { describe, expect, it } from 'vitest';
import { dueReminder, feedbackAt, nextReminderAfter } from './reminder-due.js';

const start = new Date('2027-05-20T08:00:00Z');
const hoursBefore = (h: number) => new Date(start.getTime() - h * 3_600_000);

describe('reminder times', () => {
  it('invited three days ahead: first 24 h before, then 2 h before, then none', () => {
    expect(nextReminderAfter(start, hoursBefore(72), [24, 2])).toEqual(hoursBefore(24));
    expect(nextReminderAfter(start, hoursBefore(24), [24, 2])).toEqual(hoursBefore(2));
    expect(nextReminderAfter(start, hoursBefore(2), [24, 2])).toBeNull();
  });

  it('a visitor invited five hours ahead gets only the 2-hour reminder', () => {
    expect(nextReminderAfter(start, hoursBefore(5), [24, 2])).toEqual(hoursBefore(2));
  });

  it('what is due is the latest reminder time passed; after downtime only that one', () => {
    expect(dueReminder(start, hoursBefore(23.9), [24, 2])).toBe(24);
    expect(dueReminder(start, hoursBefore(1), [24, 2])).toBe(2);
    expect(dueReminder(start, hoursBefore(30), [24, 2])).toBeNull();
    expect(dueReminder(start, start, [24, 2])).toBeNull();
  });

  it('feedback goes out the set hours after the end, never when switched off', () => {
    const end = new Date('2027-05-20T09:00:00Z');
    expect(feedbackAt(end, 2)).toEqual(new Date('2027-05-20T11:00:00Z'));
    expect(feedbackAt(end, 0)).toBeNull();
  });
});
