// Seeds an office-network-sized CRM (10,000 properties, 100,000 contacts by default) into the
// demo office of a fresh data directory or PostgreSQL database, with the demo data generators.
import { sql } from 'drizzle-orm';
import { demoContacts } from '../src/modules/crm/demo/demo-contacts.js';
import { demoProperties } from '../src/modules/crm/demo/demo-properties.js';
import { createRandom } from '../src/modules/crm/demo/random.js';
import { contact, property } from '../src/modules/crm/schema.js';
import { loadConfig } from '../src/platform/config/load-config.js';
import { openDatabase } from '../src/platform/db/open-database.js';
import { signIn, startServer, stopServer } from './bench-server.js';

export const PROPERTIES = Number(process.env.BENCH_PROPERTIES ?? 10_000);
export const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);
const CHUNK = 1000;

export interface SeedResult {
  tenantId: string;
  seconds: { properties: number; contacts: number };
}

/** A shared PostgreSQL server keeps rows between runs; start from an empty schema so counts are exact. */
export async function resetPostgres(env: NodeJS.ProcessEnv): Promise<void> {
  if (!env.DATABASE_URL) return;
  const db = await openDatabase(loadConfig(env));
  await db.db.execute(
    sql`drop schema public cascade; create schema public; drop schema if exists drizzle cascade`,
  );
  await db.close();
}

export async function seedCrm(env: NodeJS.ProcessEnv): Promise<SeedResult> {
  await resetPostgres(env);
  // First start: migrations and the demo office (with its 60 listings and 300 contacts).
  const server = await startServer(env);
  const me = (await (
    await fetch(`${server.base}/api/me`, { headers: { cookie: await signIn(server.base) } })
  ).json()) as { tenant: { id: string } };
  const tenantId = me.tenant.id;
  await stopServer(server);

  // In bulk, through the owner connection.
  const database = await openDatabase(loadConfig(env));
  const r = createRandom(4242);
  const seedStart = performance.now();
  const agentIds = (
    (await database.db.execute(
      sql`select user_id from tenant_member where organization_id = ${tenantId}`,
    )) as unknown as { rows: { user_id: string }[] }
  ).rows.map((row) => row.user_id);
  for (let offset = 0; offset < PROPERTIES; offset += CHUNK) {
    const rows = demoProperties(r, tenantId, agentIds, Math.min(CHUNK, PROPERTIES - offset)).map(
      ({ lakeside: _lakeside, ...row }, i) => ({
        ...row,
        externalId: `BENCH-${offset + i}`,
        slug: `${row.slug}-${offset + i}`,
      }),
    );
    await database.db.insert(property).values(rows);
  }
  const propertiesSeconds = (performance.now() - seedStart) / 1000;
  const contactsStart = performance.now();
  for (let offset = 0; offset < CONTACTS; offset += CHUNK) {
    const { contacts } = demoContacts(r, tenantId, agentIds, Math.min(CHUNK, CONTACTS - offset));
    await database.db.insert(contact).values(contacts.map(({ id: _id, ...c }) => c));
  }
  const contactsSeconds = (performance.now() - contactsStart) / 1000;
  // What autovacuum does on a server after a bulk load; it also lets index-only scans skip the heap.
  await database.db.execute(sql`vacuum analyze`);
  await database.close();
  return {
    tenantId,
    seconds: {
      properties: Math.round(propertiesSeconds * 10) / 10,
      contacts: Math.round(contactsSeconds * 10) / 10,
    },
  };
}

/** The four list requests of the benchmark; `floorSql` is the bare page query each one runs. */
export const CRM_SCENARIOS = [
  {
    name: 'property list, filtered, page 1',
    path: '/api/crm/properties?status=aktiv&marketingType=kauf&objectType=wohnung&minRooms=3&sort=price&order=asc&pageSize=25',
  },
  {
    name: 'property full-text search (german)',
    path: '/api/crm/properties?q=seeblick%20konstanz&pageSize=25',
  },
  { name: 'contact full-text search', path: '/api/crm/contacts?q=m%C3%BCller&pageSize=25' },
  {
    name: 'contact list, filtered, page 1',
    path: '/api/crm/contacts?leadStatus=qualifiziert&role=kaeufer&pageSize=25',
  },
] as const;
