// AI Studio media on the embedded defaults: social graphics (feed + story) composed from a
// listing photo through HTTP, and property reels (six photos × 3 s + outro, 1080×1920 H.264)
// rendered by the bundled ffmpeg in the job engine; with the process's peak memory.
//   npm run bench:ai-media

import { eq } from 'drizzle-orm';
import type { GenerationView } from '../src/modules/ai/contract.js';
import { DEMO_PHOTOS_JOB } from '../src/modules/crm/demo/seed-crm-demo.js';
import { property } from '../src/modules/crm/schema.js';
import { makeJpeg } from '../src/modules/crm/test/fixtures.js';
import { jobRun } from '../src/platform/jobs/jobs.schema.js';
import { percentile } from './bench-server.js';
import { startInProcess } from './in-process.js';

const GRAPHICS = Number(process.env.BENCH_GRAPHICS ?? 20);
const REELS = Number(process.env.BENCH_REELS ?? 3);
const { platform, as, close } = await startInProcess('ai-media', { AI_RATE_LIMIT_PER_MINUTE: '10000' });
const summary = (label: string, samples: number[], unit = 'ms') => {
  const sorted = [...samples].sort((a, b) => a - b);
  console.log(
    `${label}: n=${sorted.length} p50=${percentile(sorted, 50).toFixed(1)} ${unit} p95=${percentile(sorted, 95).toFixed(1)} ${unit}`,
  );
};
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
try {
  // The demo photos are drawn by a job after start; measure only once it no longer competes for the CPU.
  const demoPhotos = await platform.database.db.select().from(jobRun).where(eq(jobRun.name, DEMO_PHOTOS_JOB));
  for (const run of demoPhotos) await platform.jobs.waitFor(run.id, 600_000);
  console.log(`RSS after start and demo data: ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MiB`);
  const [listing] = await platform.database.db.select({ id: property.id }).from(property).limit(1);
  if (!listing) throw new Error('no demo listing');
  const mediaIds: string[] = [];
  for (let i = 0; i < 6; i++) {
    // Camera-sized photos (4000 × 3000), as brokers upload them.
    const res = await as(
      'POST',
      `/api/crm/properties/${listing.id}/media?kind=photo`,
      await makeJpeg(4000, 3000, i * 50),
      {
        'content-type': 'image/jpeg',
      },
    );
    if (res.statusCode !== 201) throw new Error(res.body);
    mediaIds.push(res.json().id);
  }

  const graphics: number[] = [];
  for (let i = 0; i < GRAPHICS; i++) {
    const started = performance.now();
    const res = await as('POST', '/api/ai/generate/image', {
      type: 'social_graphic',
      propertyId: listing.id,
      mediaId: mediaIds[i % mediaIds.length],
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    graphics.push(performance.now() - started);
  }
  summary('POST /api/ai/generate/image social_graphic (feed + story)', graphics);

  const reels: number[] = [];
  for (let i = 0; i < REELS; i++) {
    const started = performance.now();
    const res = await as('POST', '/api/ai/generate/video', {
      type: 'property_reel',
      propertyId: listing.id,
      mediaIds,
      secondsPerPhoto: 3,
    });
    if (res.statusCode !== 202) throw new Error(res.body);
    const generation = res.json().generation as GenerationView;
    await platform.jobs.waitFor(generation.jobRunId as string, 600_000);
    const done = (await as('GET', `/api/ai/generations/${generation.id}`)).json() as GenerationView;
    if (done.status !== 'fertig') throw new Error(done.error ?? 'reel failed');
    reels.push((performance.now() - started) / 1000);
    if (i === 0)
      console.log(
        `reel: ${done.files[0]?.durationSeconds} s video, ${Math.round((done.files[0]?.sizeBytes ?? 0) / 1024)} KB`,
      );
  }
  summary('property reel, 6 photos × 3 s + 3 s outro, request to stored MP4', reels, 's');
  console.log(
    `peak RSS of the process: ${Math.round(peakRss / 1024 / 1024)} MiB (ffmpeg runs as a child process)`,
  );
} finally {
  clearInterval(sampler);
  await close();
}
