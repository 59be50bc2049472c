// Angebotsversand at scale on the embedded defaults: 5,000 contacts whose search profile matches one
// demo listing, 90 % with advertising consent. We time the audience (matching + consent check, the
// page the broker looks at), the creation of the mailing, and the sending through the real job
// engine with the throttle lifted to one round, next to the bare cost of queueing the same number
// of mails with platform.mail.send (the baseline: what sending costs without personalisation,
// consent re-check, unsubscribe token and timeline entry). Every eligible contact must get exactly
// one mail.
//   npm run bench:mailing   (BENCH_CONTACTS=5000 by default)
import { and, count, eq, like } from 'drizzle-orm';
import { contact, property, searchRequest } from '../src/modules/crm/schema.js';
import { mailingConsent } from '../src/modules/mailings/schema.js';
import { mailOutbox } from '../src/platform/mail/mail.schema.js';
import { percentile } from './bench-server.js';
import { startInProcess } from './in-process.js';

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 5000);
const WITHOUT_CONSENT_EVERY = 10;
const eligible = CONTACTS - Math.ceil(CONTACTS / WITHOUT_CONSENT_EVERY);

const { platform, as, close } = await startInProcess('mailing', { MAILINGS_PER_MINUTE: '10000' });
try {
  const [listing] = await platform.database.db
    .select()
    .from(property)
    .where(and(eq(property.status, 'aktiv'), eq(property.marketingType, 'kauf')))
    .limit(1);
  if (!listing) throw new Error('demo office has no active listing for sale');
  const tenantId = listing.tenantId;

  const setup = performance.now();
  await platform.database.withTenant(tenantId, async (tx) => {
    for (let i = 0; i < CONTACTS; i += 1000) {
      const n = Math.min(1000, CONTACTS - i);
      const rows = await tx
        .insert(contact)
        .values(
          Array.from({ length: n }, (_, j) => ({
            tenantId,
            salutation: (i + j) % 2 ? 'frau' : 'herr',
            firstName: 'Bench',
            lastName: `Interessent ${i + j}`,
            email: `bench-mailing-${i + j}@example.de`,
            roles: ['interessent'],
          })),
        )
        .returning({ id: contact.id });
      await tx.insert(searchRequest).values(
        rows.map((r) => ({
          tenantId,
          contactId: r.id,
          marketingType: listing.marketingType,
          objectTypes: [listing.objectType],
          cities: [listing.city],
          maxPriceCents: listing.purchasePriceCents ? Math.round(listing.purchasePriceCents * 1.1) : null,
        })),
      );
      await tx.insert(mailingConsent).values(
        rows
          .filter((_, j) => (i + j) % WITHOUT_CONSENT_EVERY !== 0)
          .map((r) => ({
            tenantId,
            contactId: r.id,
            grantedAt: new Date(),
            source: 'formular' as const,
            evidence: 'Bench',
          })),
      );
    }
  });
  console.log(
    `setup: ${CONTACTS} contacts with a matching search profile, ${eligible} with consent, in ${((performance.now() - setup) / 1000).toFixed(1)} s`,
  );

  // The audience page: matching and consent for every contact, five times for a p95.
  const audienceMs: number[] = [];
  let audience: { items: { contactId: string; skip: string | null }[]; eligible: number } | null = null;
  for (let i = 0; i < 5; i++) {
    const began = performance.now();
    const res = await as('GET', `/api/mailings/audience?propertyId=${listing.id}`);
    audienceMs.push(performance.now() - began);
    if (res.statusCode !== 200) throw new Error(`audience: ${res.statusCode} ${res.body}`);
    audience = res.json();
  }
  const demoMatches = (audience?.items.length ?? 0) - CONTACTS;
  console.log(
    `audience: ${audience?.items.length} matches (${demoMatches} from the demo data), ${audience?.eligible} may be written to; p50 ${percentile(
      [...audienceMs].sort((a, b) => a - b),
      50,
    ).toFixed(0)} ms, max ${Math.max(...audienceMs).toFixed(0)} ms`,
  );

  const templates = await as('GET', '/api/mailings/templates');
  const templateId = (templates.json() as { items: { id: string }[] }).items[0]?.id;
  if (!templateId) throw new Error('demo office has no mail template');
  const created = performance.now();
  const res = await as('POST', '/api/mailings/campaigns', { propertyId: listing.id, templateId });
  const createMs = performance.now() - created;
  if (res.statusCode !== 201) throw new Error(`create: ${res.statusCode} ${res.body}`);
  const campaignId = (res.json() as { id: string }).id;
  console.log(`create mailing: ${createMs.toFixed(0)} ms`);

  type Counts = { total: number; gesendet: number; uebersprungen: number; fehler: number; wartet: number };
  type CampaignView = { state: string; counts: Counts };
  const poll = async (): Promise<CampaignView> =>
    ((await as('GET', `/api/mailings/campaigns/${campaignId}`)).json() as { campaign: CampaignView })
      .campaign;
  let view = await poll();
  while (view.state === 'laeuft') {
    await new Promise((r) => setTimeout(r, 250));
    view = await poll();
  }
  const sendMs = performance.now() - created - createMs;
  const [offers] = await platform.database.db
    .select({ n: count() })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.purpose, 'mailings.offer'), like(mailOutbox.toAddress, 'bench-mailing-%')));
  const sent = offers?.n ?? 0;
  console.log(
    `send: ${view.counts.gesendet} sent, ${view.counts.uebersprungen} skipped, ${view.counts.fehler} failed in ${(sendMs / 1000).toFixed(1)} s = ${((view.counts.gesendet ?? 0) / (sendMs / 1000)).toFixed(0)} mails/s; ${sent} bench mails in the outbox`,
  );

  // Baseline: queueing the same number of plain mails, nothing else.
  const base = performance.now();
  for (let i = 0; i < eligible; i++)
    await platform.mail.send({
      audience: 'customer',
      tenantId,
      to: `baseline-${i}@example.de`,
      purpose: 'bench.baseline',
      subject: 'Baseline',
      text: 'Sehr geehrte Frau Muster,\n\nein neues Angebot.\n',
    });
  const baseMs = performance.now() - base;
  console.log(
    `baseline platform.mail.send: ${eligible} mails in ${(baseMs / 1000).toFixed(1)} s = ${(eligible / (baseMs / 1000)).toFixed(0)} mails/s; the mailing takes ${(sendMs / baseMs).toFixed(1)}× as long`,
  );
  console.log(
    `at the default throttle (60/min) the same mailing is spread over ${Math.ceil(eligible / 60)} minutes`,
  );
  if (sent !== eligible || view.counts.gesendet !== audience?.eligible) {
    console.error(`FAIL: expected exactly ${eligible} offer mails, got ${sent}`);
    process.exitCode = 1;
  }
} finally {
  await close();
}
