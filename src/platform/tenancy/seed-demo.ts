import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { tenant } from '../auth/auth.schema.js';
import type { Platform } from '../kernel.js';
import type { Role } from '../rbac/roles.js';
import { tenantSettings } from './tenancy.schema.js';

export const DEMO_TENANT_NAME = 'Bodensee Immobilien GmbH';
export const DEMO_USERS: { role: Role; name: string; email: string }[] = [
  { role: 'owner', name: 'Katharina Seeberger', email: 'inhaberin@bodensee-immobilien.de' },
  { role: 'admin', name: 'Jonas Hafner', email: 'admin@bodensee-immobilien.de' },
  { role: 'agent', name: 'Lena Mayer', email: 'makler@bodensee-immobilien.de' },
  { role: 'assistant', name: 'Tobias Rieger', email: 'assistenz@bodensee-immobilien.de' },
  { role: 'readonly', name: 'Miriam Vogt', email: 'lesezugriff@bodensee-immobilien.de' },
];

export interface DemoLogin {
  email: string;
  password: string;
}

function demoPasswordFile(platform: Platform): string {
  return join(platform.config.dataDir, 'demo-login.txt');
}

/**
 * On an empty database: the demo office with one user per role. The password comes from
 * DEMO_PASSWORD or is generated once and kept in DATA_DIR/demo-login.txt (mode 0600).
 */
export async function seedDemo(platform: Platform): Promise<DemoLogin | null> {
  const file = demoPasswordFile(platform);
  const [tenants] = await platform.database.db.select({ n: count() }).from(tenant);
  if ((tenants?.n ?? 0) > 0) {
    if (!existsSync(file)) return null;
    const [email, password] = readFileSync(file, 'utf8').trim().split('\n');
    return email && password ? { email, password } : null;
  }
  if (!platform.config.env.SEED_DEMO) return null;
  const password = platform.config.env.DEMO_PASSWORD ?? `Bodensee-${randomBytes(6).toString('base64url')}`;
  const userIds: Record<string, string> = {};
  for (const user of DEMO_USERS) {
    const created = await platform.auth.api.signUpEmail({
      body: { email: user.email, name: user.name, password },
    });
    userIds[user.role] = created.user.id;
  }
  const tenantId = await platform.memberships.createTenant({
    name: DEMO_TENANT_NAME,
    slug: 'bodensee-immobilien',
    ownerUserId: userIds.owner!,
  });
  for (const user of DEMO_USERS) {
    if (user.role !== 'owner') await platform.memberships.addMember(tenantId, userIds[user.role]!, user.role);
  }
  await platform.database.db
    .update(tenantSettings)
    .set({
      contactEmail: 'info@bodensee-immobilien.de',
      contactPhone: '+49 7541 123450',
      address: 'Seestraße 12, 88045 Friedrichshafen',
      // A fictitious office: register and licence entries say they are demo values.
      legalName: 'Bodensee Immobilien GmbH (Demo-Büro)',
      representative: 'Geschäftsführerin Katharina Seeberger',
      registerEntry: 'Amtsgericht Ulm, HRB 000000 (Demo-Angabe)',
      licence34c: 'Erlaubnis nach § 34c GewO (Demo-Angabe)',
      supervisoryAuthority: 'Landratsamt Bodenseekreis, Glärnischstraße 1–3, 88045 Friedrichshafen',
      chamber: 'IHK Bodensee-Oberschwaben',
    })
    .where(eq(tenantSettings.tenantId, tenantId));
  for (const [id, server] of platform.moduleServers) {
    if (!server.seedDemo) continue;
    const started = Date.now();
    await server.seedDemo(platform, tenantId);
    platform.logger.info({ module: id, ms: Date.now() - started }, 'demo data seeded');
  }
  const login = { email: DEMO_USERS[0]!.email, password };
  mkdirSync(platform.config.dataDir, { recursive: true });
  writeFileSync(file, `${login.email}\n${login.password}\n`, { mode: 0o600 });
  return login;
}
