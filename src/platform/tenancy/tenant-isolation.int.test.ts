import { eq, or, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiGeneration, aiProviderSetting, aiTenantSetting } from '../../modules/ai/schema.js';
import {
  activity,
  contact,
  exposeAccess,
  openimmoExport,
  property,
  propertyMedia,
  savedFilter,
  searchRequest,
  viewing,
  viewingContact,
} from '../../modules/crm/schema.js';
import {
  document,
  documentReminder,
  documentShare,
  documentShareAccess,
  documentShareItem,
  documentVersion,
  signatureRequest,
  signatureSigner,
} from '../../modules/documents/schema.js';
import { textPdf } from '../../modules/documents/test/text-pdf.js';
import { financeScenario } from '../../modules/finance/schema.js';
import { model3d, model3dPlan } from '../../modules/models3d/schema.js';
import { officeOnboarding } from '../../modules/multi_tenant/schema.js';
import { brokerNetwork, networkAdmin, networkMember } from '../../modules/networks/schema.js';
import {
  project,
  projectContact,
  projectMember,
  projectTask,
  taskComment,
  taskDependency,
  taskEvent,
  taskState,
  workflowTemplate,
} from '../../modules/projects/schema.js';
import {
  projectConnector,
  projectConnectorLink,
  projectSyncClient,
  projectWebhook,
  projectWebhookDelivery,
} from '../../modules/projects/sync.schema.js';
import { socialAccount, socialOauthState, socialPost, socialTarget } from '../../modules/social/schema.js';
import { auditLog } from '../audit/audit.schema.js';
import { authUser, tenant, tenantInvitation, tenantMember } from '../auth/auth.schema.js';
import { jobRun } from '../jobs/jobs.schema.js';
import { notification, notificationPreference } from '../notifications/notifications.schema.js';
import { stepRequest, TINY_PNG, type WalkStep, walkRoutes } from '../testing/route-walker.js';
import { createTestApp, TEST_PASSWORD, type TestApp, type TestUser } from '../testing/test-app.js';
import { tenantSettings } from './tenancy.schema.js';

let t: TestApp;
let ownerA: TestUser;
let ownerB: TestUser;
/** Administers a network of A (sharing its listings and figures) and a third office C; belongs to no office. */
let networkAdminCookie: string;
let networkId: string;
let sharedPropertyId: string;
const idsOfA: string[] = [];
/**
 * The ids put into path parameters: one of each kind. The audit log holds dozens of rows of one
 * kind; trying every route with each of them multiplied the walk to 11,000 requests and let it
 * time out on a loaded CI machine without testing anything more. Bodies are still searched for all
 * of `idsOfA`.
 */
const pathIdsOfA: string[] = [];
const bodyIdsOfA: Record<string, string> = {};

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
    crm: await Promise.all(
      [
        property,
        propertyMedia,
        contact,
        searchRequest,
        viewing,
        viewingContact,
        activity,
        savedFilter,
        exposeAccess,
        openimmoExport,
        socialAccount,
        socialPost,
        socialTarget,
        socialOauthState,
        aiGeneration,
        aiProviderSetting,
        aiTenantSetting,
        financeScenario,
        document,
        documentVersion,
        documentShare,
        documentShareItem,
        documentShareAccess,
        signatureRequest,
        signatureSigner,
        documentReminder,
        model3d,
        model3dPlan,
        project,
        projectMember,
        projectContact,
        projectTask,
        taskDependency,
        taskEvent,
        taskState,
        workflowTemplate,
        taskComment,
        projectWebhook,
        projectWebhookDelivery,
        projectSyncClient,
        projectConnector,
        projectConnectorLink,
        notification,
        notificationPreference,
        officeOnboarding,
      ].map((table) => db.select().from(table).where(eq(table.tenantId, a))),
    ),
    users: await db
      .select({ id: authUser.id, name: authUser.name, email: authUser.email, locale: authUser.locale })
      .from(authUser)
      .where(sql`${authUser.id} in (select user_id from tenant_member where organization_id = ${a})`)
      .orderBy(authUser.id),
  });
}

