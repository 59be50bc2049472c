import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeJpeg, seeblickWohnung } from '../../modules/crm/test/fixtures.js';
import { authUser, tenant } from '../auth/auth.schema.js';
import type { InvoiceDocument } from '../invoicing/invoice-document.js';
import { issuedInvoice } from '../invoicing/invoicing.schema.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { OFFICE_DELETION_GRACE_DAYS, officesDueForDeletion, purgeOffice } from './office-deletion.js';

/**
 * Deleting an office: only its owner asks, confirming with its name; a grace period in which it can
 * be called off; then everything of it goes — every row that names it, every file, the accounts
 * that were its alone — except the platform's invoices to it, which the law makes us keep.
 * Another office, and a colleague who also works there, are untouched.
 */
let t: TestApp;
let owner: TestUser;
let agent: TestUser;
let other: TestUser;

const deletion = (user: TestUser, method: 'GET' | 'POST' | 'DELETE', confirmName?: string) =>
  t.as(user, {
    method,
    url: '/api/admin/office-deletion',
    ...(method === 'POST' ? { payload: { confirmName } } : {}),
  });

async function rowsNaming(tenantId: string): Promise<Record<string, number>> {
  const columns = (await t.platform.database.db.execute(sql`
    select table_name as "table", column_name as "column" from information_schema.columns
    where table_schema = 'public' and column_name in ('tenant_id', 'organization_id')`)) as unknown as {
    rows: { table: string; column: string }[];
  };
  const counts: Record<string, number> = {};
  for (const { table, column } of columns.rows) {
    const r = (await t.platform.database.db.execute(
      sql`select count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(column)}::text = ${tenantId}`,
    )) as unknown as { rows: { n: number }[] };
    if ((r.rows[0]?.n ?? 0) > 0) counts[table] = r.rows[0]!.n;
  }
  return counts;
}

