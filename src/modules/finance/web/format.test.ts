import { describe, expect, it } from 'vitest';
import { centsOf, euroText, parseDecimal } from './format.js';

describe('German number input', () => {
  it.each([
    ['300.000', 300000],
    ['300000', 300000],
    ['1.234.567,89', 1234567.89],
    ['3,5', 3.5],
    ['3.5', 3.5],
    ['2 %', 2],
    ['12.500 €', 12500],
  ])('reads %s as %d', (text, value) => {
    expect(parseDecimal(text)).toBe(value);
  });

  it.each(['', 'abc', '1,2,3', '12.34.5'])('refuses %j', (text) => {
    expect(parseDecimal(text)).toBeNull();
  });

  it('converts to cents and back', () => {
    expect(centsOf('1.234,56')).toBe(123_456);
    expect(euroText(123_456)).toBe('1.234,56');
    expect(euroText(30_000_000)).toBe('300.000');
  });
});
