import { sql } from 'drizzle-orm';
import { pgPolicy, pgRole } from 'drizzle-orm/pg-core';

/** The non-superuser role every tenant-scoped query runs as; created by migration 0000. */
export const APP_ROLE_NAME = 'immoxx_app';
export const appRole = pgRole(APP_ROLE_NAME).existing();

const currentTenant = sql`current_setting('app.tenant_id', true)`;

/**
 * Row-level security for a table with a `tenant_id` column: the app role only sees and
 * writes rows of the tenant set for the current transaction (see `withTenant`).
 */
export function tenantIsolationPolicy(column = 'tenant_id') {
  const predicate = sql`${sql.identifier(column)} = ${currentTenant}`;
  return pgPolicy('tenant_isolation', {
    as: 'permissive',
    for: 'all',
    to: appRole,
    using: predicate,
    withCheck: predicate,
  });
}
