import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';
import { document } from '../schema.js';
import { EXPIRY_REMINDERS_JOB } from '../server/expiry-reminders-job.js';
import { seedDocumentsDemo } from './seed-documents-demo.js';

let t: TestApp;
let owner: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('Demo-Büro');
  // Two listings stand in for the CRM demo, whose photo job would outlast this test.
  for (const title of ['Seeblick-Wohnung Lindau', 'Altbau Konstanz']) {
    const res = await t.as(owner, {
      method: 'POST',
      url: '/api/crm/properties',
      payload: { ...seeblickWohnung, title },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  await seedDocumentsDemo(t.platform, owner.tenantId);
});
afterAll(() => t.close());

it('files demo papers that are read, categorised and raise an expiry reminder', async () => {
  const rows = await t.platform.database.db
    .select()
    .from(document)
    .where(eq(document.tenantId, owner.tenantId));
  expect(rows).toHaveLength(3);
  for (const row of rows) if (row.textJobRunId) await t.platform.jobs.waitFor(row.textJobRunId, 60_000);
  const list = (await t.as(owner, { method: 'GET', url: '/api/documents' })).json().items as {
    title: string;
    category: string;
    confidential: boolean;
    energyFacts: { efficiencyClass: string | null } | null;
  }[];
  expect(list.map((d) => d.category).sort()).toEqual([
    'energieausweis',
    'grundbuchauszug',
    'teilungserklaerung',
  ]);
  expect(list.find((d) => d.category === 'energieausweis')?.energyFacts).toMatchObject({
    efficiencyClass: 'C',
  });
  expect(list.find((d) => d.category === 'grundbuchauszug')?.confidential).toBe(true);

  const run = await t.platform.jobs.enqueue(
    EXPIRY_REMINDERS_JOB,
    {},
    { tenantId: owner.tenantId, key: 'demo' },
  );
  await t.platform.jobs.waitFor(run.id);
  const reminders = (await t.as(owner, { method: 'GET', url: '/api/documents/reminders' })).json().items;
  expect(reminders).toMatchObject([{ title: 'Energieausweis', thresholdDays: 60 }]);
});
