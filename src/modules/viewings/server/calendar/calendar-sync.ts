import { and, eq, inArray, isNull, lt, notInArray, or } from 'drizzle-orm';
import type { AuditActor } from '../../../../platform/audit/record-audit.js';
import type { Platform } from '../../../../platform/kernel.js';
import { viewing } from '../../../crm/schema.js';
import { deleteViewing, moveViewing } from '../../../crm/server/viewing-service.js';
import { calendarBusy, calendarConnection, calendarEvent } from '../../schema.js';
import {
  type CalendarClient,
  type CalendarEntry,
  CalendarSyncError,
  type RemoteChange,
  RemoteConflictError,
  type RemoteRef,
} from './calendar-client.js';
import { loadCalendarEntry, viewingIdFromUid } from './calendar-entry.js';
import { clientFor } from './client-for.js';

type Connection = typeof calendarConnection.$inferSelect;

const DAY = 86_400_000;
const LOCK_MS = 2 * 60_000;
const LOCK_WAIT_MS = 15_000;
/** Busy times and moves are read from 30 days back to a year ahead. */
const syncWindow = (now = Date.now()) => ({
  from: new Date(now - 30 * DAY),
  to: new Date(now + 365 * DAY),
});

export interface PullResult {
  moved: number;
  deleted: number;
  busy: number;
}

/** The calendar's own changes are made in the agent's name, so the audit says whose calendar. */
const calendarActor = (c: Connection): AuditActor => ({
  tenantId: c.tenantId,
  userId: c.userId,
  userName: c.provider === 'google' ? 'Google Kalender' : 'CalDAV-Kalender',
  ipAddress: null,
  requestId: null,
});

/**
 * Runs `fn` while holding the connection: push and pull of one calendar never overlap, on this
 * server or another. A held connection throws a transient error, so the job tries again later.
 */
async function withConnection<T>(
  platform: Platform,
  tenantId: string,
  connectionId: string,
  fn: (c: Connection) => Promise<T>,
): Promise<T> {
  const take = () =>
    platform.database.withTenant(tenantId, (tx) =>
      tx
        .update(calendarConnection)
        .set({ lockedUntil: new Date(Date.now() + LOCK_MS) })
        .where(
          and(
            eq(calendarConnection.id, connectionId),
            or(isNull(calendarConnection.lockedUntil), lt(calendarConnection.lockedUntil, new Date())),
          ),
        )
        .returning(),
    );
  // A push or pull takes seconds: wait that long before handing the work back to the job queue.
  let [held] = await take();
  for (let waited = 0; !held && waited < LOCK_WAIT_MS; waited += 250) {
    await new Promise((r) => setTimeout(r, 250));
    [held] = await take();
  }
  if (!held) {
    const [exists] = await platform.database.withTenant(tenantId, (tx) =>
      tx
        .select({ id: calendarConnection.id })
        .from(calendarConnection)
        .where(eq(calendarConnection.id, connectionId)),
    );
    if (!exists) throw new CalendarSyncError('Die Kalenderverbindung besteht nicht mehr.');
    throw new CalendarSyncError('Der Kalender wird gerade abgeglichen.', null, true);
  }
  try {
    const result = await fn(held);
    await platform.database.withTenant(tenantId, (tx) =>
      tx
        .update(calendarConnection)
        .set({ lockedUntil: null, lastError: null })
        .where(eq(calendarConnection.id, connectionId)),
    );
    return result;
  } catch (error) {
    await platform.database.withTenant(tenantId, (tx) =>
      tx
        .update(calendarConnection)
        .set({
          lockedUntil: null,
          lastError: error instanceof CalendarSyncError ? error.message : 'Abgleich fehlgeschlagen.',
        })
        .where(eq(calendarConnection.id, connectionId)),
    );
    throw error;
  }
}

/**
 * Brings one viewing into the calendars it belongs in: its agent's (created or replaced when its
 * content changed) and out of any other (deleted, cancelled, or handed to another agent).
 */
export async function pushViewing(platform: Platform, tenantId: string, viewingId: string): Promise<void> {
  const { target, links } = await platform.database.withTenant(tenantId, async (tx) => {
    const wanted = await loadCalendarEntry(tx, platform.publicUrl, viewingId);
    const [connection] = wanted?.agentId
      ? await tx
          .select({ id: calendarConnection.id })
          .from(calendarConnection)
          .where(eq(calendarConnection.userId, wanted.agentId))
      : [];
    const mapped = await tx.select().from(calendarEvent).where(eq(calendarEvent.viewingId, viewingId));
    return {
      target: wanted && connection ? { ...wanted, connectionId: connection.id } : null,
      links: mapped,
    };
  });
  for (const link of links.filter((l) => l.connectionId !== target?.connectionId)) {
    await withConnection(platform, tenantId, link.connectionId, async (c) => {
      // The viewing left this calendar: delete whatever version is there now.
      await clientFor(platform, c).remove({ remoteId: link.remoteId, etag: null });
      await platform.database.withTenant(tenantId, (tx) =>
        tx
          .delete(calendarEvent)
          .where(and(eq(calendarEvent.connectionId, c.id), eq(calendarEvent.viewingId, viewingId))),
      );
    });
  }
  if (!target) return;
  const link = links.find((l) => l.connectionId === target.connectionId);
  if (link && link.contentHash === target.hash) return;
  await withConnection(platform, tenantId, target.connectionId, async (c) => {
    const ref = link ? { remoteId: link.remoteId, etag: link.etag } : null;
    const written = await writeEntry(clientFor(platform, c), target.entry, ref);
    await saveLink(platform, c, viewingId, written, target.hash);
  });
}

