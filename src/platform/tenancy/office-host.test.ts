import { describe, expect, it } from 'vitest';
import { officeSlugOfHost, officeUrl, sharedCookieDomain } from './office-host.js';

describe('office addresses', () => {
  const publicUrl = 'https://app.immoxx.de';

  it('reads the office from its own host, port and case aside', () => {
    expect(officeSlugOfHost('seeblick.immoxx.de', 'immoxx.de', publicUrl)).toBe('seeblick');
    expect(officeSlugOfHost('Seeblick.ImmoXX.de:443', 'immoxx.de', publicUrl)).toBe('seeblick');
    expect(officeSlugOfHost('seeblick.immoxx.de.', 'immoxx.de', publicUrl)).toBe('seeblick');
  });

  it('the product host, www, other domains and deeper names are no office', () => {
    expect(officeSlugOfHost('app.immoxx.de', 'immoxx.de', publicUrl)).toBeNull();
    expect(officeSlugOfHost('www.immoxx.de', 'immoxx.de', publicUrl)).toBeNull();
    expect(officeSlugOfHost('immoxx.de', 'immoxx.de', publicUrl)).toBeNull();
    expect(officeSlugOfHost('seeblick.immoxx.de.evil.example', 'immoxx.de', publicUrl)).toBeNull();
    expect(officeSlugOfHost('a.seeblick.immoxx.de', 'immoxx.de', publicUrl)).toBeNull();
    expect(officeSlugOfHost('notimmoxx.de', 'immoxx.de', publicUrl)).toBeNull();
    expect(officeSlugOfHost('seeblick.immoxx.de', undefined, publicUrl)).toBeNull();
    expect(officeSlugOfHost(undefined, 'immoxx.de', publicUrl)).toBeNull();
  });

  it("an office's address keeps the scheme and port of the product", () => {
    expect(officeUrl(publicUrl, 'immoxx.de', 'seeblick')).toBe('https://seeblick.immoxx.de');
    expect(officeUrl('http://app.immoxx.test:5013', 'immoxx.test', 'hegau')).toBe(
      'http://hegau.immoxx.test:5013',
    );
    expect(officeUrl(publicUrl, undefined, 'seeblick')).toBeNull();
  });

  it('shares the session cookie across offices only where the browser would take it', () => {
    expect(sharedCookieDomain(publicUrl, 'immoxx.de')).toBe('immoxx.de');
    expect(sharedCookieDomain('http://localhost:5000', 'immoxx.de')).toBeNull();
    expect(sharedCookieDomain(publicUrl, undefined)).toBeNull();
  });
});