describe('Büro löschen', () => {
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.createTenant('Seeufer Immobilien');
    agent = await t.createUser(owner.tenantId, 'agent');
    other = await t.createTenant('Nachbarbüro Hagnau');
    // The agent works for the other office too: that account stays.
    await t.platform.memberships.addMember(other.tenantId, agent.userId, 'agent');
  }, 60_000);
  afterAll(async () => t?.close());

  it('only the owner asks, confirming with the office’s name; it can be called off', async () => {
    expect((await deletion(agent, 'POST', 'Seeufer Immobilien')).statusCode).toBe(403);
    const wrong = await deletion(owner, 'POST', 'Seeufer');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('confirm_mismatch');
    expect((await deletion(owner, 'GET')).json().deleteAfter).toBeNull();

    const asked = await deletion(owner, 'POST', ' Seeufer Immobilien ');
    expect(asked.statusCode, asked.body).toBe(200);
    const days = (Date.parse(asked.json().deleteAfter) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(OFFICE_DELETION_GRACE_DAYS - 0.01);
    expect(days).toBeLessThanOrEqual(OFFICE_DELETION_GRACE_DAYS);
    const me = (await t.as(agent, { method: 'GET', url: '/api/me' })).json();
    expect(me.tenant.deleteAfter).toBe(asked.json().deleteAfter);
    // During the grace period everything works, and it is not due yet.
    expect((await t.as(agent, { method: 'GET', url: '/api/crm/properties' })).statusCode).toBe(200);
    expect(await officesDueForDeletion(t.platform)).not.toContain(owner.tenantId);
    // The operators see it in their list of offices.
    const operator = await t.createOperator('betrieb@immoxx.test', 'Betrieb');
    const offices = (await t.as(operator, { method: 'GET', url: '/api/superadmin/offices' })).json();
    expect(offices.items.find((o: { id: string }) => o.id === owner.tenantId).deleteAfter).toBe(
      asked.json().deleteAfter,
    );

    expect((await deletion(owner, 'DELETE')).json().deleteAfter).toBeNull();
    const audit = (await t.as(owner, { method: 'GET', url: '/api/admin/audit-log?entity=office' })).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['deletion_requested', 'deletion_canceled']),
    );
  });

  it('after the grace period everything of the office goes but the platform’s invoices to it', async () => {
    // Data of both offices: listings with photos, contacts, and invoices of both kinds.
    for (const user of [owner, other]) {
      const property = await t.as(user, {
        method: 'POST',
        url: '/api/crm/properties',
        payload: seeblickWohnung,
      });
      const photo = await t.as(user, {
        method: 'POST',
        url: `/api/crm/properties/${property.json().id}/media`,
        payload: await makeJpeg(600, 400),
        headers: { 'content-type': 'image/jpeg' },
      });
      expect(photo.statusCode, photo.body).toBe(201);
      await t.as(user, { method: 'POST', url: '/api/crm/contacts', payload: { lastName: 'Kundin' } });
    }
    const invoice = async (issuer: 'platform' | 'office', number: string) => {
      const id = crypto.randomUUID();
      const base = `tenants/${owner.tenantId}/invoices/${issuer}/${id}`;
      await t.platform.files.put(`${base}.pdf`, Buffer.from(`%PDF ${number}`));
      await t.platform.files.put(`${base}.xml`, Buffer.from(`<Invoice>${number}</Invoice>`));
      await t.platform.database.db.insert(issuedInvoice).values({
        id,
        tenantId: owner.tenantId,
        issuer,
        kind: 'invoice',
        series: issuer,
        number,
        issueDate: '2026-11-30',
        buyerName: 'Seeufer Immobilien',
        netCents: 9900,
        vatCents: 1881,
        grossCents: 11781,
        // The stored document is not read here; only what is kept and where.
        document: { number } as unknown as InvoiceDocument,
        pdfKey: `${base}.pdf`,
        xmlKey: `${base}.xml`,
      });
      return id;
    };
    const platformInvoice = await invoice('platform', 'IMX-2026-000042');
    await invoice('office', 'RE-2026-0007');
    const otherBefore = await rowsNaming(other.tenantId);
    expect(Object.keys(await rowsNaming(owner.tenantId)).length).toBeGreaterThan(5);

    await deletion(owner, 'POST', 'Seeufer Immobilien');
    await t.platform.database.db
      .update(tenant)
      .set({ deleteAfter: new Date(Date.now() - 1000) })
      .where(eq(tenant.id, owner.tenantId));
    expect(await officesDueForDeletion(t.platform)).toEqual([owner.tenantId]);
    const result = await purgeOffice(t.platform, owner.tenantId);
    expect(result).toMatchObject({ retainedInvoices: 1, usersDeleted: 1 });
    expect(result.files).toBeGreaterThanOrEqual(4);

    // Nothing names the office any more, but the platform's invoice to it.
    expect(await rowsNaming(owner.tenantId)).toEqual({});
    expect(await t.platform.files.list(`tenants/${owner.tenantId}/`)).toEqual([]);
    const [kept] = await t.platform.database.db
      .select()
      .from(issuedInvoice)
      .where(eq(issuedInvoice.id, platformInvoice));
    expect(kept).toMatchObject({
      tenantId: null,
      number: 'IMX-2026-000042',
      buyerName: 'Seeufer Immobilien',
    });
    expect((await t.platform.files.read(kept!.pdfKey)).toString()).toBe('%PDF IMX-2026-000042');
    expect((await t.platform.files.read(kept!.xmlKey)).toString()).toContain('IMX-2026-000042');
    const officeInvoices = await t.platform.database.db
      .select()
      .from(issuedInvoice)
      .where(eq(issuedInvoice.number, 'RE-2026-0007'));
    expect(officeInvoices).toEqual([]);

    // The owner's account went with it; the colleague of both offices keeps theirs.
    const users = await t.platform.database.db
      .select({ id: authUser.id })
      .from(authUser)
      .where(eq(authUser.id, owner.userId));
    expect(users).toEqual([]);
    const me = (await t.as(agent, { method: 'GET', url: '/api/me' })).json();
    expect(me.tenant.id).toBe(other.tenantId);
    expect(me.tenants).toHaveLength(1);
    // The other office is as it was.
    expect(await rowsNaming(other.tenantId)).toEqual(otherBefore);
    expect((await t.as(other, { method: 'GET', url: '/api/crm/contacts' })).json().items).toHaveLength(1);
    // Run again (a retried job), nothing more happens.
    expect(await officesDueForDeletion(t.platform)).toEqual([]);
  });
});
