// Starts `npm start` on an empty data directory, so every e2e run begins with fresh demo data.
import { rmSync } from 'node:fs';

rmSync(process.env.DATA_DIR ?? './data-e2e', { recursive: true, force: true });
await import('../scripts/start.mjs');
