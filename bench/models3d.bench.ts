// 3D generation on the embedded defaults: layout + GLB for a 4-room flat and a two-floor house,
// alone and through POST /api/3d/generate (layout, GLB, storage, row), with peak memory.
//   npm run bench:models3d
import { templateModel } from '../src/modules/models3d/domain/templates.js';
import { exportGlb } from '../src/modules/models3d/server/export-gltf.js';
import { percentile } from './bench-server.js';
import { startInProcess } from './in-process.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 50);
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 10);
const summary = (label: string, samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  console.log(
    `${label}: n=${sorted.length} p50=${percentile(sorted, 50).toFixed(1)} ms p95=${percentile(sorted, 95).toFixed(1)} ms`,
  );
};

for (const [templateId, label] of [
  ['4-zimmer', '4-room flat'],
  ['einfamilienhaus', 'two-floor house'],
] as const) {
  const times: number[] = [];
  let stats = { triangles: 0, bytes: 0 };
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    const model = templateModel(templateId, { livingArea: 90 + (i % 10) * 5 });
    if (!model) throw new Error(`template ${templateId} missing`);
    stats = (await exportGlb(model)).stats;
    times.push(performance.now() - started);
    // The loop hardly yields to timers, so memory is sampled here too.
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  summary(
    `layout + GLB, ${label} (${stats.triangles} triangles, ${Math.round(stats.bytes / 1024)} KiB)`,
    times,
  );
}

console.log(`peak RSS, generation alone: ${Math.round(peakRss / 1024 / 1024)} MiB`);

const { as, close } = await startInProcess('models3d', {});
try {
  for (const templateId of ['4-zimmer', 'einfamilienhaus']) {
    const http: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const started = performance.now();
      const res = await as('POST', '/api/3d/generate', { source: { kind: 'vorlage', templateId } });
      if (res.statusCode !== 201) throw new Error(res.body);
      http.push(performance.now() - started);
    }
    summary(`POST /api/3d/generate ${templateId}`, http);
  }
} finally {
  clearInterval(sampler);
  await close();
}
// The in-process server also seeds the demo office, whose documents are read by OCR meanwhile.
console.log(`peak RSS, whole server with demo data: ${Math.round(peakRss / 1024 / 1024)} MiB`);
