import { describe, expect, it } from 'vitest';
import { readNumber, writeNumber } from './number-input.js';

describe('form numbers', () => {
  it('reads German and plain spellings', () => {
    expect(readNumber('1.234,5')).toBe(1234.5);
    expect(readNumber('86,5')).toBe(86.5);
    expect(readNumber('250.000')).toBe(250000);
    expect(readNumber('3.5')).toBe(3.5);
    expect(readNumber(' 12 € ')).toBe(12);
    expect(readNumber('')).toBeNull();
    expect(readNumber('abc')).toBeNaN();
  });
  it('writes what it reads back', () => {
    for (const n of [86.5, 1234.5, 0, -3.25]) expect(readNumber(writeNumber(n))).toBe(n);
    expect(writeNumber(null)).toBe('');
  });
});
