import { describe, expect, it } from 'vitest';
import { POSITION_STEP, positionBetween } from './position.js';

describe('positionBetween', () => {
  it('places on top, at the end and between', () => {
    expect(positionBetween(null, null)).toBe(POSITION_STEP);
    expect(positionBetween(null, 1024)).toBe(0);
    expect(positionBetween(2048, null)).toBe(3072);
    expect(positionBetween(1024, 2048)).toBe(1536);
  });

  it('asks for re-spacing once neighbours can no longer be split', () => {
    let after = 2;
    let steps = 0;
    for (;;) {
      const next = positionBetween(1, after);
      if (next === null) break;
      after = next;
      steps++;
    }
    expect(steps).toBeGreaterThan(40);
  });
});
