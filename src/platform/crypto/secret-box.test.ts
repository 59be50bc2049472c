import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.js';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('round-trips and never stores the plaintext', () => {
    const sealed = box.encrypt('EAAB-facebook-token');
    expect(sealed).not.toContain('EAAB');
    expect(box.decrypt(sealed)).toBe('EAAB-facebook-token');
  });

  it('uses a fresh IV each time', () => {
    expect(box.encrypt('x')).not.toBe(box.encrypt('x'));
  });

  it('detects tampering, a wrong key and a wrong context', () => {
    const sealed = box.encrypt('geheim', 'tenant-a');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('manipuliert').toString('base64url');
    expect(() => box.decrypt(parts.join('.'), 'tenant-a')).toThrow();
    expect(() => new SecretBox(randomBytes(32)).decrypt(sealed, 'tenant-a')).toThrow();
    expect(() => box.decrypt(sealed, 'tenant-b')).toThrow();
  });

  it('signs per purpose and verifies only the same message, purpose and key', () => {
    const tag = box.sign('media', 'tenant:target:0:123');
    expect(box.verify('media', 'tenant:target:0:123', tag)).toBe(true);
    expect(box.verify('media', 'tenant:target:1:123', tag)).toBe(false);
    expect(box.verify('other', 'tenant:target:0:123', tag)).toBe(false);
    expect(new SecretBox(randomBytes(32)).verify('media', 'tenant:target:0:123', tag)).toBe(false);
    expect(box.verify('media', 'tenant:target:0:123', `${tag}x`)).toBe(false);
  });
});
