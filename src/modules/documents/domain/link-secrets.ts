import { createHash, createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** A link token: 32 random bytes, URL-safe. Only its hash is stored. */
export const newLinkToken = () => randomBytes(32).toString('base64url');
export const hashLinkToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** Tokens we hand out look like this; anything else is refused before a database lookup. */
export const looksLikeLinkToken = (token: string) => /^[A-Za-z0-9_-]{40,64}$/.test(token);

// scrypt at N=2^14 takes ~30 ms: slow enough against guessing a leaked hash, fast for a visitor.
const SCRYPT = { N: 16_384, r: 8, p: 1 } as const;

export function hashSharePassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFC'), salt, 32, SCRYPT);
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export function verifySharePassword(password: string, stored: string): boolean {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = scryptSync(
    password.normalize('NFC'),
    Buffer.from(salt, 'base64url'),
    expected.length,
    SCRYPT,
  );
  return timingSafeEqual(actual, expected);
}

/**
 * After the password, the visitor holds a grant for a while, so download links need no
 * password. It is keyed with the password hash: changing the password ends every grant.
 */
export function issueGrant(
  shareId: string,
  passwordHash: string,
  validForMs: number,
  now = Date.now(),
): string {
  const until = now + validForMs;
  const mac = createHmac('sha256', passwordHash).update(`${shareId}.${until}`).digest('base64url');
  return `${until}.${mac}`;
}

export function grantIsValid(
  grant: string,
  shareId: string,
  passwordHash: string,
  now = Date.now(),
): boolean {
  const [untilText, mac] = grant.split('.');
  const until = Number(untilText);
  if (!mac || !Number.isFinite(until) || until < now) return false;
  const expected = createHmac('sha256', passwordHash).update(`${shareId}.${until}`).digest();
  const actual = Buffer.from(mac, 'base64url');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
