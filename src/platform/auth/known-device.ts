import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../kernel.js';

const COOKIE = 'immoxx.device';
const PURPOSE = 'known-device';
/** A browser remembers up to this many accounts that signed in on it. */
const MAX_ACCOUNTS = 5;

const tagOf = (platform: Platform, email: string) => platform.secretBox.sign(PURPOSE, email.toLowerCase());

function tagsIn(request: FastifyRequest): string[] {
  const cookie = String(request.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${COOKIE}=`));
  return cookie
    ? cookie
        .slice(COOKIE.length + 1)
        .split('.')
        .filter(Boolean)
    : [];
}

/** Has this browser signed in to this account before? (A signed tag per account, in its own cookie.) */
export function isKnownDevice(platform: Platform, request: FastifyRequest, email: string): boolean {
  const tag = tagOf(platform, email);
  return tagsIn(request).some((t) => platform.secretBox.verify(PURPOSE, email.toLowerCase(), t) && t === tag);
}

/** Remembers the browser for the account after a successful sign-in (180 days, http-only). */
export function rememberDevice(
  platform: Platform,
  request: FastifyRequest,
  reply: FastifyReply,
  email: string,
): void {
  const tag = tagOf(platform, email);
  const tags = [tag, ...tagsIn(request).filter((t) => t !== tag)].slice(0, MAX_ACCOUNTS);
  const secure = platform.publicUrl.startsWith('https://') ? '; Secure' : '';
  const existing = reply.getHeader('set-cookie');
  const cookies =
    existing === undefined ? [] : Array.isArray(existing) ? existing.map(String) : [String(existing)];
  reply.header('set-cookie', [
    ...cookies,
    `${COOKIE}=${tags.join('.')}; Path=/api/auth; Max-Age=${180 * 86_400}; HttpOnly; SameSite=Lax${secure}`,
  ]);
}
