import { and, eq, isNotNull } from 'drizzle-orm';
import { tenant } from '../auth/auth.schema.js';
import type { Cache } from '../cache/cache.js';
import type { Database } from '../db/database.js';
import { officeDomain } from './tenancy.schema.js';

/** An office reached by its own address, `<slug>.<BASE_DOMAIN>`. */
export interface HostOffice {
  tenantId: string;
  name: string;
  slug: string;
  /** Set when reached by the office's own domain rather than its platform address. */
  ownDomain?: string;
}

export const hostName = (host: string) => host.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');

/**
 * The office address name a Host header names, or null when it names none: no base domain set,
 * another domain, the product's own host (PUBLIC_URL) or `www`, or more than one label below.
 */
export function officeSlugOfHost(
  host: string | undefined,
  baseDomain: string | undefined,
  publicUrl: string,
): string | null {
  if (!host || !baseDomain) return null;
  const name = hostName(host);
  if (name === new URL(publicUrl).hostname) return null;
  const suffix = `.${baseDomain}`;
  if (!name.endsWith(suffix)) return null;
  const label = name.slice(0, -suffix.length);
  if (!label || label.includes('.') || label === 'www') return null;
  return label;
}

/** The office's own address, with the scheme and port of PUBLIC_URL; null without a base domain. */
export function officeUrl(publicUrl: string, baseDomain: string | undefined, slug: string): string | null {
  if (!baseDomain) return null;
  const url = new URL(publicUrl);
  return `${url.protocol}//${slug}.${baseDomain}${url.port ? `:${url.port}` : ''}`;
}

/**
 * Session cookies for every office address at once (Domain=<BASE_DOMAIN>), so a user of several
 * offices moves between them signed in. Only when the product's own host lies within that domain:
 * a browser refuses a cookie for a domain the page is not in.
 */
export function sharedCookieDomain(publicUrl: string, baseDomain: string | undefined): string | null {
  if (!baseDomain) return null;
  const host = new URL(publicUrl).hostname;
  return host === baseDomain || host.endsWith(`.${baseDomain}`) ? baseDomain : null;
}

const TTL_MS = 30_000;

/** Which office an address name belongs to; cached, since every request on an office host asks. */
export class OfficeHosts {
  constructor(
    private readonly database: Database,
    private readonly cache: Cache,
  ) {}

  async find(slug: string): Promise<HostOffice | null> {
    const key = `office-host:${slug}`;
    const cached = await this.cache.get<HostOffice | { none: true }>(key);
    if (cached) return 'none' in cached ? null : cached;
    const [row] = await this.database.db
      .select({ tenantId: tenant.id, name: tenant.name, slug: tenant.slug })
      .from(tenant)
      .where(eq(tenant.slug, slug));
    await this.cache.set(key, row ?? { none: true }, TTL_MS);
    return row ?? null;
  }

  /** The office whose verified own domain this is. */
  async findByDomain(hostname: string): Promise<HostOffice | null> {
    const key = `office-domain:${hostname}`;
    const cached = await this.cache.get<HostOffice | { none: true }>(key);
    if (cached) return 'none' in cached ? null : cached;
    const [row] = await this.database.db
      .select({ tenantId: tenant.id, name: tenant.name, slug: tenant.slug })
      .from(officeDomain)
      .innerJoin(tenant, eq(tenant.id, officeDomain.tenantId))
      .where(and(eq(officeDomain.hostname, hostname), isNotNull(officeDomain.verifiedAt)));
    const office = row ? { ...row, ownDomain: hostname } : null;
    await this.cache.set(key, office ?? { none: true }, TTL_MS);
    return office;
  }

  /** The verification token of a registered domain, verified or not (answered at the well-known path). */
  async domainToken(hostname: string): Promise<string | null> {
    const [row] = await this.database.db
      .select({ token: officeDomain.token })
      .from(officeDomain)
      .where(eq(officeDomain.hostname, hostname));
    return row?.token ?? null;
  }

  async forgetDomain(hostname: string): Promise<void> {
    await this.cache.delete(`office-domain:${hostname}`);
  }
}
