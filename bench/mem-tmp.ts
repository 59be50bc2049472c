import { eq } from 'drizzle-orm';
import { DEMO_PHOTOS_JOB } from '../src/modules/crm/demo/seed-crm-demo.js';
import { jobRun } from '../src/platform/jobs/jobs.schema.js';
import { startInProcess } from './in-process.js';

const mb = (n: number) => Math.round(n / 1024 / 1024);
const show = (label: string) => {
  const m = process.memoryUsage();
  console.log(
    label,
    'rss',
    mb(m.rss),
    'heapUsed',
    mb(m.heapUsed),
    'heapTotal',
    mb(m.heapTotal),
    'external',
    mb(m.external),
    'ab',
    mb(m.arrayBuffers),
  );
};
show('start');
const { platform, close } = await startInProcess('mem', {});
show('after start');
const runs = await platform.database.db.select().from(jobRun).where(eq(jobRun.name, DEMO_PHOTOS_JOB));
for (const r of runs) await platform.jobs.waitFor(r.id, 600000);
show('after demo photos');
await new Promise((r) => setTimeout(r, 5000));
(globalThis as { gc?: () => void }).gc?.();
show('after gc');
await close();
