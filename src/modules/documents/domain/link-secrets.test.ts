import { describe, expect, it } from 'vitest';
import {
  grantIsValid,
  hashLinkToken,
  hashSharePassword,
  issueGrant,
  looksLikeLinkToken,
  newLinkToken,
  verifySharePassword,
} from './link-secrets.js';

describe('link secrets', () => {
  it('makes tokens that pass the shape check and hash to 64 hex characters', () => {
    const token = newLinkToken();
    expect(looksLikeLinkToken(token)).toBe(true);
    expect(looksLikeLinkToken('../../etc/passwd')).toBe(false);
    expect(hashLinkToken(token)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies the right password only, with a fresh salt each time', () => {
    const a = hashSharePassword('Bodensee-2026');
    const b = hashSharePassword('Bodensee-2026');
    expect(a).not.toBe(b);
    expect(verifySharePassword('Bodensee-2026', a)).toBe(true);
    expect(verifySharePassword('bodensee-2026', a)).toBe(false);
    expect(verifySharePassword('x', 'md5$abc')).toBe(false);
  });

  it('accepts a grant until it expires, for its share and password only', () => {
    const hash = hashSharePassword('geheim');
    const now = 1_000_000;
    const grant = issueGrant('share-1', hash, 60_000, now);
    expect(grantIsValid(grant, 'share-1', hash, now + 59_000)).toBe(true);
    expect(grantIsValid(grant, 'share-1', hash, now + 61_000)).toBe(false);
    expect(grantIsValid(grant, 'share-2', hash, now)).toBe(false);
    expect(grantIsValid(grant, 'share-1', hashSharePassword('neu'), now)).toBe(false);
    expect(grantIsValid('9999999999999.forged', 'share-1', hash, now)).toBe(false);
  });
});
