import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Tx } from '../../../platform/db/database.js';
import { defineJob, PermanentJobError } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import { portalAccount, portalListing } from '../schema.js';
import type { AccountRow } from './portal-account.js';
import { reconcileIs24, syncFeed, syncIs24 } from './portal-sync.js';

export const SYNC_JOB = 'portals.sync';
export const RECONCILE_JOB = 'portals.reconcile';

const LEASE_MS = 10 * 60_000;
/** Local hour (Europe/Berlin) of the nightly reconciliation. */
const NIGHTLY_HOUR = 3;

class AccountBusyError extends Error {}

/**
 * One worker per account at a time: two passes racing could both find a listing missing and both
 * create it. The lease expires on its own should a worker die.
 */
async function withAccountLease<T>(
  withTenant: <R>(fn: (tx: Tx) => Promise<R>) => Promise<R>,
  accountId: string,
  fn: (account: AccountRow) => Promise<T>,
): Promise<T | null> {
  const now = new Date();
  const [account] = await withTenant((tx) =>
    tx
      .update(portalAccount)
      .set({ lockedUntil: new Date(now.getTime() + LEASE_MS) })
      .where(
        and(
          eq(portalAccount.id, accountId),
          or(isNull(portalAccount.lockedUntil), lt(portalAccount.lockedUntil, now)),
        ),
      )
      .returning(),
  );
  if (!account) {
    const [exists] = await withTenant((tx) =>
      tx.select({ id: portalAccount.id }).from(portalAccount).where(eq(portalAccount.id, accountId)),
    );
    if (!exists) return null;
    throw new AccountBusyError(`Portal-Konto ${accountId} wird gerade abgeglichen; nächster Versuch folgt.`);
  }
  try {
    return await fn(account);
  } finally {
    await withTenant((tx) =>
      tx.update(portalAccount).set({ lockedUntil: null }).where(eq(portalAccount.id, accountId)),
    );
  }
}

/** Sends a listing's changes (or the account's pending ones) to one portal. */
export const portalSyncJob = (platform: Platform) =>
  defineJob({
    name: SYNC_JOB,
    version: 1,
    payload: z.object({
      accountId: z.string().uuid(),
      propertyId: z.string().uuid().nullable(),
      full: z.boolean().default(false),
    }),
    attempts: 6,
    backoffSeconds: 30,
    timeoutSeconds: 900,
    handler: async ({ tenantId, payload, withTenant, attempt, maxAttempts, reportProgress }) => {
      if (!tenantId) throw new PermanentJobError('portal sync needs a tenant');
      const isLastAttempt = attempt >= maxAttempts;
      const result = await withAccountLease(withTenant, payload.accountId, async (account) => {
        if (account.transport === 'is24')
          return syncIs24(platform, withTenant, account, payload.propertyId, isLastAttempt);
        return syncFeed(platform, tenantId, withTenant, account, { full: payload.full, isLastAttempt });
      });
      await reportProgress(100, result ? JSON.stringify(result) : 'Konto gelöscht');
      return result ?? { skipped: true };
    },
  });

/** The nightly repair: compares what the portal shows with what should be there. */
export const portalReconcileJob = (platform: Platform) =>
  defineJob({
    name: RECONCILE_JOB,
    version: 1,
    payload: z.object({ accountId: z.string().uuid() }),
    attempts: 3,
    backoffSeconds: 120,
    timeoutSeconds: 1800,
    handler: async ({ tenantId, payload, withTenant, attempt, maxAttempts }) => {
      if (!tenantId) throw new PermanentJobError('portal reconciliation needs a tenant');
      const isLastAttempt = attempt >= maxAttempts;
      return withAccountLease(withTenant, payload.accountId, async (account) => {
        if (account.transport === 'is24') {
          const drift = await reconcileIs24(platform, withTenant, account);
          const sync = await syncIs24(platform, withTenant, account, null, isLastAttempt);
          return { ...drift, ...sync };
        }
        // A full feed is what FTP portals repair drift with: whatever is missing from it goes offline.
        return syncFeed(platform, tenantId, withTenant, account, { full: true, isLastAttempt });
      });
    },
  });

/**
 * Queues a portal pass. Edits within the debounce window share one job (same key); taking a
 * listing off the market goes out at once, because a sold listing must not stay online.
 */
export async function enqueueSync(
  platform: Platform,
  tenantId: string,
  account: { id: string; transport: string },
  propertyId: string | null,
  options: { immediate?: boolean; full?: boolean } = {},
): Promise<void> {
  // A feed portal gets one upload for all its listings; ImmoScout24 one pass per listing.
  const scopeId = account.transport === 'is24' ? propertyId : null;
  if (options.immediate) {
    await platform.jobs.enqueue(
      SYNC_JOB,
      { accountId: account.id, propertyId: scopeId, full: options.full ?? false },
      { tenantId },
    );
    return;
  }
  // Changes within the window go out together, in one job per account and listing.
  const window = platform.config.env.PORTALS_DEBOUNCE_SECONDS * 1000;
  const bucket = Math.floor(Date.now() / window);
  await platform.jobs.enqueue(
    SYNC_JOB,
    { accountId: account.id, propertyId: scopeId, full: false },
    {
      tenantId,
      key: `${account.id}:${scopeId ?? 'all'}:${bucket}`,
      runAt: new Date((bucket + 1) * window + 500),
    },
  );
}

/** After a listing changed: a pass for every portal it is on or chosen for. */
export async function enqueueForProperty(
  platform: Platform,
  tenantId: string,
  propertyId: string,
  options: { immediate?: boolean } = {},
): Promise<void> {
  const accounts = await platform.database.withTenant(tenantId, (tx) =>
    tx
      .select({ id: portalAccount.id, transport: portalAccount.transport })
      .from(portalListing)
      .innerJoin(portalAccount, eq(portalAccount.id, portalListing.accountId))
      .where(eq(portalListing.propertyId, propertyId)),
  );
  for (const account of accounts) await enqueueSync(platform, tenantId, account, propertyId, options);
}

/** After a deletion the rows lost their listing: each account with such rows withdraws them now. */
export async function enqueueOrphans(platform: Platform, tenantId: string): Promise<void> {
  const accounts = await platform.database.withTenant(tenantId, (tx) =>
    tx
      .selectDistinct({ id: portalAccount.id, transport: portalAccount.transport })
      .from(portalListing)
      .innerJoin(portalAccount, eq(portalAccount.id, portalListing.accountId))
      .where(isNull(portalListing.propertyId)),
  );
  for (const account of accounts) await enqueueSync(platform, tenantId, account, null, { immediate: true });
}

/** At 03:00 Berlin time every account is reconciled once (the key holds across servers). */
export async function enqueueNightly(platform: Platform, now = new Date()): Promise<number> {
  const local = DateTime.fromJSDate(now).setZone('Europe/Berlin');
  if (local.hour !== NIGHTLY_HOUR) return 0;
  const accounts = await platform.database.db
    .select({ id: portalAccount.id, tenantId: portalAccount.tenantId })
    .from(portalAccount)
    .where(eq(portalAccount.status, 'aktiv'));
  for (const a of accounts)
    await platform.jobs.enqueue(
      RECONCILE_JOB,
      { accountId: a.id },
      { tenantId: a.tenantId, key: `${a.id}:${local.toISODate()}` },
    );
  return accounts.length;
}
