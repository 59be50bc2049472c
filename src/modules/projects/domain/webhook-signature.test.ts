import { describe, expect, it } from 'vitest';
import { signatureHeader, signPayload, verifySignature } from './webhook-signature.js';

describe('webhook signature', () => {
  const body = '{"id":"1","type":"task.created"}';

  it('matches an HMAC-SHA256 computed independently (openssl dgst -sha256 -hmac)', () => {
    // printf '%s' '1700000000.{"id":"1","type":"task.created"}' | openssl dgst -sha256 -hmac whsec_test
    expect(signPayload('whsec_test', 1_700_000_000, body)).toBe(
      '925a41d4e3ce3bf1e8c851a969e08851f53a25af1ecadee2c01d2b997d9743e3',
    );
  });

  it('accepts either secret while a rotation is running, and refuses stale or altered messages', () => {
    const header = signatureHeader(['new-secret', 'old-secret'], 1_700_000_000, body);
    expect(verifySignature(header, body, 'old-secret', 1_700_000_100)).toBe(true);
    expect(verifySignature(header, body, 'new-secret', 1_700_000_100)).toBe(true);
    expect(verifySignature(header, body, 'other', 1_700_000_100)).toBe(false);
    expect(verifySignature(header, `${body} `, 'new-secret', 1_700_000_100)).toBe(false);
    expect(verifySignature(header, body, 'new-secret', 1_700_000_301)).toBe(false);
    expect(verifySignature('t=abc,v1=zz', body, 'new-secret', 1_700_000_000)).toBe(false);
  });
});
