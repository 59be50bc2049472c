import { sql } from 'drizzle-orm';
import { openPglite, openPgliteWorker } from '../src/platform/db/open-pglite.js';

const mb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);
console.log('base', mb());
const d = process.env.W
  ? await openPgliteWorker(process.env.DIR!)
  : await openPglite({ dataDir: process.env.DIR! });
console.log('opened', mb());
await d.db.execute(sql`select count(*) from crm_contact`);
console.log('after query', mb());
await d.close();
