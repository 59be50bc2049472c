import { describe, expect, it } from 'vitest';
import { assertOutboundUrl } from './outbound-url.js';

const dns = (map: Record<string, string[]>) => async (host: string) => {
  const found = map[host];
  if (!found) throw new Error('ENOTFOUND');
  return found;
};
const code = (promise: Promise<void>) =>
  promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code,
  );

describe('outbound URLs (issue 17.2: no SSRF through provider base URLs)', () => {
  const resolve = dns({
    'api.openai.com': ['104.18.6.192'],
    'metadata.example': ['169.254.169.254'],
    'intern.example': ['10.1.2.3'],
    'rebind.example': ['104.18.6.192', '127.0.0.1'],
  });
  const strict = { allowPrivate: false, field: 'baseUrl' };

  it('allows public https endpoints', async () => {
    expect(await code(assertOutboundUrl('https://api.openai.com/v1', strict, resolve))).toBe('ok');
  });

  it('refuses metadata and link-local always, private and loopback unless allowed', async () => {
    expect(await code(assertOutboundUrl('http://169.254.169.254/latest/meta-data', strict, resolve))).toBe(
      'forbidden_address',
    );
    expect(
      await code(assertOutboundUrl('http://metadata.example/', { ...strict, allowPrivate: true }, resolve)),
    ).toBe('forbidden_address');
    expect(await code(assertOutboundUrl('http://intern.example/v1', strict, resolve))).toBe(
      'private_address',
    );
    expect(
      await code(assertOutboundUrl('http://localhost:11434/v1', strict, dns({ localhost: ['127.0.0.1'] }))),
    ).toBe('private_address');
    expect(await code(assertOutboundUrl('http://[::ffff:10.0.0.1]/', strict, resolve))).toBe(
      'private_address',
    );
    expect(await code(assertOutboundUrl('http://rebind.example/', strict, resolve))).toBe('private_address');
    expect(
      await code(assertOutboundUrl('http://127.0.0.1:11434/v1', { ...strict, allowPrivate: true }, resolve)),
    ).toBe('ok');
  });

  it('refuses other schemes and credentials in the address', async () => {
    expect(await code(assertOutboundUrl('file:///etc/passwd', strict, resolve))).toBe('invalid_url');
    expect(await code(assertOutboundUrl('https://user:pw@api.openai.com/', strict, resolve))).toBe(
      'invalid_url',
    );
  });
});
