import { describe, expect, it } from 'vitest';
import { normalizeHostname } from './custom-domain.js';

const platform = { baseDomain: 'immoxx.de', publicUrl: 'https://app.immoxx.de' };

describe('normalizeHostname', () => {
  it('takes a domain as people paste it', () => {
    expect(normalizeHostname(' https://www.Hegau-Immobilien.de/kontakt?x=1 ', platform)).toEqual({
      hostname: 'www.hegau-immobilien.de',
    });
    expect(normalizeHostname('immobilien-am-see.de.', platform)).toEqual({
      hostname: 'immobilien-am-see.de',
    });
  });

  it('refuses what cannot be an office domain', () => {
    for (const input of [
      'localhost',
      '192.168.1.10',
      'nicht eine domain',
      'hegau.immoxx.de',
      'immoxx.de',
      'app.immoxx.de',
    ])
      expect(normalizeHostname(input, platform), input).toHaveProperty('error');
  });
});
