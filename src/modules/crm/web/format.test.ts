import { describe, expect, it } from 'vitest';
import { parseGermanNumber } from './format.js';

describe('parseGermanNumber', () => {
  it.each([
    ['450.000', 450000],
    ['450000', 450000],
    ['85,5', 85.5],
    ['1.234,50', 1234.5],
    ['85.5', 85.5],
    ['1.250.000 €', 1250000],
    ['-1', -1],
  ])('reads %s as %d', (input, expected) => {
    expect(parseGermanNumber(input)).toBe(expected);
  });

  it('returns NaN for text so the server refuses it', () => {
    expect(parseGermanNumber('viel')).toBeNaN();
    expect(parseGermanNumber('')).toBeNaN();
  });
});
