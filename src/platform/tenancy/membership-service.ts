import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { tenant, tenantMember } from '../auth/auth.schema.js';
import type { Cache } from '../cache/cache.js';
import type { Database } from '../db/database.js';
import { isRole, type Role } from '../rbac/roles.js';
import { tenantSettings } from './tenancy.schema.js';

export interface Membership {
  memberId: string;
  tenantId: string;
  tenantName: string;
  /** The office's address name (subdomain, Impressum path). */
  tenantSlug: string;
  /** The operator has deactivated the office. */
  deactivated: boolean;
  role: Role;
}

const CACHE_TTL_MS = 30_000;
const cacheKey = (tenantId: string, userId: string) => `membership:${tenantId}:${userId}`;
const listKey = (userId: string) => `memberships-of:${userId}`;

/** Who belongs to which tenant with which role; cached because every request asks. */
export class MembershipService {
  constructor(
    private readonly database: Database,
    private readonly cache: Cache,
  ) {}

  async get(tenantId: string, userId: string): Promise<Membership | null> {
    const cached = await this.cache.get<Membership | { none: true }>(cacheKey(tenantId, userId));
    if (cached) return 'none' in cached ? null : cached;
    const [row] = await this.database.db
      .select({
        memberId: tenantMember.id,
        tenantId: tenant.id,
        tenantName: tenant.name,
        tenantSlug: tenant.slug,
        deactivatedAt: tenant.deactivatedAt,
        role: tenantMember.role,
      })
      .from(tenantMember)
      .innerJoin(tenant, eq(tenant.id, tenantMember.organizationId))
      .where(and(eq(tenantMember.organizationId, tenantId), eq(tenantMember.userId, userId)));
    const membership = row && isRole(row.role) ? toMembership(row, row.role) : null;
    await this.cache.set(cacheKey(tenantId, userId), membership ?? { none: true }, CACHE_TTL_MS);
    return membership;
  }

  async listForUser(userId: string): Promise<Membership[]> {
    const cached = await this.cache.get<Membership[]>(listKey(userId));
    if (cached) return cached;
    const rows = await this.database.db
      .select({
        memberId: tenantMember.id,
        tenantId: tenant.id,
        tenantName: tenant.name,
        tenantSlug: tenant.slug,
        deactivatedAt: tenant.deactivatedAt,
        role: tenantMember.role,
      })
      .from(tenantMember)
      .innerJoin(tenant, eq(tenant.id, tenantMember.organizationId))
      .where(eq(tenantMember.userId, userId))
      .orderBy(asc(tenantMember.createdAt));
    const memberships = rows.flatMap((r) => (isRole(r.role) ? [toMembership(r, r.role)] : []));
    await this.cache.set(listKey(userId), memberships, CACHE_TTL_MS);
    return memberships;
  }

  /** After an office is (de)activated: every member's next request sees it. */
  async forgetOffice(tenantId: string): Promise<void> {
    const members = await this.database.db
      .select({ userId: tenantMember.userId })
      .from(tenantMember)
      .where(eq(tenantMember.organizationId, tenantId));
    await Promise.all(members.map((m) => this.forget(tenantId, m.userId)));
  }

  /** Call after a role change or removal so the next request sees it. */
  async forget(tenantId: string, userId: string): Promise<void> {
    await Promise.all([this.cache.delete(cacheKey(tenantId, userId)), this.cache.delete(listKey(userId))]);
  }

  /** A new broker office with its first owner and default branding. */
  async createTenant(input: { name: string; slug: string; ownerUserId: string }): Promise<string> {
    const tenantId = randomUUID();
    await this.database.db.transaction(async (tx) => {
      await tx.insert(tenant).values({ id: tenantId, name: input.name, slug: input.slug });
      await tx
        .insert(tenantMember)
        .values({ id: randomUUID(), organizationId: tenantId, userId: input.ownerUserId, role: 'owner' });
      await tx.insert(tenantSettings).values({ tenantId, displayName: input.name });
    });
    await this.forget(tenantId, input.ownerUserId);
    return tenantId;
  }

  async addMember(tenantId: string, userId: string, role: Role): Promise<void> {
    await this.database.db
      .insert(tenantMember)
      .values({ id: randomUUID(), organizationId: tenantId, userId, role });
    await this.forget(tenantId, userId);
  }
}

function toMembership(
  row: {
    memberId: string;
    tenantId: string;
    tenantName: string;
    tenantSlug: string;
    deactivatedAt: Date | null;
  },
  role: Role,
): Membership {
  const { deactivatedAt, ...rest } = row;
  return { ...rest, deactivated: deactivatedAt !== null, role };
}
