// The owner report (Eigentümerbericht) of a busy listing on the embedded defaults: 2,000 inquiries
// over five channels and 90 days, 150 viewings with 900 visitors (600 of them with feedback) and
// 400 exposé openings. We time the PDF route (figures + PDF) and the "Jetzt senden" route (figures,
// PDF, base64 attachment into the outbox, timeline), next to the exposé PDF of the same listing
// without photos (the baseline: what any PDF of this listing costs here).
//   npm run bench:owner-report   (BENCH_RUNS=20 by default)
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import {
  activity,
  contact,
  exposeAccess,
  property,
  propertyMedia,
  viewing,
} from '../src/modules/crm/schema.js';
import { inquirySubject } from '../src/modules/crm/server/lead-intake.js';
import { viewingFeedback, viewingParticipant } from '../src/modules/viewings/schema.js';
import { percentile } from './bench-server.js';
import { startInProcess } from './in-process.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const INQUIRIES = 2000;
const VIEWINGS = 150;
const VISITORS_PER_VIEWING = 6;
const CHANNELS = ['website', 'immoscout24', 'immowelt', 'kleinanzeigen', 'email'] as const;
const DAY = 86_400_000;

const { platform, as, close } = await startInProcess('owner-report', {});
try {
  const [listing] = await platform.database.db
    .select()
    .from(property)
    .where(and(eq(property.status, 'aktiv'), eq(property.marketingType, 'kauf')))
    .limit(1);
  if (!listing) throw new Error('demo office has no active listing for sale');
  const tenantId = listing.tenantId;
  const now = Date.now();

  await platform.database.withTenant(tenantId, async (tx) => {
    // Photos out: the baseline exposé should cost only text and layout, like the report.
    await tx.delete(propertyMedia).where(eq(propertyMedia.propertyId, listing.id));
    const visitors = await tx
      .insert(contact)
      .values(
        Array.from({ length: VIEWINGS * VISITORS_PER_VIEWING }, (_, i) => ({
          tenantId,
          firstName: 'Bench',
          lastName: `Besucher ${i}`,
          email: `bench-owner-${i}@example.de`,
        })),
      )
      .returning({ id: contact.id });
    for (let i = 0; i < INQUIRIES; i += 500)
      await tx.insert(activity).values(
        Array.from({ length: Math.min(500, INQUIRIES - i) }, (_, j) => ({
          tenantId,
          propertyId: listing.id,
          contactId: visitors[(i + j) % visitors.length]?.id ?? null,
          kind: 'anfrage',
          subject: inquirySubject(listing.title, CHANNELS[(i + j) % CHANNELS.length] ?? 'website'),
          occurredAt: new Date(now - ((i + j) % 90) * DAY),
        })),
      );
    const viewings = await tx
      .insert(viewing)
      .values(
        Array.from({ length: VIEWINGS }, (_, i) => ({
          tenantId,
          propertyId: listing.id,
          startsAt: new Date(now - (i % 60) * DAY),
          endsAt: new Date(now - (i % 60) * DAY + 3_600_000),
          status: 'durchgefuehrt',
        })),
      )
      .returning({ id: viewing.id });
    const participants = await tx
      .insert(viewingParticipant)
      .values(
        visitors.map((v, i) => ({
          tenantId,
          viewingId: viewings[Math.floor(i / VISITORS_PER_VIEWING)]?.id ?? '',
          contactId: v.id,
          token: randomBytes(16).toString('hex'),
          response: 'bestaetigt' as const,
          checkedInAt: i % 5 ? new Date() : null,
          noShow: i % 5 === 0,
        })),
      )
      .returning({ id: viewingParticipant.id, viewingId: viewingParticipant.viewingId });
    await tx.insert(viewingFeedback).values(
      participants
        .filter((_, i) => i % 3 !== 0)
        .map((p, i) => ({
          tenantId,
          participantId: p.id,
          viewingId: p.viewingId,
          interest: 1 + (i % 5),
          priceOpinion: (['zu_hoch', 'angemessen', 'guenstig'] as const)[i % 3],
          missing: i % 7 === 0 ? 'Ein Balkon' : '',
        })),
    );
    await tx.insert(exposeAccess).values(
      visitors.slice(0, 400).map((v, i) => ({
        tenantId,
        propertyId: listing.id,
        contactId: v.id,
        tokenHash: randomBytes(16).toString('hex'),
        expiresAt: new Date(now + 30 * DAY),
        acknowledgedAt: new Date(now - (i % 30) * DAY),
        viewCount: 1 + (i % 4),
      })),
    );
  });
  const [owner] = await platform.database.withTenant(tenantId, (tx) =>
    tx
      .insert(contact)
      .values({ tenantId, lastName: 'Eigentümerin', email: 'bench-owner@example.de', roles: ['eigentuemer'] })
      .returning(),
  );
  const put = await as('PUT', `/api/mailings/owner-reports/${listing.id}`, {
    ownerContactId: owner?.id,
    weekly: false,
    assessment: 'Preis halten.',
  });
  if (put.statusCode !== 200) throw new Error(`settings: ${put.statusCode} ${put.body}`);

  const time = async (label: string, method: 'GET' | 'POST', url: string, status: number) => {
    const ms: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS + 2; i++) {
      const began = performance.now();
      const res = await as(method, url);
      const took = performance.now() - began;
      if (res.statusCode !== status) throw new Error(`${label}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      bytes = res.rawPayload.length;
      if (i >= 2) ms.push(took); // two warm-up runs
    }
    ms.sort((a, b) => a - b);
    const p50 = percentile(ms, 50);
    const p95 = percentile(ms, 95);
    console.log(
      `${label}: p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms (${RUNS} runs, ${(bytes / 1024).toFixed(0)} KiB)`,
    );
    return p95;
  };
  const baseline = await time(
    'exposé PDF (baseline)',
    'GET',
    `/api/crm/properties/${listing.id}/expose.pdf`,
    200,
  );
  const report = await time(
    'owner report PDF',
    'GET',
    `/api/mailings/owner-reports/${listing.id}/report.pdf`,
    200,
  );
  const send = await time('owner report send', 'POST', `/api/mailings/owner-reports/${listing.id}/send`, 201);
  console.log(
    `p95 ratio report/baseline ${(report / baseline).toFixed(2)}, send/baseline ${(send / baseline).toFixed(2)}`,
  );
  console.log(`rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
} finally {
  await close();
}
