import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimingPng } from '../../../platform/files/test/claiming-png.js';
import { TINY_PNG } from '../../../platform/testing/route-walker.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';

let t: TestApp;
let owner: TestUser;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('Bodensee Test GmbH');
  admin = await t.createUser(owner.tenantId, 'admin');
});
afterAll(async () => t?.close());

const memberIdOf = async (user: TestUser) => {
  const { items } = (await t.as(owner, { method: 'GET', url: '/api/admin/members' })).json();
  return items.find((m: { userId: string }) => m.userId === user.userId).id as string;
};

describe('team management', () => {
  it('lists members with names and roles', async () => {
    const response = await t.as(admin, { method: 'GET', url: '/api/admin/members' });
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: owner.email, role: 'owner' }),
        expect.objectContaining({ email: admin.email, role: 'admin' }),
      ]),
    );
  });

  it('keeps at least one owner and protects owners from admins', async () => {
    const ownerId = await memberIdOf(owner);
    const own = await t.as(owner, {
      method: 'PATCH',
      url: `/api/admin/members/${ownerId}`,
      payload: { role: 'agent' },
    });
    expect(own.statusCode).toBe(403);
    const byAdmin = await t.as(admin, { method: 'DELETE', url: `/api/admin/members/${ownerId}` });
    expect(byAdmin.statusCode).toBe(403);
    const promote = await t.as(admin, {
      method: 'PATCH',
      url: `/api/admin/members/${await memberIdOf(admin)}`,
      payload: { role: 'owner' },
    });
    expect(promote.statusCode).toBe(403);
  });

  it('removes a member, who then loses access, and audits it', async () => {
    const agent = await t.createUser(owner.tenantId, 'agent');
    const memberId = await memberIdOf(agent);
    expect((await t.as(admin, { method: 'DELETE', url: `/api/admin/members/${memberId}` })).statusCode).toBe(
      204,
    );
    const after = await t.as(agent, { method: 'GET', url: '/api/admin/members' });
    expect(after.statusCode).toBe(403);
    const audit = (
      await t.as(owner, { method: 'GET', url: `/api/admin/audit-log?entity=member&entityId=${memberId}` })
    ).json();
    expect(audit.items[0]).toMatchObject({
      action: 'removed',
      userName: admin.name,
      changes: { role: { before: 'agent', after: null } },
    });
  });

  it('withdraws an invitation', async () => {
    const created = (
      await t.as(admin, {
        method: 'POST',
        url: '/api/admin/invitations',
        payload: { email: 'weg@example.de', role: 'readonly' },
      })
    ).json();
    expect(
      (await t.as(admin, { method: 'DELETE', url: `/api/admin/invitations/${created.invitation.id}` }))
        .statusCode,
    ).toBe(204);
    const list = (await t.as(admin, { method: 'GET', url: '/api/admin/invitations' })).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(created.invitation.id);
    const info = (
      await t.app.inject({ method: 'GET', url: `/api/auth/invitations/${created.invitation.id}` })
    ).json();
    expect(info.status).toBe('canceled');
  });

  it('refuses to invite an existing member', async () => {
    const response = await t.as(owner, {
      method: 'POST',
      url: '/api/admin/invitations',
      payload: { email: admin.email, role: 'agent' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('already_member');
  });
});

describe('audit log in broker words (issue 18.11)', () => {
  it("names the record and links it, and lists every module's areas for the filter", async () => {
    const created = await t.as(owner, {
      method: 'POST',
      url: '/api/crm/properties',
      payload: {
        title: 'Villa am Seeufer',
        marketingType: 'kauf',
        objectType: 'haus',
        postalCode: '88709',
        city: 'Meersburg',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const log = (
      await t.as(owner, {
        method: 'GET',
        url: `/api/admin/audit-log?entity=property&entityId=${created.json().id}`,
      })
    ).json();
    expect(log.items[0].subject).toEqual({
      label: 'Villa am Seeufer',
      path: `/objekte/${created.json().id}`,
    });
    const areas = (await t.as(owner, { method: 'GET', url: '/api/admin/audit-log/entities' })).json().items;
    expect(areas).toContain('property');
  });
});

describe('branding settings', () => {
  it('updates colours with validation and shows them in /api/me', async () => {
    const bad = await t.as(admin, {
      method: 'PUT',
      url: '/api/admin/settings',
      payload: { primaryColor: 'blau' },
    });
    expect(bad.statusCode).toBe(400);
    const ok = await t.as(admin, {
      method: 'PUT',
      url: '/api/admin/settings',
      payload: { primaryColor: '#1d4ed8', displayName: 'Bodensee Immobilien' },
    });
    expect(ok.statusCode).toBe(200);
    const me = (await t.as(owner, { method: 'GET', url: '/api/me' })).json();
    expect(me.tenant.branding).toMatchObject({ primaryColor: '#1d4ed8', displayName: 'Bodensee Immobilien' });
  });

  it('accepts a real PNG logo, sniffed from its bytes, and refuses anything else', async () => {
    const png = Buffer.from(TINY_PNG, 'base64');
    const upload = await t.as(admin, {
      method: 'PUT',
      url: '/api/admin/settings/logo',
      payload: png,
      headers: { 'content-type': 'image/png' },
    });
    expect(upload.statusCode).toBe(200);
    expect(upload.json().hasLogo).toBe(true);
    const logo = await t.as(owner, { method: 'GET', url: '/api/tenant/logo' });
    expect(logo.statusCode).toBe(200);
    expect(logo.headers['content-type']).toBe('image/png');
    // Stored as a PNG we encoded ourselves from the decoded upload.
    expect(await sharp(logo.rawPayload).metadata()).toMatchObject({ format: 'png', width: 1, height: 1 });

    // Issue 17.7: a 69-byte PNG claiming 50000 × 50000 pixels is refused, the logo stays.
    const bomb = await t.as(admin, {
      method: 'PUT',
      url: '/api/admin/settings/logo',
      payload: claimingPng(50_000, 50_000),
      headers: { 'content-type': 'image/png' },
    });
    expect(bomb.statusCode).toBe(422);
    expect(bomb.json().error.code).toBe('image_too_large');

    const fake = await t.as(admin, {
      method: 'PUT',
      url: '/api/admin/settings/logo',
      payload: Buffer.from('<svg onload="alert(1)"></svg>'),
      headers: { 'content-type': 'image/png' },
    });
    expect(fake.statusCode).toBe(415);
    expect((await t.as(owner, { method: 'GET', url: '/api/admin/settings' })).json().hasLogo).toBe(true);
  });
});

describe('jobs view', () => {
  it("lists the tenant's jobs and retries a dead one", async () => {
    const { jobRun } = await import('../../../platform/jobs/jobs.schema.js');
    const [dead] = await t.platform.database.db
      .insert(jobRun)
      .values({
        tenantId: owner.tenantId,
        name: 'platform.mail.send',
        payload: { mailId: '00000000-0000-4000-8000-000000000000' },
        status: 'dead',
        lastError: 'SMTP down',
      })
      .returning();
    const list = (await t.as(admin, { method: 'GET', url: '/api/admin/jobs?status=dead' })).json();
    expect(list.items.map((j: { id: string }) => j.id)).toContain(dead!.id);
    const retried = await t.as(admin, { method: 'POST', url: `/api/admin/jobs/${dead!.id}/retry` });
    expect(retried.statusCode).toBe(200);
    const done = await t.platform.jobs.waitFor(dead!.id);
    expect(done.status).toBe('completed');
    const again = await t.as(admin, { method: 'POST', url: `/api/admin/jobs/${dead!.id}/retry` });
    expect(again.statusCode).toBe(409);
  });
});
