// How long the server's event loop stays blocked while the heavy work of an office runs at once
// (issue 19): property list requests, a floor plan being read, a scanned PDF being OCR'd and a
// property reel being rendered, all on the embedded defaults in one process. A 1 ms timer
// records every gap; each workload also runs alone, so a long block can be traced to its source.
//   npm run bench:event-loop
import { eq, inArray } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import type { GenerationView } from '../src/modules/ai/contract.js';
import { DEMO_PHOTOS_JOB } from '../src/modules/crm/demo/seed-crm-demo.js';
import { property } from '../src/modules/crm/schema.js';
import { makeJpeg } from '../src/modules/crm/test/fixtures.js';
import { CERTIFICATE_LINES, scannedPage } from '../src/modules/documents/test/scanned-page.js';
import { templateModel } from '../src/modules/models3d/domain/templates.js';
import { renderSyntheticPlan } from '../src/modules/models3d/test/synthetic-plan.js';
import { jobRun } from '../src/platform/jobs/jobs.schema.js';
import { percentile } from './bench-server.js';
import { startInProcess } from './in-process.js';

/** Every gap between 1 ms timer ticks beyond the 1 ms asked for: the loop was blocked that long. */
function watchLoop() {
  const blocks: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    blocks.push(now - last - 1);
    last = now;
  }, 1);
  return {
    stop() {
      clearInterval(timer);
      const sorted = blocks.sort((a, b) => a - b);
      return { max: Math.round(sorted.at(-1) ?? 0), p99: Math.round(percentile(sorted, 99) * 10) / 10 };
    },
  };
}

const { platform, as, close } = await startInProcess('event-loop', { AI_RATE_LIMIT_PER_MINUTE: '10000' });
const db = platform.database.db;
const waitForJobs = async (names: string[]) => {
  const runs = await db.select({ id: jobRun.id }).from(jobRun).where(inArray(jobRun.name, names));
  for (const run of runs) await platform.jobs.waitFor(run.id, 900_000);
};
try {
  const demoPhotos = await db.select().from(jobRun).where(eq(jobRun.name, DEMO_PHOTOS_JOB));
  for (const run of demoPhotos) await platform.jobs.waitFor(run.id, 600_000);
  const [listing] = await db.select({ id: property.id }).from(property).limit(1);
  if (!listing) throw new Error('no demo listing');

  // Inputs, prepared before any measurement.
  const floor = templateModel('3-zimmer')?.floors[0];
  if (!floor) throw new Error('template missing');
  const plan = (await renderSyntheticPlan(floor, { pxPerMetre: 60 })).png;
  const scan = await PDFDocument.create();
  for (let i = 1; i <= 2; i++)
    scan.addPage([595.28, 841.89]).drawImage(await scan.embedJpg(await scannedPage(CERTIFICATE_LINES, i)), {
      x: 0,
      y: 0,
      width: 595.28,
      height: 841.89,
    });
  const scannedPdf = Buffer.from(await scan.save());
  const mediaIds: string[] = [];
  for (let i = 0; i < 6; i++) {
    const res = await as(
      'POST',
      `/api/crm/properties/${listing.id}/media?kind=photo`,
      await makeJpeg(4000, 3000, i * 40),
      {
        'content-type': 'image/jpeg',
      },
    );
    if (res.statusCode !== 201) throw new Error(res.body);
    mediaIds.push(res.json().id);
  }

  const workloads: Record<string, () => Promise<void>> = {
    'property list (200 requests)': async () => {
      for (let i = 0; i < 200; i++) {
        const res = await as('GET', '/api/crm/properties?status=aktiv&sort=price&order=asc&pageSize=25');
        if (res.statusCode !== 200) throw new Error(res.body);
      }
    },
    'floor plan reading': async () => {
      const res = await as('POST', `/api/3d/upload?fileName=eg.png&name=EG&propertyId=${listing.id}`, plan, {
        'content-type': 'image/png',
      });
      if (res.statusCode !== 202) throw new Error(res.body);
      await waitForJobs(['models3d.read-plan']);
    },
    'OCR of a scanned 2-page PDF': async () => {
      const res = await as('POST', `/api/documents?propertyId=${listing.id}&fileName=scan.pdf`, scannedPdf, {
        'content-type': 'application/pdf',
      });
      if (res.statusCode !== 201) throw new Error(res.body);
      await waitForJobs(['documents.extract-text']);
    },
    'property reel render': async () => {
      const res = await as('POST', '/api/ai/generate/video', {
        type: 'property_reel',
        propertyId: listing.id,
        mediaIds,
        secondsPerPhoto: 2,
      });
      if (res.statusCode !== 202) throw new Error(res.body);
      await platform.jobs.waitFor((res.json().generation as GenerationView).jobRunId as string, 900_000);
    },
  };

  const rows: { scenario: string; seconds: number; maxBlockMs: number; p99BlockMs: number }[] = [];
  const measure = async (scenario: string, run: () => Promise<unknown>) => {
    const watch = watchLoop();
    const started = performance.now();
    await run();
    const { max, p99 } = watch.stop();
    rows.push({
      scenario,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      maxBlockMs: max,
      p99BlockMs: p99,
    });
  };
  for (const [name, run] of Object.entries(workloads)) await measure(`alone: ${name}`, run);
  if (process.env.BENCH_TWICE)
    for (const [name, run] of Object.entries(workloads)) await measure(`again: ${name}`, run);
  await measure('all four at once', () => Promise.all(Object.values(workloads).map((run) => run())));
  console.table(rows);
  console.log(JSON.stringify({ eventLoop: rows }));
} finally {
  await close();
}
