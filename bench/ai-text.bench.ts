// AI Studio text paths on the embedded defaults (PGlite): the offline template engine on its
// own and through HTTP for every demo listing, and the exact-match cache hit path against a
// provider served by the local fake (so only our overhead is measured, not a model).
//   npm run bench:ai
import { textRequestSchema } from '../src/modules/ai/contract.js';
import { factsFromProperty } from '../src/modules/ai/domain/facts-from-property.js';
import { generateOfflineText } from '../src/modules/ai/domain/offline/offline-text.js';
import { FakeProviders } from '../src/modules/ai/test/fake-providers.js';
import { property } from '../src/modules/crm/schema.js';
import { percentile } from './bench-server.js';
import { startInProcess } from './in-process.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const fake = new FakeProviders();
await fake.start();
const { platform, as, close } = await startInProcess('ai', { AI_RATE_LIMIT_PER_MINUTE: '10000' });
const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;
const summary = (label: string, samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  console.log(
    `${label}: n=${sorted.length} p50=${percentile(sorted, 50).toFixed(2)} ms p95=${percentile(sorted, 95).toFixed(2)} ms`,
  );
};
try {
  const post = (url: string, payload: unknown) => as('POST', url, payload);
  const rows = await platform.database.db.select().from(property);

  // 1. The template engine alone, every demo listing, 20 variants each.
  const office = { name: 'Bench', phone: null, email: null, agentName: null };
  const engine: number[] = [];
  for (const row of rows)
    for (let variant = 0; variant < 20; variant++) {
      const request = textRequestSchema.parse({ type: 'property_description', propertyId: row.id, variant });
      const started = process.hrtime.bigint();
      generateOfflineText(request, {
        listing: factsFromProperty(row, 'https://bench'),
        contact: null,
        office,
        viewingAt: null,
      });
      engine.push(ms(started));
    }
  summary('offline engine per description', engine);

  // 2. The same through HTTP: load facts, write, check, record in the history.
  const http: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const row = rows[i % rows.length];
    const started = process.hrtime.bigint();
    const res = await post('/api/ai/generate/text', {
      type: 'property_description',
      propertyId: row?.id,
      provider: 'offline',
      variant: i,
    });
    if (res.statusCode !== 200) throw new Error(res.body);
    http.push(ms(started));
  }
  summary('POST /api/ai/generate/text offline', http);

  // 3. Cache: one miss against the fake provider, then identical requests answered from the cache.
  await post('/api/ai/providers/deepseek/configure', {
    apiKey: 'sk-test-key-1234',
    baseUrl: `${fake.url}/deepseek`,
  });
  const request = { type: 'property_description', propertyId: rows[0]?.id, provider: 'deepseek' };
  const missStart = process.hrtime.bigint();
  await post('/api/ai/generate/text', request);
  const miss = ms(missStart);
  const hits: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = process.hrtime.bigint();
    const res = await post('/api/ai/generate/text', request);
    if (!res.body.includes('"cacheHit":true')) throw new Error('expected a cache hit');
    hits.push(ms(started));
  }
  console.log(`cache miss (local fake provider): ${miss.toFixed(2)} ms`);
  summary('POST /api/ai/generate/text cache hit', hits);
  console.log(`provider calls: ${fake.callsTo('deepseek').length} for ${ROUNDS + 1} requests`);
} finally {
  await close();
  await fake.stop();
}
