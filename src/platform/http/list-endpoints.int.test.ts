import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seeblickWohnung } from '../../modules/crm/test/fixtures.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';

/**
 * Every growing list of every module answers with the one list pattern of issue 19: a page,
 * its total, cursors both ways, and a 400 for a cursor that belongs to another list.
 */
let t: TestApp;
let owner: TestUser;
let propertyId: string;
const LISTS = [
  '/api/admin/audit-log',
  '/api/admin/jobs',
  '/api/ai/generations',
  '/api/documents',
  '/api/social-media/posts',
  '/api/finance/scenarios',
  '/api/3d/models',
  '/api/crm/contacts',
  '/api/crm/properties',
];

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('Listen-Büro');
  const created = await t.as(owner, { method: 'POST', url: '/api/crm/properties', payload: seeblickWohnung });
  expect(created.statusCode, created.body).toBe(201);
  propertyId = created.json().id;
  // Seven entries at the same instant: the cursor must break the tie by id, not skip or repeat.
  for (let i = 0; i < 7; i++) {
    const res = await t.as(owner, {
      method: 'POST',
      url: '/api/crm/activities',
      payload: { propertyId, kind: 'notiz', subject: `Notiz ${i}`, occurredAt: '2034-03-14T10:00:00.000Z' },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  for (let i = 0; i < 7; i++) {
    const res = await t.as(owner, {
      method: 'POST',
      url: '/api/crm/contacts',
      payload: { kind: 'person', lastName: `Huber ${i}`, roles: ['kaeufer'] },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(async () => t?.close());

interface Page {
  items: { id: string }[];
  total: number;
  totalExact: boolean;
  page: number;
  nextCursor: string | null;
  prevCursor: string | null;
}
const get = async (url: string): Promise<Page> => {
  const res = await t.as(owner, { method: 'GET', url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

/** Reads a list forwards through its cursors, then one page back. */
async function walk(path: string, pageSize: number) {
  const join = path.includes('?') ? '&' : '?';
  const pages: string[][] = [];
  let page = await get(`${path}${join}pageSize=${pageSize}`);
  pages.push(page.items.map((i) => i.id));
  while (page.nextCursor) {
    page = await get(`${path}${join}pageSize=${pageSize}&cursor=${page.nextCursor}`);
    expect(page.page).toBe(0);
    pages.push(page.items.map((i) => i.id));
  }
  const back = page.prevCursor
    ? await get(`${path}${join}pageSize=${pageSize}&cursor=${page.prevCursor}`)
    : null;
  return { pages, back: back?.items.map((i) => i.id) ?? null };
}

describe('the list pattern across modules (issue 19)', () => {
  it('reads a timeline with equal times page by page, each entry once, and back again', async () => {
    const path = `/api/crm/activities?propertyId=${propertyId}`;
    const all = await get(`${path}&pageSize=100`);
    expect(all).toMatchObject({ total: 7, totalExact: true, nextCursor: null, prevCursor: null });
    const { pages, back } = await walk(path, 3);
    expect(pages.flat()).toEqual(all.items.map((i) => i.id));
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(back).toEqual(pages[1]);
  });

  it('reads the audit trail by cursor exactly as by page number', async () => {
    const all = await get('/api/admin/audit-log?pageSize=100');
    expect(all.total).toBeGreaterThanOrEqual(8);
    const { pages } = await walk('/api/admin/audit-log', 3);
    expect(pages.flat()).toEqual(all.items.map((i) => i.id));
    const second = await get('/api/admin/audit-log?pageSize=3&page=2');
    expect(second.items.map((i) => i.id)).toEqual(pages[1]);
  });

  it.each(LISTS)('%s answers a page with total and cursors, and refuses a foreign cursor', async (path) => {
    const page = await get(`${path}?pageSize=2`);
    expect(page).toMatchObject({ page: 1, totalExact: true, prevCursor: null });
    expect(page.total).toBeGreaterThanOrEqual(page.items.length);
    const foreign = (await get(`/api/crm/activities?propertyId=${propertyId}&pageSize=2`)).nextCursor;
    const res = await t.as(owner, { method: 'GET', url: `${path}?pageSize=2&cursor=${foreign}` });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'invalid_cursor' } });
  });
});
