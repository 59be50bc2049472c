import { readFileSync } from 'node:fs';
import { and, count, desc, eq, gte, inArray, lte, min, sql } from 'drizzle-orm';
import { tenant } from '../../../platform/auth/auth.schema.js';
import { jobRun } from '../../../platform/jobs/jobs.schema.js';
import type { Platform } from '../../../platform/kernel.js';
import { mailOutbox } from '../../../platform/mail/mail.schema.js';
import type { SystemHealth } from '../contract.js';

const startedAt = Date.now();

/** The build's version: package.json, and the commit when the deployment says it (GIT_COMMIT). */
function version(): SystemHealth['version'] {
  let app = 'unbekannt';
  try {
    app = (
      JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch {
    // A bundle without package.json next to it: the version stays unknown rather than failing the page.
  }
  return { app, node: process.version, commit: process.env.GIT_COMMIT ?? null };
}

/** What an operator checks first when something is off: database, queue, disk, mail. */
export async function systemHealth(platform: Platform): Promise<SystemHealth> {
  const db = platform.database.db;
  const since = new Date(Date.now() - 86_400_000);
  const pingStart = performance.now();
  const ping = await db
    .execute(sql`select 1`)
    .then(() => true)
    .catch(() => false);
  const latencyMs = Math.round((performance.now() - pingStart) * 10) / 10;
  const [jobCounts, oldestDue, failed24h, deadByName, mailCounts, sent24h, offices, disk] = await Promise.all(
    [
      db
        .select({ status: jobRun.status, n: count() })
        .from(jobRun)
        .where(inArray(jobRun.status, ['queued', 'running', 'retrying', 'dead']))
        .groupBy(jobRun.status),
      db
        .select({ at: min(jobRun.runAt) })
        .from(jobRun)
        .where(and(inArray(jobRun.status, ['queued', 'retrying']), lte(jobRun.runAt, new Date()))),
      db
        .select({ n: count() })
        .from(jobRun)
        .where(and(eq(jobRun.status, 'dead'), gte(jobRun.updatedAt, since))),
      db
        .select({ name: jobRun.name, count: count() })
        .from(jobRun)
        .where(eq(jobRun.status, 'dead'))
        .groupBy(jobRun.name)
        .orderBy(desc(count()))
        .limit(5),
      db.select({ status: mailOutbox.status, n: count() }).from(mailOutbox).groupBy(mailOutbox.status),
      db
        .select({ n: count() })
        .from(mailOutbox)
        .where(and(eq(mailOutbox.status, 'sent'), gte(mailOutbox.sentAt, since))),
      db.select({ total: count(), deactivated: count(tenant.deactivatedAt) }).from(tenant),
      platform.files.probe(),
    ],
  );
  const jobs = new Map(jobCounts.map((r) => [r.status, r.n]));
  const mails = new Map(mailCounts.map((r) => [r.status, r.n]));
  const oldest = oldestDue[0]?.at;
  return {
    version: version(),
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    memoryRssBytes: process.memoryUsage().rss,
    database: { kind: platform.database.kind, latencyMs, ok: ping },
    jobs: {
      engine: platform.jobs.engineKind,
      queued: (jobs.get('queued') ?? 0) + (jobs.get('retrying') ?? 0),
      running: jobs.get('running') ?? 0,
      dead: jobs.get('dead') ?? 0,
      failedLast24h: failed24h[0]?.n ?? 0,
      oldestDueSeconds: oldest ? Math.max(0, Math.round((Date.now() - oldest.getTime()) / 1000)) : null,
      deadByName,
    },
    disk,
    mail: {
      online: platform.mail.online,
      // Offline mails wait in the outbox just as queued ones do.
      queued: (mails.get('queued') ?? 0) + (mails.get('offline') ?? 0),
      failed: mails.get('failed') ?? 0,
      sentLast24h: sent24h[0]?.n ?? 0,
    },
    offices: { total: offices[0]?.total ?? 0, deactivated: offices[0]?.deactivated ?? 0 },
  };
}