/** Creates or replaces one event; a 412 means it changed remotely since we last saw it. */
async function writeEntry(
  client: CalendarClient,
  entry: CalendarEntry,
  ref: RemoteRef | null,
): Promise<RemoteRef> {
  try {
    return await client.put(entry, ref);
  } catch (error) {
    if (!(error instanceof RemoteConflictError) || !ref) throw error;
    // ImmoXX's change is the newer one (it is being pushed now), so it is written over the
    // version just read, never blindly.
    return client.put(entry, await client.current(ref.remoteId));
  }
}

/**
 * Several viewings into one agent's calendar in a single hold of the connection (the first round
 * after connecting writes hundreds). Returns how many were written.
 */
export async function pushMany(
  platform: Platform,
  tenantId: string,
  connectionId: string,
  viewingIds: string[],
): Promise<number> {
  if (viewingIds.length === 0) return 0;
  return withConnection(platform, tenantId, connectionId, async (c) => {
    const client = clientFor(platform, c);
    let written = 0;
    for (const viewingId of viewingIds) {
      const { wanted, link } = await platform.database.withTenant(tenantId, async (tx) => ({
        wanted: await loadCalendarEntry(tx, platform.publicUrl, viewingId),
        link: (
          await tx
            .select()
            .from(calendarEvent)
            .where(and(eq(calendarEvent.connectionId, c.id), eq(calendarEvent.viewingId, viewingId)))
        )[0],
      }));
      if (!wanted || wanted.agentId !== c.userId || link?.contentHash === wanted.hash) continue;
      const ref = link ? { remoteId: link.remoteId, etag: link.etag } : null;
      await saveLink(platform, c, viewingId, await writeEntry(client, wanted.entry, ref), wanted.hash);
      written++;
    }
    return written;
  });
}

/** Remembers which remote event a viewing is and the version both sides now agree on. */
async function saveLink(
  platform: Platform,
  c: Connection,
  viewingId: string,
  ref: { remoteId: string; etag: string | null },
  hash: string,
): Promise<void> {
  const { remoteId, etag } = ref;
  await platform.database.withTenant(c.tenantId, (tx) =>
    tx
      .insert(calendarEvent)
      .values({ connectionId: c.id, viewingId, tenantId: c.tenantId, remoteId, etag, contentHash: hash })
      .onConflictDoUpdate({
        target: [calendarEvent.connectionId, calendarEvent.viewingId],
        set: { remoteId, etag, contentHash: hash, syncedAt: new Date() },
      }),
  );
}

/**
 * Reads what changed in the agent's calendar: a viewing moved there moves in ImmoXX (and its
 * visitors are told), one deleted there is deleted here, and every other appointment becomes a
 * busy time that blocks viewing slots.
 */
export async function pullConnection(
  platform: Platform,
  tenantId: string,
  connectionId: string,
): Promise<PullResult> {
  return withConnection(platform, tenantId, connectionId, async (c) => {
    const window = syncWindow();
    const remote = await clientFor(platform, c).changes(c.syncToken, window);
    const result: PullResult = { moved: 0, deleted: 0, busy: 0 };
    const links = await platform.database.withTenant(tenantId, (tx) =>
      tx.select().from(calendarEvent).where(eq(calendarEvent.connectionId, c.id)),
    );
    const byRemote = new Map(links.map((l) => [l.remoteId, l]));
    const seen = new Set<string>();
    for (const change of remote.changes) {
      seen.add(change.remoteId);
      const link = byRemote.get(change.remoteId);
      const ownId = link?.viewingId ?? ownViewingId(change);
      if (ownId) await applyOwn(platform, c, change, ownId, link ? { etag: link.etag } : null, result);
      else result.busy += await replaceBusy(platform, c, change, window);
    }
    if (remote.complete) {
      // A complete listing without one of our events: it was deleted while we were not looking.
      const missing = links.filter((l) => !seen.has(l.remoteId));
      const inWindow = missing.length
        ? await platform.database.withTenant(tenantId, (tx) =>
            tx
              .select({ id: viewing.id, startsAt: viewing.startsAt })
              .from(viewing)
              .where(
                inArray(
                  viewing.id,
                  missing.map((m) => m.viewingId),
                ),
              ),
          )
        : [];
      for (const m of missing) {
        const v = inWindow.find((x) => x.id === m.viewingId);
        if (v && (v.startsAt < window.from || v.startsAt >= window.to)) continue;
        await applyOwn(
          platform,
          c,
          { remoteId: m.remoteId, etag: null, deleted: true, events: [] },
          m.viewingId,
          { etag: m.etag },
          result,
        );
      }
      await platform.database.withTenant(tenantId, (tx) =>
        tx
          .delete(calendarBusy)
          .where(and(eq(calendarBusy.connectionId, c.id), notInArray(calendarBusy.remoteId, [...seen]))),
      );
    }
    await platform.database.withTenant(tenantId, (tx) =>
      tx
        .update(calendarConnection)
        .set({ syncToken: remote.syncToken, lastSyncAt: new Date() })
        .where(eq(calendarConnection.id, c.id)),
    );
    return result;
  });
}

