import { eq, or, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/audit.schema.js';
import { authUser, tenant, tenantInvitation, tenantMember } from '../auth/auth.schema.js';
import { jobRun } from '../jobs/jobs.schema.js';
import { walkRoutes } from '../testing/route-walker.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { tenantSettings } from './tenancy.schema.js';

let t: TestApp;
let ownerA: TestUser;
let ownerB: TestUser;
const idsOfA: string[] = [];

/** Everything tenant A owns, read with the owner connection (RLS bypassed). */
async function snapshotOfA() {
  const db = t.platform.database.db;
  const a = ownerA.tenantId;
  return JSON.stringify({
    tenant: await db.select().from(tenant).where(eq(tenant.id, a)),
    members: await db
      .select()
      .from(tenantMember)
      .where(eq(tenantMember.organizationId, a))
      .orderBy(tenantMember.id),
    invitations: await db
      .select()
      .from(tenantInvitation)
      .where(eq(tenantInvitation.organizationId, a))
      .orderBy(tenantInvitation.id),
    settings: await db.select().from(tenantSettings).where(eq(tenantSettings.tenantId, a)),
    audit: await db.select().from(auditLog).where(eq(auditLog.tenantId, a)).orderBy(auditLog.id),
    jobs: await db.select().from(jobRun).where(eq(jobRun.tenantId, a)).orderBy(jobRun.id),
    users: await db
      .select({ id: authUser.id, name: authUser.name, email: authUser.email, locale: authUser.locale })
      .from(authUser)
      .where(sql`${authUser.id} in (select user_id from tenant_member where organization_id = ${a})`)
      .orderBy(authUser.id),
  });
}

beforeAll(async () => {
  t = await createTestApp();
  ownerA = await t.createTenant('Büro A');
  ownerB = await t.createTenant('Büro B');
  const agentA = await t.createUser(ownerA.tenantId, 'agent');
  // Give tenant A one row of every kind a route can reach.
  const invitation = await t.as(ownerA, {
    method: 'POST',
    url: '/api/admin/invitations',
    payload: { email: 'kandidat@example.de', role: 'assistant' },
  });
  expect(invitation.statusCode).toBe(201);
  await t.as(ownerA, { method: 'PUT', url: '/api/admin/settings', payload: { primaryColor: '#123456' } });
  const [deadJob] = await t.platform.database.db
    .insert(jobRun)
    .values({ tenantId: ownerA.tenantId, name: 'admin.none', payload: {}, status: 'dead', lastError: 'x' })
    .returning();
  const [queuedJob] = await t.platform.database.db
    .insert(jobRun)
    .values({
      tenantId: ownerA.tenantId,
      name: 'admin.none',
      payload: {},
      status: 'queued',
      runAt: new Date(Date.now() + 3_600_000),
    })
    .returning();
  const db = t.platform.database.db;
  const members = await db
    .select()
    .from(tenantMember)
    .where(eq(tenantMember.organizationId, ownerA.tenantId));
  const audit = await db.select().from(auditLog).where(eq(auditLog.tenantId, ownerA.tenantId));
  idsOfA.push(
    ownerA.tenantId,
    ownerA.userId,
    agentA.userId,
    invitation.json().invitation.id,
    deadJob!.id,
    queuedJob!.id,
    ...members.map((m) => m.id),
    ...audit.map((a) => a.id),
  );
});
afterAll(async () => t?.close());

describe('tenant isolation (row-level security)', () => {
  it('no route lets tenant B read, change or delete tenant A data', async () => {
    const before = await snapshotOfA();
    // Routes that act on the caller's own session, or authenticate by a secret in the URL, are covered elsewhere.
    const skip = (url: string) =>
      url === '/api/auth/sign-out' || url === '/api/me/password' || url.startsWith('/api/auth/');
    const steps = walkRoutes(t.app, idsOfA, (route) => !skip(route.url));
    expect(steps.length).toBeGreaterThan(20);
    const leaks: string[] = [];
    for (const step of steps) {
      const response = await t.as(ownerB, {
        method: step.method as 'GET',
        url: step.url,
        ...(step.payload !== undefined ? { payload: step.payload as string } : {}),
        ...(step.contentType ? { headers: { 'content-type': step.contentType } } : {}),
      });
      const hasIdParam = step.route.url.includes(':');
      if (hasIdParam && response.statusCode < 300)
        leaks.push(`${step.method} ${step.url} → ${response.statusCode}`);
      const body = response.body;
      for (const id of idsOfA) {
        if (body.includes(id)) leaks.push(`${step.method} ${step.url} returned tenant A id ${id}`);
      }
      if (body.includes(ownerA.email)) leaks.push(`${step.method} ${step.url} returned tenant A e-mail`);
      expect(response.statusCode, `${step.method} ${step.url}: ${body}`).toBeLessThan(500);
    }
    expect(leaks).toEqual([]);
    expect(await snapshotOfA()).toEqual(before);
  });

  it('the app role sees only its own tenant even with a hand-written query', async () => {
    const rows = await t.platform.database.withTenant(ownerB.tenantId, (tx) =>
      tx
        .select()
        .from(tenantMember)
        .where(
          or(
            eq(tenantMember.organizationId, ownerA.tenantId),
            eq(tenantMember.organizationId, ownerB.tenantId),
          ),
        ),
    );
    expect(rows.every((r) => r.organizationId === ownerB.tenantId)).toBe(true);
    await expect(
      t.platform.database.withTenant(ownerB.tenantId, (tx) =>
        tx
          .insert(auditLog)
          .values({ tenantId: ownerA.tenantId, entity: 'x', entityId: 'y', action: 'forged' }),
      ),
    ).rejects.toThrow();
  });

  it('the audit log is append-only for the app role', async () => {
    await expect(
      t.platform.database.withTenant(ownerA.tenantId, (tx) =>
        tx.update(auditLog).set({ action: 'rewritten' }),
      ),
    ).rejects.toThrow();
    await expect(
      t.platform.database.withTenant(ownerA.tenantId, (tx) => tx.delete(auditLog)),
    ).rejects.toThrow();
  });
});
