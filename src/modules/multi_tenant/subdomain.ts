/**
 * The office's address name: its subdomain (`<name>.<BASE_DOMAIN>`) and the slug the operator
 * uses (`npm run plan -- <name> …`). DNS labels allow 63 characters; 3–40 keeps them typeable.
 */
export const SUBDOMAIN_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/;

/** Names the product itself needs or that would pass for it (phishing under our domain). */
const RESERVED = new Set([
  'admin',
  'api',
  'app',
  'assets',
  'auth',
  'billing',
  'cdn',
  'demo',
  'dev',
  'docs',
  'ftp',
  'help',
  'hilfe',
  'imap',
  'immoxx',
  'login',
  'mail',
  'pop',
  'registrieren',
  'signup',
  'smtp',
  'static',
  'status',
  'superadmin',
  'support',
  'test',
  'www',
]);

export type SubdomainProblem = 'format' | 'reserved';

export function subdomainProblem(name: string): SubdomainProblem | null {
  if (!SUBDOMAIN_PATTERN.test(name) || name.includes('--')) return 'format';
  if (RESERVED.has(name)) return 'reserved';
  return null;
}

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** "Müller & Söhne Immobilien GmbH" → "mueller-soehne-immobilien". */
export function suggestSubdomain(officeName: string): string {
  const words = officeName
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => UMLAUTS[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\b(gmbh|ug|ag|kg|ohg|gbr|e\.?\s?k|mbh|co)\b\.?/g, ' ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let name = '';
  for (const word of words) {
    const next = name ? `${name}-${word}` : word;
    if (next.length > 40) break;
    name = next;
  }
  if (name.length < 3) name = `${name}-buero`.replace(/^-/, '');
  return name;
}
