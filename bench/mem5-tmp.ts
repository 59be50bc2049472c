import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

const mb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);
console.log('base', mb());
const pg = await PGlite.create({
  dataDir: process.env.DIR as string,
  extensions: { pg_trgm },
  postgresqlconf: process.env.CONF ?? 'shared_buffers = 32MB',
  ...(process.env.INIT ? { initialMemory: Number(process.env.INIT) * 1024 * 1024 } : {}),
});
console.log('opened', mb());
await pg.query(`select count(*) from crm_contact`);
await pg.query(`select * from crm_property order by created_at limit 100`);
console.log(
  'queried',
  mb(),
  'wasm mem',
  Math.round(((pg as unknown as { mod?: { HEAP8?: Uint8Array } }).mod?.HEAP8?.length ?? 0) / 1024 / 1024),
);
await pg.close();
