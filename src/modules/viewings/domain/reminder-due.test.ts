import { describe, expect, it } from 'vitest';
import { dueReminder, feedbackDue } from './reminder-due.js';

const start = new Date('2027-05-20T08:00:00Z');
const hoursBefore = (h: number) => new Date(start.getTime() - h * 3_600_000);
const invited = hoursBefore(72);

describe('reminder times', () => {
  it('nothing before the first reminder time, then 24 h, then 2 h', () => {
    expect(dueReminder(start, invited, hoursBefore(30), [24, 2])).toBeNull();
    expect(dueReminder(start, invited, hoursBefore(23.9), [24, 2])).toBe(24);
    expect(dueReminder(start, invited, hoursBefore(1.5), [24, 2])).toBe(2);
  });

  it('after downtime only the most recent reminder is due', () => {
    expect(dueReminder(start, invited, hoursBefore(1), [24, 2])).toBe(2);
  });

  it('a visitor invited after a reminder time gets no reminder for it', () => {
    expect(dueReminder(start, hoursBefore(5), hoursBefore(4), [24, 2])).toBeNull();
    expect(dueReminder(start, hoursBefore(5), hoursBefore(1), [24, 2])).toBe(2);
  });

  it('nothing once the viewing has begun', () => {
    expect(dueReminder(start, invited, start, [24, 2])).toBeNull();
  });
});

describe('feedback request', () => {
  const end = new Date('2027-05-20T09:00:00Z');
  it('goes out the set hours after the end, not after three days late, never when switched off', () => {
    expect(feedbackDue(end, new Date('2027-05-20T10:30:00Z'), 2)).toBe(false);
    expect(feedbackDue(end, new Date('2027-05-20T11:00:00Z'), 2)).toBe(true);
    expect(feedbackDue(end, new Date('2027-05-24T11:00:00Z'), 2)).toBe(false);
    expect(feedbackDue(end, new Date('2027-05-20T11:00:00Z'), 0)).toBe(false);
  });
});
