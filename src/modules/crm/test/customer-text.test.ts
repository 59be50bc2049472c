import { describe, expect, it } from 'vitest';
import { formatArea, formatDate, formatEuro } from '../../../platform/format/format-de.js';
import { customerTextProblems } from './customer-text.js';

describe('the customer-text check catches what issue 18 found', () => {
  it('flags ISO dates, decimal points and raw keys', () => {
    expect(customerTextProblems('Gültig bis 2034-03-14')).toEqual(['ISO date "2034-03-14"']);
    expect(customerTextProblems('Küche · 12.4 m²')).toEqual(['decimal point "12.4 m²"']);
    expect(customerTextProblems('Ausstattung: einbaukueche, gaeste wc')).toEqual(['raw key "einbaukueche"']);
    expect(customerTextProblems('Gäste: gaeste_wc')).toEqual(['raw key "gaeste_wc"']);
  });

  it('passes what the formatting module writes', () => {
    const text = `Gültig bis ${formatDate('2034-03-14')} · ${formatArea(12.4)} · ${formatEuro(450000)} · Einbauküche, Gäste-WC, Garten`;
    expect(text).toBe(
      'Gültig bis 14.03.2034 · 12,4\u00a0m² · 450.000\u00a0€ · Einbauküche, Gäste-WC, Garten',
    );
    expect(customerTextProblems(text)).toEqual([]);
  });

  it('leaves web addresses alone', () => {
    expect(customerTextProblems('https://example.de/p/wohnung-2034-03-14-gaeste_wc')).toEqual([]);
  });
});
