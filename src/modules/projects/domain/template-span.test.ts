import { describe, expect, it } from 'vitest';
import { templateSpanDays } from './template-span.js';
import { BUILT_IN_TEMPLATES } from './workflow-templates.js';

const task = (key: string, durationDays: number, dependsOn: string[] = [], lagDays = 0) => ({
  key,
  durationDays,
  dependsOn,
  lagDays,
});

describe('templateSpanDays', () => {
  it('adds durations and waiting days along the longest chain, parallel tasks do not add up', () => {
    // a: days 1–3; b waits 2 days after a: days 6–9; c runs beside a and b: days 1–5.
    expect(templateSpanDays({ tasks: [task('a', 3), task('b', 4, ['a'], 2), task('c', 5)] })).toBe(9);
    expect(templateSpanDays({ tasks: [task('a', 1)] })).toBe(1);
    expect(templateSpanDays({ tasks: [] })).toBe(0);
  });

  it('gives each built-in workflow at least its longest task', () => {
    for (const template of BUILT_IN_TEMPLATES) {
      const longest = Math.max(...template.tasks.map((t) => t.durationDays));
      expect(templateSpanDays(template)).toBeGreaterThanOrEqual(longest);
    }
  });
});
