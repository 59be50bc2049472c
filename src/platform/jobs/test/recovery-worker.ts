// A server process for the recovery test: registers `test.slow`, and with HANG=1 enqueues one
// run whose handler never returns, prints its id once it runs, and waits to be killed (-9).

import { z } from 'zod';
import { MODULE_MANIFESTS } from '../../../server/module-list.js';
import { loadConfig } from '../../config/load-config.js';
import { createPlatform, startPlatform } from '../../kernel.js';
import { defineJob } from '../job-definition.js';

const config = loadConfig({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DATA_DIR: process.env.DATA_DIR ?? '',
  SEED_DEMO: 'false',
  SERVE_WEB: 'false',
  JOB_POLL_INTERVAL_SECONDS: '0.5',
  MODULE_SOCIAL: 'false',
  MODULE_AI: 'false',
  MODULE_DOCUMENTS: 'false',
  MODULE_MODELS3D: 'false',
  MODULE_FINANCE: 'false',
  MODULE_PROJECTS: 'false',
});
const platform = await createPlatform(config, MODULE_MANIFESTS);
const hang = process.env.HANG === '1';
await platform.jobs.handle(
  defineJob({
    name: 'test.slow',
    version: 1,
    payload: z.object({ label: z.string() }),
    attempts: 3,
    handler: async ({ payload, attempt }) => {
      if (hang) await new Promise(() => {});
      return { done: payload.label, attempt };
    },
  }),
);
await startPlatform(platform);
if (hang) {
  const run = await platform.jobs.enqueue('test.slow', { label: 'OCR' });
  for (;;) {
    if ((await platform.jobs.get(run.id))?.status === 'running') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log(`RUNNING ${run.id}`);
} else {
  const runId = process.env.RUN_ID ?? '';
  const finished = await platform.jobs.waitFor(runId, 60_000);
  console.log(
    `FINISHED ${JSON.stringify({ status: finished.status, result: finished.result, attempts: finished.attempts })}`,
  );
  await platform.close();
  process.exit(0);
}
