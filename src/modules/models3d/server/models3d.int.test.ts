import { unzipSync } from 'fflate';
import { validateBytes } from 'gltf-validator';
import sharp from 'sharp';
import { OBJLoader } from 'three/examples/jsm/loaders/OBJLoader.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';

let t: TestApp;
let owner: TestUser;
let propertyId: string;

const generate = (payload: Record<string, unknown>, user = owner) =>
  t.as(user, { method: 'POST', url: '/api/3d/generate', payload });

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('3D-Büro');
  propertyId = (
    await t.as(owner, { method: 'POST', url: '/api/crm/properties', payload: seeblickWohnung })
  ).json().id;
});
afterAll(() => t.close());

describe('3D models through the API', () => {
  let modelId: string;

  it('lists the templates with their sizes', async () => {
    const res = await t.as(owner, { method: 'GET', url: '/api/3d/templates' });
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((x: { id: string }) => x.id);
    expect(ids).toEqual([
      'studio',
      '2-zimmer',
      '3-zimmer',
      '4-zimmer',
      'reihenhaus',
      'einfamilienhaus',
      'penthouse',
    ]);
    expect(res.json().items[5]).toMatchObject({ floors: 2, figures: { floors: 2 } });
  });

  it('generates a model from a template for a property; its GLB passes the validator', async () => {
    const res = await generate({
      propertyId,
      source: { kind: 'vorlage', templateId: '3-zimmer', params: { livingArea: 92 } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ propertyId, source: 'vorlage', revision: 1, figures: { floors: 1 } });
    expect(created.figures.livingArea).toBeGreaterThan(85);
    modelId = created.id;
    const glb = await t.as(owner, { method: 'GET', url: created.glb.url });
    expect(glb.headers['content-type']).toBe('model/gltf-binary');
    expect(glb.rawPayload.length).toBe(created.glb.bytes);
    expect((await validateBytes(new Uint8Array(glb.rawPayload))).issues.numErrors).toBe(0);
  });

  it('generates from a description, saying it was read by rules and what was understood', async () => {
    const res = await generate({
      source: { kind: 'text', text: '3-Zimmer-Wohnung, 85 m², offene Küche, Balkon nach Süden' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().sourceInput).toMatchObject({
      interpretedBy: 'regeln',
      understood: expect.arrayContaining(['3 Zimmer', '85 m²', 'offene Küche', 'Balkon']),
    });
  });

  it('exports OBJ with MTL as a ZIP that three can load', async () => {
    const res = await t.as(owner, {
      method: 'POST',
      url: `/api/3d/models/${modelId}/export`,
      payload: { format: 'obj' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(res.rawPayload));
    const names = Object.keys(files);
    expect(names.some((n) => n.endsWith('.obj'))).toBe(true);
    expect(names.some((n) => n.endsWith('.mtl'))).toBe(true);
    const obj = new TextDecoder().decode(
      files[names.find((n) => n.endsWith('.obj')) ?? ''] ?? new Uint8Array(),
    );
    expect(new OBJLoader().parse(obj).children.length).toBeGreaterThan(5);
  });

  it('offers FBX when Blender is there and converts through it, else answers 501 with the reason', async () => {
    const formats = (await t.as(owner, { method: 'GET', url: '/api/3d/export-formats' })).json().items;
    const fbx = formats.find((f: { format: string }) => f.format === 'fbx');
    const res = await t.as(owner, {
      method: 'POST',
      url: `/api/3d/models/${modelId}/export`,
      payload: { format: 'fbx' },
    });
    if (!fbx.available) {
      expect(res.statusCode).toBe(501);
      expect(res.json().error).toMatchObject({ code: 'fbx_unavailable', message: fbx.reason });
      return;
    }
    expect(fbx.version).toMatch(/^Blender \d/);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/\.fbx"$/);
    expect(res.rawPayload.subarray(0, 18).toString('latin1')).toBe('Kaydara FBX Binary');
  }, 60_000);

  it('keeps a view from the viewer as the preview image, replacing the last one', async () => {
    const png = await sharp({ create: { width: 1200, height: 700, channels: 3, background: '#88aacc' } })
      .png()
      .toBuffer();
    const put = (body: Buffer, type: string) =>
      t.as(owner, {
        method: 'PUT',
        url: `/api/3d/models/${modelId}/thumbnail`,
        payload: body,
        headers: { 'content-type': type },
      });
    const saved = await put(png, 'image/png');
    expect(saved.statusCode, saved.body).toBe(200);
    const url = saved.json().thumbnailUrl as string;
    const image = await t.as(owner, { method: 'GET', url });
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(image.rawPayload).metadata()).width).toBe(800);
    const listed = (await t.as(owner, { method: 'GET', url: '/api/3d/models' })).json().items;
    expect(listed.find((m: { id: string }) => m.id === modelId).thumbnailUrl).toBe(url);
    const refused = await put(Buffer.from('kein Bild'), 'application/octet-stream');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('unsupported_type');
  });

  it('saves a corrected model as the next revision and rebuilds the GLB', async () => {
    const current = (await t.as(owner, { method: 'GET', url: `/api/3d/models/${modelId}` })).json();
    const model = structuredClone(current.model);
    const wall = model.floors[0].walls.find((w: { exterior: boolean }) => !w.exterior);
    wall.thickness = 0.24;
    const saved = await t.as(owner, { method: 'PUT', url: `/api/3d/models/${modelId}`, payload: { model } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().revision).toBe(2);
    expect(saved.json().glb.url).not.toBe(current.glb.url);
  });

  it('refuses bad input with a clear 400 and changes nothing', async () => {
    const before = (await t.as(owner, { method: 'GET', url: '/api/3d/models' })).json().items.length;
    const unknown = await generate({ source: { kind: 'vorlage', templateId: 'schloss' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('unknown_template');
    const current = (await t.as(owner, { method: 'GET', url: `/api/3d/models/${modelId}` })).json();
    const broken = structuredClone(current.model);
    broken.floors[0].openings[0].offset = 500;
    const refused = await t.as(owner, {
      method: 'PUT',
      url: `/api/3d/models/${modelId}`,
      payload: { model: broken },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Öffnung ragt über die Wand hinaus');
    expect((await t.as(owner, { method: 'GET', url: '/api/3d/models' })).json().items.length).toBe(before);
    expect((await t.as(owner, { method: 'GET', url: `/api/3d/models/${modelId}` })).json().revision).toBe(2);
  });

  it('keeps a model, unassigned and downloadable, when its listing is deleted', async () => {
    const draft = (
      await t.as(owner, {
        method: 'POST',
        url: '/api/crm/properties',
        payload: { ...seeblickWohnung, title: 'Entwurf 3D' },
      })
    ).json();
    const created = (
      await generate({ propertyId: draft.id, source: { kind: 'vorlage', templateId: 'studio' } })
    ).json();
    expect((await t.as(owner, { method: 'DELETE', url: `/api/crm/properties/${draft.id}` })).statusCode).toBe(
      204,
    );
    const after = (await t.as(owner, { method: 'GET', url: `/api/3d/models/${created.id}` })).json();
    expect(after.propertyId).toBeNull();
    expect((await t.as(owner, { method: 'GET', url: after.glb.url })).statusCode).toBe(200);
  });

  it('shows the newest model as a 3D tour on the public listing page, only while the listing is on the market', async () => {
    const created = (
      await generate({ propertyId, source: { kind: 'vorlage', templateId: '2-zimmer' } })
    ).json();
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/3d/public/models/${created.id}` })).statusCode,
    ).toBe(404);
    const live = await t.as(owner, {
      method: 'POST',
      url: `/api/crm/properties/${propertyId}/status`,
      payload: { status: 'aktiv' },
    });
    expect(live.statusCode, live.body).toBe(200);
    const pub = await t.app.inject({ method: 'GET', url: `/api/3d/public/models/${created.id}` });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toMatchObject({ name: '2-Zimmer-Wohnung', floors: [{ name: 'Erdgeschoss' }] });
    const glb = await t.app.inject({ method: 'GET', url: pub.json().glbUrl });
    expect(glb.headers['content-type']).toBe('model/gltf-binary');
    const page = await t.app.inject({ method: 'GET', url: `/p/${live.json().slug}` });
    expect(page.body).toContain(`/embed/3d/${created.id}`);
    expect(page.body).toContain('3D-Rundgang');
  });

  it('keeps offices apart, and deletes a model', async () => {
    const other = await t.createTenant('Anderes 3D-Büro');
    expect((await t.as(other, { method: 'GET', url: `/api/3d/models/${modelId}` })).statusCode).toBe(404);
    expect((await t.as(owner, { method: 'DELETE', url: `/api/3d/models/${modelId}` })).statusCode).toBe(204);
    expect((await t.as(owner, { method: 'GET', url: `/api/3d/models/${modelId}` })).statusCode).toBe(404);
  });
});