beforeAll(async () => {
  t = await createTestApp({ env: { MODULE_MULTI_TENANT: 'true' } });
  ownerA = await t.createTenant('Büro A');
  ownerB = await t.createTenant('Büro B');
  const ownerC = await t.createTenant('Büro C');
  const agentA = await t.createUser(ownerA.tenantId, 'agent');
  // Give tenant A one row of every kind a route can reach.
  const invitation = await t.as(ownerA, {
    method: 'POST',
    url: '/api/admin/invitations',
    payload: { email: 'kandidat@example.de', role: 'assistant' },
  });
  expect(invitation.statusCode).toBe(201);
  await t.as(ownerA, { method: 'PUT', url: '/api/admin/settings', payload: { primaryColor: '#123456' } });
  expect((await t.as(ownerA, { method: 'POST', url: '/api/offices/onboarding/dismiss' })).statusCode).toBe(
    200,
  );
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
  // CRM rows of every kind: property with a photo, contact with a search request, viewing, note, saved filter.
  const created = async (url: string, payload: unknown, headers?: Record<string, string>) => {
    const response = await t.as(ownerA, {
      method: 'POST',
      url,
      payload: payload as string,
      ...(headers ? { headers } : {}),
    });
    expect(response.statusCode, `${url}: ${response.body}`).toBe(201);
    return response.json().id as string;
  };
  const propertyId = await created('/api/crm/properties', {
    title: 'Seeblick-Wohnung A',
    marketingType: 'kauf',
    objectType: 'wohnung',
    postalCode: '78462',
    city: 'Konstanz',
    purchasePrice: 450000,
    livingArea: 80,
    rooms: 3,
  });
  const mediaId = await created(`/api/crm/properties/${propertyId}/media`, Buffer.from(TINY_PNG, 'base64'), {
    'content-type': 'image/png',
  });
  const contactId = await created('/api/crm/contacts', {
    lastName: 'Mustermann-A',
    email: 'kunde-a@example.de',
  });
  const searchRequestId = await created(`/api/crm/contacts/${contactId}/search-requests`, {
    marketingType: 'kauf',
    cities: ['Konstanz'],
  });
  const viewingId = await created('/api/crm/viewings', {
    propertyId,
    contactIds: [contactId],
    startsAt: '2026-12-01T10:00:00+01:00',
    endsAt: '2026-12-01T10:30:00+01:00',
  });
  const activityId = await created('/api/crm/activities', { contactId, kind: 'notiz', subject: 'Notiz A' });
  const filterId = await created('/api/crm/saved-filters', {
    entity: 'property',
    name: 'Filter A',
    query: { city: 'Konstanz' },
  });
  const published = await t.as(ownerA, {
    method: 'POST',
    url: `/api/crm/properties/${propertyId}/status`,
    payload: { status: 'aktiv' },
  });
  expect(published.statusCode, published.body).toBe(200);
  const exposeLink = await t.as(ownerA, {
    method: 'POST',
    url: `/api/crm/properties/${propertyId}/expose-links`,
    payload: { contactId },
  });
  expect(exposeLink.statusCode, exposeLink.body).toBe(201);
  const [exportRow] = await t.platform.database.db
    .insert(openimmoExport)
    .values({ tenantId: ownerA.tenantId, scope: 'VOLL', status: 'fertig', fileKey: 'openimmo/a/export.zip' })
    .returning();
  const socialAccountId = await created('/api/social-media/accounts/connect', {
    platform: 'facebook',
    mode: 'sandbox',
  });
  const socialPostId = await created('/api/social-media/posts', {
    title: 'Post A',
    propertyId,
    targets: [{ accountId: socialAccountId, text: 'Neu im Angebot', media: [] }],
  });
  const [socialTargetOfA] = await t.platform.database.db
    .select({ id: socialTarget.id })
    .from(socialTarget)
    .where(eq(socialTarget.postId, socialPostId));
  await t.platform.database.db.insert(socialOauthState).values({
    tenantId: ownerA.tenantId,
    userId: ownerA.userId,
    platform: 'facebook',
    stateHash: 'hash-of-a-state-of-a',
    expiresAt: new Date(Date.now() + 600_000),
  });
  const aiText = await t.as(ownerA, {
    method: 'POST',
    url: '/api/ai/generate/text',
    payload: { type: 'property_description', propertyId },
  });
  expect(aiText.statusCode, aiText.body).toBe(200);
  const aiGenerationId = (JSON.parse(aiText.body.split('\n')[0] ?? '{}') as { generationId: string })
    .generationId;
  await t.platform.database.db.insert(aiProviderSetting).values({
    tenantId: ownerA.tenantId,
    provider: 'deepseek',
    enabled: true,
    apiKeySealed: t.platform.secretBox.encrypt('sk-tenant-a-key'),
    apiKeyLast4: '-key',
  });
  await t.platform.database.db
    .insert(aiTenantSetting)
    .values({ tenantId: ownerA.tenantId, monthlyBudgetMicros: 5_000_000 });
  const scenarioId = await created('/api/finance/scenarios', {
    kind: 'annuity',
    name: 'Plan A',
    propertyId,
    input: {
      parts: [
        {
          amountCents: 30_000_000,
          nominalRatePercent: 3.5,
          repayment: { kind: 'initial_percent', percent: 2 },
          fixedRateYears: 10,
        },
      ],
    },
  });
  const documentOfA = await t.as(ownerA, {
    method: 'POST',
    url: `/api/documents?propertyId=${propertyId}&fileName=grundriss.png`,
    payload: await sharp({ create: { width: 8, height: 8, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer(),
    headers: { 'content-type': 'image/png' },
  });
  expect(documentOfA.statusCode, documentOfA.body).toBe(201);
  // Its text extraction changes the row; it must be done before the snapshot of A is taken.
  await t.platform.jobs.waitFor(documentOfA.json().text.jobRunId);
  const shareOfA = await t.as(ownerA, {
    method: 'POST',
    url: '/api/documents/shares',
    payload: { documentIds: [documentOfA.json().id], recipientName: 'Käufer A', sendEmail: false },
  });
  expect(shareOfA.statusCode, shareOfA.body).toBe(201);
  const contractOfA = await t.as(ownerA, {
    method: 'POST',
    url: `/api/documents?propertyId=${propertyId}&fileName=vertrag.pdf`,
    payload: await textPdf('Vertrag A'),
    headers: { 'content-type': 'application/pdf' },
  });
  await t.platform.jobs.waitFor(contractOfA.json().text.jobRunId);
  const signatureOfA = await t.as(ownerA, {
    method: 'POST',
    url: '/api/documents/signatures',
    payload: { documentId: contractOfA.json().id, signers: [{ name: 'Käufer A', email: 'a@example.de' }] },
  });
  expect(signatureOfA.statusCode, signatureOfA.body).toBe(201);
  const modelOfA = await t.as(ownerA, {
    method: 'POST',
    url: '/api/3d/generate',
    payload: { propertyId, source: { kind: 'vorlage', templateId: 'studio' } },
  });
  expect(modelOfA.statusCode, modelOfA.body).toBe(201);
  const [planOfA] = await t.platform.database.db
    .insert(model3dPlan)
    .values({
      tenantId: ownerA.tenantId,
      name: 'Grundriss A',
      fileName: 'a.png',
      contentType: 'image/png',
      fileKey: `tenants/${ownerA.tenantId}/models3d/plans/a.png`,
      underlayKey: `tenants/${ownerA.tenantId}/models3d/plans/a-underlay.png`,
      status: 'fertig',
      modelId: modelOfA.json().id,
    })
    .returning();
  const projectOfA = await t.as(ownerA, {
    method: 'POST',
    url: '/api/projects/from-template',
    payload: { templateKey: 'transaktion', startDate: '2027-04-01', propertyId, contactIds: [contactId] },
  });
  expect(projectOfA.statusCode, projectOfA.body).toBe(201);
  const followUpOfA = await created('/api/projects/tasks', {
    title: 'Rückruf A',
    contactId,
    assigneeId: agentA.userId,
    dueDate: '2027-04-02',
  });
  const commentOfA = await created(`/api/projects/tasks/${followUpOfA}/comments`, {
    body: 'Bitte übernehmen',
    mentionIds: [agentA.userId],
  });
  // A webhook subscribed to an event the walk does not cause, with a logged delivery written
  // directly: no delivery job may change A's rows while the snapshot is compared.
  const webhookOfA = await created('/api/projects/webhooks', {
    name: 'Tool A',
    url: 'http://127.0.0.1:9/hook',
    events: ['project.deleted'],
  });
  const [deliveryOfA] = await t.platform.database.db
    .insert(projectWebhookDelivery)
    .values({
      tenantId: ownerA.tenantId,
      webhookId: webhookOfA,
      eventId: webhookOfA,
      event: 'project.deleted',
      body: { type: 'project.deleted' },
      status: 'failed',
    })
    .returning();
  const syncClientOfA = await created('/api/projects/sync-clients', { name: 'Sync A' });
  idsOfA.push(webhookOfA, deliveryOfA?.id ?? '', syncClientOfA);
  await t.platform.events.drain();
  const projectRows = await t.platform.database.db
    .select({ id: projectTask.id })
    .from(projectTask)
    .where(eq(projectTask.tenantId, ownerA.tenantId));
  const otherProjectRows = await Promise.all(
    [taskDependency, taskState, workflowTemplate, taskComment, notification].map((table) =>
      t.platform.database.db.select({ id: table.id }).from(table).where(eq(table.tenantId, ownerA.tenantId)),
    ),
  );
  idsOfA.push(
    projectOfA.json().id,
    followUpOfA,
    commentOfA,
    ...projectRows.map((r) => r.id),
    ...otherProjectRows.flat().map((r) => r.id),
  );
  idsOfA.push(
    documentOfA.json().id,
    shareOfA.json().id,
    signatureOfA.json().id,
    modelOfA.json().id,
    planOfA?.id ?? '',
    scenarioId,
    aiGenerationId,
    socialTargetOfA?.id ?? '',
    propertyId,
    mediaId,
    contactId,
    searchRequestId,
    viewingId,
    activityId,
    filterId,
    exportRow?.id ?? '',
    socialAccountId,
    socialPostId,
  );
  Object.assign(bodyIdsOfA, {
    propertyId,
    contactId,
    accountId: socialAccountId,
    postId: socialPostId,
    assignedAgentId: ownerA.userId,
    agentId: ownerA.userId,
  });
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
  // A network of A and C: A shares its listings and figures. B stays outside and must see none of
  // it; the network's administrator must see what A shares and nothing else of A.
  const [network] = await db.insert(brokerNetwork).values({ name: 'Netz A+C', slug: 'netz-a-c' }).returning();
  networkId = network!.id;
  sharedPropertyId = propertyId;
  await db.insert(networkMember).values([
    { networkId, tenantId: ownerA.tenantId, sharesListings: true, sharesReports: true },
    { networkId, tenantId: ownerC.tenantId },
  ]);
  const admin = await t.platform.auth.api.signUpEmail({
    body: { email: 'netz-admin@example.de', name: 'Netz Admin', password: TEST_PASSWORD },
  });
  await db.insert(networkAdmin).values({ networkId, userId: admin.user.id });
  networkAdminCookie = await t.signIn('netz-admin@example.de');
  idsOfA.push(networkId);
  const auditIds = new Set(audit.slice(1).map((a) => a.id));
  pathIdsOfA.push(...idsOfA.filter((id) => !auditIds.has(id)));
});
afterAll(async () => t?.close());

/** The walk in parts, so that each part has its own time limit on a loaded CI machine. */
const WALK_PARTS = 6;
let walk: WalkStep[] | undefined;
let snapshotBeforeWalk: string | undefined;

function walkSteps(): WalkStep[] {
  // Routes that act on the caller's own session, or authenticate by a secret in the URL, are covered elsewhere.
  // A 3D model of a listing on the market is public on purpose, like the listing page that embeds it
  // (models3d.int.test.ts checks it is 404 while the listing is not on the market).
  const skip = (url: string) =>
    url === '/api/auth/sign-out' ||
    url === '/api/me/password' ||
    url.startsWith('/api/auth/') ||
    url.startsWith('/api/3d/public/');
  walk ??= walkRoutes(t.app, pathIdsOfA, (route) => !skip(route.url), bodyIdsOfA);
  return walk;
}

describe('tenant isolation (row-level security)', () => {
  it.each(Array.from({ length: WALK_PARTS }, (_, part) => part + 1))(
    `no route lets tenant B read, change or delete tenant A data (part %i of ${WALK_PARTS})`,
    async (part) => {
      snapshotBeforeWalk ??= await snapshotOfA();
      const all = walkSteps();
      expect(all.length).toBeGreaterThan(20);
      const size = Math.ceil(all.length / WALK_PARTS);
      const steps = all.slice((part - 1) * size, part * size);
      const leaks: string[] = [];
      for (const step of steps) {
        const response = await t.as(ownerB, stepRequest(step));
        const hasIdParam = step.route.url.includes(':');
        if (hasIdParam && response.statusCode < 300)
          leaks.push(`${step.method} ${step.url} → ${response.statusCode}`);
        const body = response.body;
        for (const id of idsOfA) {
          if (body.includes(id)) leaks.push(`${step.method} ${step.url} returned tenant A id ${id}`);
        }
        for (const secret of [
          ownerA.email,
          'kunde-a@example.de',
          'Seeblick-Wohnung A',
          'Mustermann-A',
          'sk-tenant-a-key',
        ]) {
          if (body.includes(secret))
            leaks.push(`${step.method} ${step.url} returned tenant A data (${secret})`);
        }
        expect(response.statusCode, `${step.method} ${step.url}: ${body}`).toBeLessThan(500);
      }
      expect(leaks).toEqual([]);
      // Every route × every kind of id of the other tenant: a walk that grows with the API.
    },
    120_000,
  );

  it.each([1, 2])(
    "the network's administrator finds only what A shares, on every route (part %i of 2)",
    async (part) => {
      snapshotBeforeWalk ??= await snapshotOfA();
      const all = walkSteps();
      const size = Math.ceil(all.length / 2);
      // What A shares with the network: its listing on the market (title, id) under its office id.
      const shared = new Set([sharedPropertyId, ownerA.tenantId, networkId]);
      const leaks: string[] = [];
      for (const step of all.slice((part - 1) * size, part * size)) {
        const response = await t.as(networkAdminCookie, stepRequest(step));
        for (const id of idsOfA.filter((id) => !shared.has(id))) {
          if (response.body.includes(id)) leaks.push(`${step.method} ${step.url} returned tenant A id ${id}`);
        }
        for (const secret of [ownerA.email, 'kunde-a@example.de', 'Mustermann-A', 'sk-tenant-a-key']) {
          if (response.body.includes(secret))
            leaks.push(`${step.method} ${step.url} returned tenant A data (${secret})`);
        }
        expect(response.statusCode, `${step.method} ${step.url}: ${response.body}`).toBeLessThan(500);
      }
      expect(leaks).toEqual([]);
    },
    120_000,
  );

  it("the network's administrator does see the shared listing (the walk above reached the pool)", async () => {
    const pool = await t.as(networkAdminCookie, { method: 'GET', url: `/api/networks/${networkId}/pool` });
    expect(pool.json().listings.map((l: { title: string }) => l.title)).toEqual(['Seeblick-Wohnung A']);
  });

  it('after the whole walk, nothing of tenant A has changed', async () => {
    expect(snapshotBeforeWalk).toBeDefined();
    expect(await snapshotOfA()).toEqual(snapshotBeforeWalk);
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
