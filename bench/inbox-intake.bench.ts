// Portal inquiries in bulk: BENCH_INBOX_MAILS (1,000 by default) inquiry mails, varied from the four
// fixtures (ImmoScout24 and Kleinanzeigen text, Immowelt with OpenImmo-Feedback, one unreadable).
// 1. Parse only: MIME decoding plus reading the inquiry, per mail (p50/p95) and mails/s, next to
//    the naive baseline of MIME decoding alone (what reading the inquiry adds).
// 2. End to end through a real IMAP server (Debian's dovecot): delivered into the Maildir, fetched
//    by IMAP, each inquiry through the lead intake (contact, search request, timeline, exposé mail).
//   npm run bench:inbox   (part 2 needs `dovecot-imapd` installed)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seeblickWohnung } from '../src/modules/crm/test/fixtures.js';
import { readMail } from '../src/modules/inbox/domain/mail-input.js';
import { readInquiry } from '../src/modules/inbox/domain/portal-inquiry.js';
import { dovecotInstalled, startDovecot } from '../src/modules/inbox/test/dovecot.js';
import { percentile } from './bench-server.js';
import { startInProcess } from './in-process.js';

const MAILS = Number(process.env.BENCH_INBOX_MAILS ?? 1000);
const dir = join(import.meta.dirname, '../src/modules/inbox/test/fixtures');
const templates = [
  'immoscout24-kontaktanfrage.eml',
  'kleinanzeigen-nachricht.eml',
  'immowelt-openimmo-feedback.eml',
  'immoscout24-unlesbar.eml',
].map((f) => readFileSync(join(dir, f), 'utf8'));

/** Mail n: a different person (and message id) each time, so every inquiry is a new lead. */
const mail = (n: number) =>
  templates[n % templates.length]!.replace(/Message-ID: <([^@]+)@/, `Message-ID: <$1-${n}@`)
    .replace('johanna.oelschlaeger@example.de', `johanna.${n}@example.de`)
    .replace('interessent-8a7f3c1e@', `interessent-${n}@`);
const mails = Array.from({ length: MAILS }, (_, n) => mail(n));

async function time(label: string, fn: (raw: string) => Promise<unknown>) {
  const each: number[] = [];
  const start = performance.now();
  for (const raw of mails) {
    const t0 = performance.now();
    await fn(raw);
    each.push(performance.now() - t0);
  }
  const total = performance.now() - start;
  each.sort((a, b) => a - b);
  console.log(
    `${label}: ${MAILS} mails in ${Math.round(total)} ms · ${Math.round((MAILS / total) * 1000)} mails/s · p50 ${percentile(each, 50)} ms · p95 ${percentile(each, 95)} ms`,
  );
  return total;
}

// One warm-up pass so the JIT does not favour whichever runs second.
for (const raw of mails.slice(0, 200)) readInquiry(await readMail(raw));
const baseline = await time('MIME decoding only (baseline)', (raw) => readMail(raw));
let inquiries = 0;
const parsed = await time('MIME + inquiry reading', async (raw) => {
  if (readInquiry(await readMail(raw)).kind === 'inquiry') inquiries++;
});
console.log(
  `  ${inquiries} inquiries recognised of ${MAILS} (every fourth is the unreadable one); reading adds ${Math.round(((parsed - baseline) / baseline) * 100)} %`,
);

if (!dovecotInstalled()) {
  console.log('dovecot is not installed (sudo apt-get install dovecot-imapd): end-to-end part skipped');
  process.exit(0);
}
const dovecot = await startDovecot();
const { as, close } = await startInProcess('inbox', { INTEGRATIONS_ALLOW_PRIVATE_ENDPOINTS: 'true' });
try {
  const listing = await as('POST', '/api/crm/properties', {
    ...seeblickWohnung,
    externalId: 'IMX-2026-SEE001',
    title: 'Seeblick-Wohnung in Konstanz',
  });
  await as('POST', `/api/crm/properties/${listing.json().id}/status`, { status: 'aktiv' });
  const box = await as('POST', '/api/inbox/mailboxes', {
    label: 'Bench',
    imapHost: dovecot.host,
    imapPort: dovecot.port,
    imapTls: false,
    username: dovecot.user,
    password: dovecot.password,
    office: true,
  });
  if (box.statusCode !== 201) throw new Error(box.body);
  for (const raw of mails) dovecot.deliver(raw);
  const start = performance.now();
  const rounds: number[] = [];
  let read = 0;
  let leads = 0;
  for (;;) {
    const t0 = performance.now();
    const r = (await as('POST', `/api/inbox/mailboxes/${box.json().id}/fetch`)).json() as {
      read: number;
      inquiries: number;
    };
    if (r.read === 0) break;
    rounds.push(performance.now() - t0);
    read += r.read;
    leads += r.inquiries;
  }
  const total = performance.now() - start;
  console.log(
    `IMAP end to end: ${read} mails, ${leads} leads in ${Math.round(total)} ms · ${Math.round((read / total) * 1000)} mails/s · ${rounds.length} rounds of ≤300 · ${Math.round(total / read)} ms per mail incl. lead intake and exposé mail`,
  );
} finally {
  await close();
  await dovecot.stop();
}
