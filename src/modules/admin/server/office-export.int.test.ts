import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { contact } from '../../crm/schema.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';

/**
 * The office's data to take along, through HTTP: the owner downloads one ZIP with every table of
 * the office as JSON and every stored file; nothing of another office is in it, no credential
 * either; nobody but the owner gets it.
 */
let t: TestApp;
let owner: TestUser;
let other: TestUser;

const json = (files: Record<string, Uint8Array>, name: string) =>
  JSON.parse(new TextDecoder().decode(files[name])) as unknown;

describe('Datenexport des Büros', () => {
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.createTenant('Büro mit Export');
    other = await t.createTenant('Anderes Büro');
    for (const [user, id] of [
      [owner, 'EX-1'],
      [owner, 'EX-2'],
      [other, 'FREMD-1'],
    ] as const)
      expect(
        (
          await t.as(user, {
            method: 'POST',
            url: '/api/crm/properties',
            payload: { ...seeblickWohnung, externalId: id },
          })
        ).statusCode,
      ).toBe(201);
    await t.platform.files.put(`tenants/${owner.tenantId}/branding/logo.png`, Buffer.from('logo-bytes'));
    await t.platform.files.put(`tenants/${other.tenantId}/branding/logo.png`, Buffer.from('fremd'));
    // A credential of the office: a webhook's signing secret is stored sealed.
    const hook = await t.as(owner, {
      method: 'POST',
      url: '/api/projects/webhooks',
      payload: { name: 'Tool', url: 'http://127.0.0.1:9/hook', events: ['project.deleted'] },
    });
    expect(hook.statusCode, hook.body).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it("the owner gets every table and file of the office, nothing of another's, no credentials", async () => {
    const r = await t.as(owner, { method: 'GET', url: '/api/admin/office-export.zip' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/zip');
    expect(r.headers['content-disposition']).toMatch(
      /attachment; filename="immoxx-export-\d{4}-\d{2}-\d{2}\.zip"/,
    );
    const files = unzipSync(new Uint8Array(r.rawPayload));
    const manifest = json(files, 'manifest.json') as {
      office: { name: string };
      tables: { table: string; rows: number; omittedColumns: string[] }[];
      files: { count: number; bytes: number };
    };
    expect(manifest.office.name).toBe('Büro mit Export');
    expect(manifest.files).toEqual({ count: 1, bytes: 10 });
    expect(new TextDecoder().decode(files['files/branding/logo.png'])).toBe('logo-bytes');

    const properties = json(files, 'tables/crm_property.json') as {
      external_id: string;
      tenant_id: string;
    }[];
    expect(properties.map((p) => p.external_id).sort()).toEqual(['EX-1', 'EX-2']);
    const everything = Object.entries(files)
      .filter(([name]) => name.startsWith('tables/'))
      .map(([, data]) => new TextDecoder().decode(data))
      .join('\n');
    expect(everything).not.toContain(other.tenantId);
    expect(everything).not.toContain('FREMD-1');
    const webhooks = manifest.tables.find((x) => x.table === 'project_webhook');
    expect(webhooks?.rows).toBe(1);
    expect(webhooks?.omittedColumns).toContain('secret_sealed');
    expect(everything).not.toMatch(/"secret_sealed"|"password"|"token_hash"/);
    const members = json(files, 'tables/members.json') as { email: string; role: string }[];
    expect(members).toHaveLength(1);
    expect(members[0]?.role).toBe('owner');
    expect(Object.keys(members[0] ?? {})).not.toContain('password');
    expect(manifest.tables.find((x) => x.table === 'audit_log')?.rows).toBeGreaterThan(0);
  });

  it('a table larger than one page comes whole, each row once', async () => {
    // 1,234 contacts: pages of 500 rows, so two full pages and a part one.
    await t.platform.database.withTenant(owner.tenantId, (tx) =>
      tx
        .insert(contact)
        .values(
          Array.from({ length: 1234 }, (_, i) => ({ tenantId: owner.tenantId, lastName: `Kontakt ${i}` })),
        ),
    );
    const r = await t.as(owner, { method: 'GET', url: '/api/admin/office-export.zip' });
    const files = unzipSync(new Uint8Array(r.rawPayload));
    const contacts = json(files, 'tables/crm_contact.json') as { id: string; last_name: string }[];
    expect(contacts).toHaveLength(1234);
    expect(new Set(contacts.map((c) => c.id)).size).toBe(1234);
    const manifest = json(files, 'manifest.json') as { tables: { table: string; rows: number }[] };
    expect(manifest.tables.find((x) => x.table === 'crm_contact')?.rows).toBe(1234);
  });

  it('only the owner may export', async () => {
    const admin = await t.createUser(owner.tenantId, 'admin');
    const r = await t.as(admin, { method: 'GET', url: '/api/admin/office-export.zip' });
    expect(r.statusCode).toBe(403);
  });
});
