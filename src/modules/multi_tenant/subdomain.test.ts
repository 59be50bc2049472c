import { describe, expect, it } from 'vitest';
import { subdomainProblem, suggestSubdomain } from './subdomain.js';

describe('office subdomains', () => {
  it('suggests a DNS label from the office name, umlauts spelt out and the legal form dropped', () => {
    expect(suggestSubdomain('Müller & Söhne Immobilien GmbH')).toBe('mueller-soehne-immobilien');
    expect(suggestSubdomain('Seeblick Immobilien GmbH & Co. KG')).toBe('seeblick-immobilien');
    expect(suggestSubdomain('Maison Bérénice')).toBe('maison-berenice');
    expect(suggestSubdomain('AB')).toBe('ab-buero');
    expect(suggestSubdomain('Immobilienkontor Überlingen am Bodensee – Wohnen und Gewerbe')).toBe(
      'immobilienkontor-ueberlingen-am-bodensee',
    );
  });

  it('every suggestion is a valid name', () => {
    for (const name of ['Ä', 'GmbH', 'Haus & Hof', '123 Immobilien', 'Ōsaka Realty'])
      expect(subdomainProblem(suggestSubdomain(name)), name).toBeNull();
  });

  it('refuses what is no DNS label and what the product keeps for itself', () => {
    expect(subdomainProblem('seeblick')).toBeNull();
    expect(subdomainProblem('ab')).toBe('format');
    expect(subdomainProblem('-seeblick')).toBe('format');
    expect(subdomainProblem('seeblick-')).toBe('format');
    expect(subdomainProblem('see--blick')).toBe('format');
    expect(subdomainProblem('See-Blick')).toBe('format');
    expect(subdomainProblem('seeblick.de')).toBe('format');
    expect(subdomainProblem('a'.repeat(41))).toBe('format');
    expect(subdomainProblem('www')).toBe('reserved');
    expect(subdomainProblem('superadmin')).toBe('reserved');
  });
});
