// Reminders at scale on the embedded defaults: 10,000 viewings that all start within the same hour
// tomorrow, one visitor each. The minute tick runs through that hour (simulated clock, real work),
// twice per minute as two servers would; we count messages and duplicates and report how long each
// reminder waited after its due time (lag p95) and how long a tick takes.
//   npm run bench:reminders   (BENCH_VIEWINGS=10000 by default)
import { randomBytes } from 'node:crypto';
import { count, eq, like } from 'drizzle-orm';
import { contact, property, viewing } from '../src/modules/crm/schema.js';
import { viewingMessage, viewingParticipant } from '../src/modules/viewings/schema.js';
import { sendDueMessages } from '../src/modules/viewings/server/reminder-tick.js';
import { mailOutbox } from '../src/platform/mail/mail.schema.js';
import { percentile } from './bench-server.js';
import { startInProcess } from './in-process.js';

const VIEWINGS = Number(process.env.BENCH_VIEWINGS ?? 10_000);
const HOUR = 3_600_000;
const MINUTE = 60_000;

const { platform, close } = await startInProcess('reminders', {});
try {
  const [listing] = await platform.database.db.select().from(property).limit(1);
  if (!listing) throw new Error('demo office has no listing');
  const tenantId = listing.tenantId;
  // The hour in which all of them start, a day ahead, on whole minutes.
  const hourStart = Math.ceil((Date.now() + 25 * HOUR) / MINUTE) * MINUTE;
  const invitedAt = new Date(Date.now() - 3 * 24 * HOUR);
  const startsAt: number[] = [];
  const setup = performance.now();
  await platform.database.withTenant(tenantId, async (tx) => {
    for (let i = 0; i < VIEWINGS; i += 1000) {
      const n = Math.min(1000, VIEWINGS - i);
      const contacts = await tx
        .insert(contact)
        .values(
          Array.from({ length: n }, (_, j) => ({
            tenantId,
            lastName: `Besucher ${i + j}`,
            email: `bench-${i + j}@example.de`,
          })),
        )
        .returning({ id: contact.id });
      const times = Array.from({ length: n }, (_, j) => hourStart + (((i + j) * 37) % 60) * MINUTE);
      startsAt.push(...times);
      const viewings = await tx
        .insert(viewing)
        .values(
          times.map((t) => ({
            tenantId,
            propertyId: listing.id,
            startsAt: new Date(t),
            endsAt: new Date(t + 45 * MINUTE),
          })),
        )
        .returning({ id: viewing.id });
      await tx.insert(viewingParticipant).values(
        viewings.map((v, j) => ({
          tenantId,
          viewingId: v.id,
          contactId: contacts[j]?.id as string,
          token: randomBytes(24).toString('base64url'),
          createdAt: invitedAt,
          nextReminderAt: new Date((times[j] as number) - 24 * HOUR),
          feedbackAt: new Date((times[j] as number) + 45 * MINUTE + 2 * HOUR),
        })),
      );
    }
  });
  console.log(
    `setup: ${VIEWINGS} viewings with one visitor each in ${((performance.now() - setup) / 1000).toFixed(1)} s`,
  );

  // The 24-hour reminders fall due during [hourStart − 24 h, hourStart − 23 h): tick every minute.
  const dueStart = hourStart - 24 * HOUR;
  const tickMs: number[] = [];
  const lags: number[] = [];
  let sent = 0;
  for (let minute = 0; minute <= 60; minute++) {
    const now = dueStart + minute * MINUTE;
    const began = performance.now();
    // Two servers' ticks at the same minute: the dedupe key lets only one of them send each.
    const [a, b] = await Promise.all([
      sendDueMessages(platform, new Date(now)),
      sendDueMessages(platform, new Date(now)),
    ]);
    const took = performance.now() - began;
    tickMs.push(took);
    sent += a + b;
    // Each reminder sent in this tick waited from its due time to the tick plus the tick's work.
    for (const t of startsAt) {
      const due = t - 24 * HOUR;
      if (due <= now && due > now - MINUTE) lags.push(now - due + took);
    }
  }
  const [messages] = await platform.database.db
    .select({ n: count() })
    .from(viewingMessage)
    .where(eq(viewingMessage.kind, 'erinnerung'));
  const [mails] = await platform.database.db
    .select({ n: count() })
    .from(mailOutbox)
    .where(like(mailOutbox.toAddress, 'bench-%'));
  const sortedTicks = [...tickMs].sort((x, y) => x - y);
  const sortedLags = [...lags].sort((x, y) => x - y);
  console.log(
    `reminders: ${sent} sent for ${VIEWINGS} visitors, ${messages?.n} reminder records, ${mails?.n} mails in the outbox, duplicates ${(mails?.n ?? 0) - VIEWINGS}`,
  );
  console.log(
    `tick (two at once): p50 ${percentile(sortedTicks, 50).toFixed(0)} ms, p95 ${percentile(sortedTicks, 95).toFixed(0)} ms, max ${sortedTicks.at(-1)?.toFixed(0)} ms`,
  );
  console.log(
    `lag after due time: p50 ${(percentile(sortedLags, 50) / 1000).toFixed(1)} s, p95 ${(percentile(sortedLags, 95) / 1000).toFixed(1)} s (minute tick)`,
  );
  if ((mails?.n ?? 0) !== VIEWINGS) {
    console.error('FAIL: every visitor must get exactly one 24-hour reminder');
    process.exitCode = 1;
  }
} finally {
  await close();
}
