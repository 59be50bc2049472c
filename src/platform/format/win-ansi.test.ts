import { describe, expect, it } from 'vitest';
import { winAnsi } from './format-de.js';

describe('winAnsi', () => {
  it('replaces what the standard PDF fonts lack: Intl’s spaces and the minus sign of a valuation step', () => {
    expect(winAnsi('1.234\u00a0€')).toBe('1.234 €');
    expect(winAnsi('12,4\u202fm²')).toBe('12,4 m²');
    // Printed as a quotation mark before this fix (market report, "− Verwaltungskosten").
    expect(winAnsi('\u2212 Verwaltungskosten')).toBe('- Verwaltungskosten');
    expect(winAnsi('Anteil \u2264 30 %, \u2265 10 %')).toBe('Anteil <= 30 %, >= 10 %');
    expect(winAnsi('× Barwertfaktor – Ä')).toBe('× Barwertfaktor – Ä');
  });
});