const ownViewingId = (change: RemoteChange): string | null => {
  const uid = change.events[0]?.uid;
  return uid ? viewingIdFromUid(uid) : null;
};

async function applyOwn(
  platform: Platform,
  c: Connection,
  change: RemoteChange,
  viewingId: string,
  /** What this connection last wrote or read of the event; null when it never did. */
  link: { etag: string | null } | null,
  result: PullResult,
): Promise<void> {
  if (!link) {
    // One of our UIDs that this connection did not write (copied from a colleague's calendar, or
    // typed in): it may only touch a viewing of this agent, never someone else's.
    const owner = await platform.database.withTenant(c.tenantId, (tx) =>
      loadCalendarEntry(tx, platform.publicUrl, viewingId),
    );
    if (!owner || owner.agentId !== c.userId) return;
  }
  const dropLink = () =>
    platform.database.withTenant(c.tenantId, (tx) =>
      tx
        .delete(calendarEvent)
        .where(and(eq(calendarEvent.connectionId, c.id), eq(calendarEvent.viewingId, viewingId))),
    );
  const event = change.events[0];
  if (change.deleted || !event || event.cancelled) {
    await dropLink();
    if (await deleteViewing(platform, calendarActor(c), viewingId)) result.deleted++;
    return;
  }
  // Our own write coming back: nothing to do.
  if (link?.etag && change.etag === link.etag) return;
  const entry = await platform.database.withTenant(c.tenantId, (tx) =>
    loadCalendarEntry(tx, platform.publicUrl, viewingId),
  );
  if (!entry || entry.agentId !== c.userId) {
    // Gone, cancelled or handed over in ImmoXX while the calendar still had it: ImmoXX decides.
    await clientFor(platform, c).remove({ remoteId: change.remoteId, etag: null });
    await dropLink();
    return;
  }
  if (event.end <= event.start) {
    // A viewing cannot end before it starts (a half-finished edit on the phone): ImmoXX's
    // version goes back over it, so both sides agree again.
    const written = await clientFor(platform, c).put(entry.entry, {
      remoteId: change.remoteId,
      etag: change.etag,
    });
    await saveLink(platform, c, viewingId, written, entry.hash);
    return;
  }
  if (await moveViewing(platform, calendarActor(c), viewingId, event.start, event.end)) result.moved++;
  // Store the version just read with the hash of what the viewing now is, so the push that the
  // move triggers finds nothing to write.
  const after = await platform.database.withTenant(c.tenantId, (tx) =>
    loadCalendarEntry(tx, platform.publicUrl, viewingId),
  );
  await saveLink(platform, c, viewingId, change, after?.hash ?? '');
}

async function replaceBusy(
  platform: Platform,
  c: Connection,
  change: RemoteChange,
  window: { from: Date; to: Date },
): Promise<number> {
  const rows = change.deleted
    ? []
    : change.events
        .filter((e) => e.blocks)
        .flatMap((e) => e.occurrences)
        .filter((o) => o.end > o.start && o.end > window.from && o.start < window.to)
        .map((o) => ({
          connectionId: c.id,
          remoteId: change.remoteId,
          tenantId: c.tenantId,
          userId: c.userId,
          startsAt: o.start,
          endsAt: o.end,
        }));
  await platform.database.withTenant(c.tenantId, async (tx) => {
    await tx
      .delete(calendarBusy)
      .where(and(eq(calendarBusy.connectionId, c.id), eq(calendarBusy.remoteId, change.remoteId)));
    if (rows.length) await tx.insert(calendarBusy).values(rows).onConflictDoNothing();
  });
  return rows.length;
}

/** Connections whose last pull is older than `staleMs` (or never ran), for the periodic tick. */
export async function staleConnections(platform: Platform, staleMs: number) {
  return platform.database.db
    .select({ id: calendarConnection.id, tenantId: calendarConnection.tenantId })
    .from(calendarConnection)
    .where(
      or(
        isNull(calendarConnection.lastSyncAt),
        lt(calendarConnection.lastSyncAt, new Date(Date.now() - staleMs)),
      ),
    )
    .limit(500);
}
