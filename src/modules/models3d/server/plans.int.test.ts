import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRun } from '../../../platform/jobs/jobs.schema.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';
import { templateModel } from '../domain/templates.js';
import { model3dPlan } from '../schema.js';
import { renderSyntheticPlan } from '../test/synthetic-plan.js';

let t: TestApp;
let owner: TestUser;
let propertyId: string;

const upload = (body: Buffer, query: string, type = 'image/png', user = owner) =>
  t.as(user, {
    method: 'POST',
    url: `/api/3d/upload?${query}`,
    payload: body,
    headers: { 'content-type': type },
  });

const readingsDone = async () => {
  const runs = await t.platform.database.db
    .select()
    .from(jobRun)
    .where(eq(jobRun.name, 'models3d.read-plan'));
  for (const run of runs) await t.platform.jobs.waitFor(run.id, 60_000);
};

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('Grundriss-Büro');
  propertyId = (
    await t.as(owner, { method: 'POST', url: '/api/crm/properties', payload: seeblickWohnung })
  ).json().id;
});
afterAll(() => t.close());

describe('floor-plan upload', () => {
  it('reads a plan in a job into a model with rooms, openings and an underlay for the editor', async () => {
    const floor = templateModel('3-zimmer')?.floors[0];
    if (!floor) throw new Error('template missing');
    const plan = await renderSyntheticPlan(floor, { pxPerMetre: 60 });
    const res = await upload(plan.png, `fileName=eg.png&name=Seeblick%20EG&propertyId=${propertyId}`);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ name: 'Seeblick EG', modelId: null });
    // Not read yet at upload; with BullMQ a worker may already have picked the job up.
    expect(['wartet', 'laeuft']).toContain(res.json().status);

    await readingsDone();
    const done = await t.as(owner, { method: 'GET', url: `/api/3d/plans/${res.json().id}` });
    expect(done.json(), done.body).toMatchObject({ status: 'fertig', progress: 100, error: null });
    const modelId = done.json().modelId as string;

    const model = (await t.as(owner, { method: 'GET', url: `/api/3d/models/${modelId}` })).json();
    expect(model).toMatchObject({ source: 'grundriss', propertyId, name: 'Seeblick EG' });
    expect(model.sourceInput).toMatchObject({ planId: res.json().id, scale: { source: 'tuerbreite' } });
    const rooms = floor.rooms.filter((r) => r.type !== 'balkon').length;
    expect(model.figures.rooms).toBe(rooms);
    // Rooms are named after the labels read on the plan.
    const named = model.model.floors[0].rooms.filter((r: { name: string }) => !/^Raum \d+$/.test(r.name));
    expect(named.length).toBeGreaterThanOrEqual(3);
    expect(done.json().reading.detected.namedRooms).toBe(named.length);
    expect(model.model.floors[0].openings).toHaveLength(floor.openings.length);

    const underlay = await t.as(owner, { method: 'GET', url: done.json().underlayUrl });
    expect(underlay.statusCode).toBe(200);
    expect(underlay.headers['content-type']).toBe('image/png');
    expect((await sharp(underlay.rawPayload).metadata()).width).toBe(model.sourceInput.underlay.width);

    // Deleting the model takes the upload and its files along.
    expect((await t.as(owner, { method: 'DELETE', url: `/api/3d/models/${modelId}` })).statusCode).toBe(204);
    expect((await t.as(owner, { method: 'GET', url: `/api/3d/plans/${res.json().id}` })).statusCode).toBe(
      404,
    );
  });

  it('adds the plan of an upper storey as the next floor of a model read before', async () => {
    const house = templateModel('einfamilienhaus');
    const [ground, upper] = house?.floors ?? [];
    if (!ground || !upper) throw new Error('template missing');
    const first = await upload(
      (await renderSyntheticPlan(ground, { pxPerMetre: 60 })).png,
      'fileName=eg.png&name=Haus',
    );
    await readingsDone();
    const modelId = (await t.as(owner, { method: 'GET', url: `/api/3d/plans/${first.json().id}` })).json()
      .modelId;

    const second = await upload(
      (await renderSyntheticPlan(upper, { pxPerMetre: 60 })).png,
      `fileName=og.png&modelId=${modelId}&floorName=Dachgeschoss`,
    );
    expect(second.statusCode, second.body).toBe(202);
    expect(second.json().modelId).toBe(modelId);
    await readingsDone();
    const done = (await t.as(owner, { method: 'GET', url: `/api/3d/plans/${second.json().id}` })).json();
    expect(done).toMatchObject({ status: 'fertig', modelId, reading: { floorId: 'f1' } });

    const model = (await t.as(owner, { method: 'GET', url: `/api/3d/models/${modelId}` })).json();
    expect(model.revision).toBe(2);
    expect(model.figures.floors).toBe(2);
    const [eg, dg] = model.model.floors;
    expect(dg).toMatchObject({ id: 'f1', name: 'Dachgeschoss' });
    expect(dg.elevation).toBeCloseTo(eg.elevation + eg.height + 0.3, 6);
    expect(dg.rooms).toHaveLength(
      upper.rooms.filter((r) => r.type !== 'balkon' && r.type !== 'terrasse').length,
    );
    expect(dg.walls.every((w: { id: string }) => w.id.startsWith('f1-'))).toBe(true);
    expect(model.sourceInput.floorPlans.f1).toMatchObject({ planId: second.json().id, fileName: 'og.png' });

    const unknown = await upload(Buffer.from(''), `modelId=00000000-0000-4000-8000-000000000000`);
    expect(unknown.statusCode).toBe(400);
    const png = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    expect((await upload(png, 'modelId=00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('marks a picture without a plan as unreadable, with the reason', async () => {
    const blank = await sharp({ create: { width: 900, height: 700, channels: 3, background: '#f4f4f4' } })
      .jpeg()
      .toBuffer();
    const res = await upload(blank, 'fileName=foto.jpg', 'image/jpeg');
    expect(res.statusCode, res.body).toBe(202);
    await readingsDone();
    const view = (await t.as(owner, { method: 'GET', url: `/api/3d/plans/${res.json().id}` })).json();
    expect(view).toMatchObject({ status: 'fehler', modelId: null, error: { code: 'no_walls' } });
    expect(view.error.message).toMatch(/kein Grundriss/);
  });

  it('refuses files that are no plan image, half a reference line and unknown listings, storing nothing', async () => {
    const text = await upload(Buffer.from('%%% kein Bild'), 'fileName=x.txt', 'application/octet-stream');
    expect(text.statusCode).toBe(400);
    expect(text.json().error.code).toBe('unsupported_type');
    const png = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const half = await upload(png, 'refX1=1&refY1=2&refMetres=3');
    expect(half.statusCode).toBe(400);
    expect(half.body).toContain('refMetres');
    const unknown = await upload(png, 'propertyId=00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    const empty = await upload(Buffer.alloc(0), 'fileName=leer.png');
    expect(empty.statusCode).toBe(400);
    const rows = await t.platform.database.db.select().from(model3dPlan);
    expect(rows.map((r) => r.fileName).sort()).toEqual(['eg.png', 'foto.jpg', 'og.png']);
  });
});
