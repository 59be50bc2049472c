import { randomBytes } from 'node:crypto';

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', Ä: 'ae', Ö: 'oe', Ü: 'ue' };

/** URL-safe, readable, unique: `3-zimmer-wohnung-mit-seeblick-k7f2q9`. */
export function propertySlug(title: string): string {
  const base = title
    .replace(/[äöüßÄÖÜ]/g, (c) => UMLAUTS[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const suffix = randomBytes(4)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')
    .slice(0, 6);
  return `${base || 'objekt'}-${suffix}`;
}

/** A readable object number when the broker gives none: `IMX-2026-4F7K2Q`. */
export function generatedExternalId(now = new Date()): string {
  return `IMX-${now.getFullYear()}-${randomBytes(4).toString('hex').slice(0, 6).toUpperCase()}`;
}
