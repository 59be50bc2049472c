import { mkdir, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiGeneration } from '../../modules/ai/schema.js';
import { checkBudgets, type ProviderRow } from '../../modules/ai/server/ai-settings.js';
import { makeJpeg, seeblickWohnung } from '../../modules/crm/test/fixtures.js';
import { tenant } from '../auth/auth.schema.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { assignPlan } from './plan-assignment.js';

/**
 * The plan's limits beyond users and listings, through HTTP: modules a plan leaves out answer
 * 402 and show as locked entries leading to the plans; the stored files may not grow past the
 * plan's storage; Free stops at the AI cost it includes. Each refusal names the way up and
 * changes nothing; moving up lifts it at once.
 */
let t: TestApp;
let owner: TestUser;
let slug: string;

const setPlan = (plan: 'free' | 'professional') => assignPlan(t.platform.database, slug, plan, 'test');

describe('Tarifgrenzen: Module, Speicher, KI-Kosten', () => {
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.createTenant('Kleines Büro Meersburg');
    const [row] = await t.platform.database.db
      .select({ slug: tenant.slug })
      .from(tenant)
      .where(eq(tenant.id, owner.tenantId));
    slug = row!.slug;
    await setPlan('free');
  }, 60_000);
  afterAll(async () => t?.close());

  it('a module the plan leaves out answers 402 and is a locked menu entry', async () => {
    const refused = await t.as(owner, { method: 'GET', url: '/api/market/competitors' });
    expect(refused.statusCode).toBe(402);
    expect(refused.json().error).toMatchObject({
      code: 'plan_module',
      details: { module: 'market', plan: 'free', upgradeTo: 'professional', upgradePath: '/abrechnung' },
    });
    expect(refused.json().error.message).toContain('ist im Tarif Free nicht enthalten');
    const me = (await t.as(owner, { method: 'GET', url: '/api/me' })).json();
    expect(me.permissions).not.toContain('market.read');
    expect(me.nav.map((e: { module: string }) => e.module)).not.toContain('market');
    expect(me.lockedNav.map((e: { module: string }) => e.module)).toEqual(
      expect.arrayContaining(['market', 'models3d', 'leadscoring', 'mailings']),
    );
    // Modules in the plan are untouched.
    expect((await t.as(owner, { method: 'GET', url: '/api/crm/properties' })).statusCode).toBe(200);

    await setPlan('professional');
    expect((await t.as(owner, { method: 'GET', url: '/api/market/competitors' })).statusCode).toBe(200);
    expect((await t.as(owner, { method: 'GET', url: '/api/me' })).json().lockedNav).toEqual([]);
    await setPlan('free');
  });

  it('the plan names storage, AI cost and the modules it leaves out', async () => {
    const view = (await t.as(owner, { method: 'GET', url: '/api/billing/plan' })).json();
    expect(view.current.plan).toMatchObject({
      id: 'free',
      limits: { storageBytes: 1024 ** 3 },
      aiIncludedMicros: 2_000_000,
      aiOverage: 'blocked',
    });
    expect(view.current.plan.lockedModules).toContainEqual({ id: 'market', name: 'Marktanalyse' });
    expect(view.usage.storageBytes).toBe(0);
  });

  it('an upload that does not fit the plan’s storage is refused before it is read', async () => {
    const property = await t.as(owner, {
      method: 'POST',
      url: '/api/crm/properties',
      payload: seeblickWohnung,
    });
    expect(property.statusCode, property.body).toBe(201);
    const upload = async () =>
      t.as(owner, {
        method: 'POST',
        url: `/api/crm/properties/${property.json().id}/media`,
        payload: await makeJpeg(800, 600),
        headers: { 'content-type': 'image/jpeg' },
      });
    // The office's files come to just under 1 GB: a sparse file counts its size, not its blocks.
    const dir = join(t.platform.config.dataDir, 'files', 'tenants', owner.tenantId, 'archiv');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'alt.bin'), '');
    await truncate(join(dir, 'alt.bin'), 1024 ** 3 - 1000);
    const refused = await upload();
    expect(refused.statusCode).toBe(402);
    expect(refused.json().error).toMatchObject({
      code: 'plan_limit',
      details: { resource: 'storageBytes', plan: 'free', upgradeTo: 'professional' },
    });
    expect(refused.json().error.message).toContain('umfasst 1 GB Speicher');
    const detail = await t.as(owner, { method: 'GET', url: `/api/crm/properties/${property.json().id}` });
    expect(detail.json().media).toEqual([]);
    // JSON writes are no uploads and go on.
    expect(
      (await t.as(owner, { method: 'POST', url: '/api/crm/contacts', payload: { lastName: 'Weiter' } }))
        .statusCode,
    ).toBe(201);
  });

  it('Free stops at the AI cost it includes; a paid plan bills above it instead', async () => {
    await t.platform.database.db.insert(aiGeneration).values({
      tenantId: owner.tenantId,
      kind: 'text',
      type: 'property_description',
      provider: 'deepseek',
      model: 'deepseek-chat',
      status: 'fertig',
      input: { type: 'property_description' },
      costMicros: 2_000_000,
    });
    // A provider without a budget of its own: only the plan can stop the call.
    const provider = { provider: 'deepseek', monthlyBudgetMicros: null } as ProviderRow;
    const check = () =>
      t.platform.database.withTenant(owner.tenantId, (tx) => checkBudgets(tx, null, provider));
    await expect(check()).rejects.toMatchObject({
      statusCode: 402,
      code: 'plan_limit',
      details: { resource: 'aiBudget', plan: 'free', upgradeTo: 'professional' },
    });
    await setPlan('professional');
    await expect(check()).resolves.toEqual([]);
  });
});
