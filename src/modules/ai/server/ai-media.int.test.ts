import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { makeJpeg, seeblickWohnung } from '../../crm/test/fixtures.js';
import type { GenerationView } from '../contract.js';
import { aiGeneration, aiProviderSetting } from '../schema.js';
import { FAKE_VIDEO, FakeProviders } from '../test/fake-providers.js';
import { probeVideo } from './render/ffmpeg.js';

let t: TestApp;
let owner: TestUser;
let agent: TestUser;
let propertyId: string;
let bareProperty: string;
const photoIds: string[] = [];
const fake = new FakeProviders();
const KEY = 'sk-test-key-1234';

const configure = (provider: string, payload: Record<string, unknown> = {}) =>
  t.as(owner, {
    method: 'POST',
    url: `/api/ai/providers/${provider}/configure`,
    payload: { enabled: true, apiKey: KEY, baseUrl: `${fake.url}/${provider}`, ...payload },
  });
const image = (payload: Record<string, unknown>) =>
  t.as(agent, { method: 'POST', url: '/api/ai/generate/image', payload });
const video = (payload: Record<string, unknown>) =>
  t.as(agent, { method: 'POST', url: '/api/ai/generate/video', payload: { propertyId, ...payload } });
const countGenerations = async () =>
  (await t.platform.database.db.select().from(aiGeneration).where(eq(aiGeneration.tenantId, owner.tenantId)))
    .length;
const fileOf = (url: string) => t.as(agent, { method: 'GET', url });
const finished = async (generation: GenerationView): Promise<GenerationView> => {
  await t.platform.jobs.waitFor(generation.jobRunId as string, 120_000);
  return (await t.as(agent, { method: 'GET', url: `/api/ai/generations/${generation.id}` })).json();
};

beforeAll(async () => {
  await fake.start();
  t = await createTestApp({
    env: {
      AI_RATE_LIMIT_PER_MINUTE: '1000',
      AI_MAX_RETRIES: '1',
      AI_RETRY_BASE_MS: '10',
      AI_RUNWAY_POLL_SECONDS: '0.05',
    },
  });
  owner = await t.createTenant('KI-Medien-Büro');
  agent = await t.createUser(owner.tenantId, 'agent');
  propertyId = (
    await t.as(owner, { method: 'POST', url: '/api/crm/properties', payload: seeblickWohnung })
  ).json().id;
  bareProperty = (
    await t.as(owner, {
      method: 'POST',
      url: '/api/crm/properties',
      payload: { ...seeblickWohnung, title: 'Ohne Fotos' },
    })
  ).json().id;
  for (const hue of [200, 30]) {
    const upload = await t.as(agent, {
      method: 'POST',
      url: `/api/crm/properties/${propertyId}/media?kind=photo`,
      payload: await makeJpeg(1600, 1000, hue),
      headers: { 'content-type': 'image/jpeg' },
    });
    expect(upload.statusCode, upload.body).toBe(201);
    photoIds.push(upload.json().id);
  }
}, 60_000);
afterAll(async () => {
  await t.close();
  await fake.stop();
});
beforeEach(async () => {
  fake.calls.length = 0;
  for (const p of ['openai', 'stability', 'runway']) fake.behave(p, {});
  await t.platform.database.db
    .delete(aiProviderSetting)
    .where(eq(aiProviderSetting.tenantId, owner.tenantId));
});

describe('social graphics (offline)', () => {
  it('composes a feed and a story graphic from the title photo, serves them and costs nothing', async () => {
    const res = await image({ type: 'social_graphic', propertyId });
    expect(res.statusCode, res.body).toBe(201);
    const generation: GenerationView = res.json().generation;
    expect(generation).toMatchObject({
      provider: 'offline',
      offline: true,
      costUsd: 0,
      images: 2,
      status: 'fertig',
    });
    expect(generation.outputText).toContain('kWh');
    expect(generation.files.map((f) => [f.width, f.height])).toEqual([
      [1080, 1080],
      [1080, 1920],
    ]);
    for (const file of generation.files) {
      const served = await fileOf(file.url);
      expect(served.headers['content-type']).toBe('image/jpeg');
      const meta = await sharp(served.rawPayload).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', file.width, file.height]);
    }
    expect(fake.calls).toHaveLength(0);
  });

  it('sets a listing without photos on the office colour', async () => {
    const res = await image({ type: 'social_graphic', propertyId: bareProperty, formats: ['feed'] });
    expect(res.statusCode, res.body).toBe(201);
    const [file] = res.json().generation.files;
    const { dominant } = await sharp((await fileOf(file.url)).rawPayload).stats();
    // The default office colour #0f766e dominates the empty frame.
    expect(dominant.g).toBeGreaterThan(dominant.r);
  });

  it('leaves no files behind when the generation row cannot be written (issue 17.11)', async () => {
    const filesOfTenant = () => {
      const dir = join(t.platform.config.dataDir, 'files', 'tenants', owner.tenantId, 'ai');
      return existsSync(dir) ? readdirSync(dir).length : 0;
    };
    const before = filesOfTenant();
    // The database refuses the row, as it did for values it could not store.
    await t.platform.database.executeSql(`
      create or replace function refuse_generation() returns trigger language plpgsql as
        $$ begin raise exception 'abgelehnt' using errcode = '22P05'; end $$;
      create trigger refuse_generation before insert on ai_generation
        for each row execute function refuse_generation();`);
    try {
      const res = await image({ type: 'social_graphic', propertyId, formats: ['feed', 'story'] });
      expect(res.statusCode).toBe(400);
    } finally {
      await t.platform.database.executeSql('drop trigger refuse_generation on ai_generation');
    }
    expect(filesOfTenant()).toBe(before);
  });

  it('adds a graphic to the property photos', async () => {
    const generation: GenerationView = (
      await image({ type: 'social_graphic', propertyId, formats: ['feed'] })
    ).json().generation;
    const before = (await t.as(agent, { method: 'GET', url: `/api/crm/properties/${propertyId}` })).json()
      .media.length;
    const added = await t.as(agent, {
      method: 'POST',
      url: `/api/ai/generations/${generation.id}/files/0/to-property`,
    });
    expect(added.statusCode, added.body).toBe(201);
    const after = (await t.as(agent, { method: 'GET', url: `/api/crm/properties/${propertyId}` })).json()
      .media;
    expect(after).toHaveLength(before + 1);
    await t.as(agent, { method: 'DELETE', url: `/api/crm/media/${added.json().mediaId}` });
  });

  it('refuses a photo of another property and records nothing', async () => {
    const before = await countGenerations();
    const res = await image({ type: 'social_graphic', propertyId: bareProperty, mediaId: photoIds[0] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('media_not_found');
    expect(await countGenerations()).toBe(before);
  });
});

describe('free images through providers', () => {
  it('says clearly that a free image needs a provider when none is set up', async () => {
    const before = await countGenerations();
    const res = await image({ type: 'image', prompt: 'Heller Wohnraum mit Blick auf den Bodensee' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'no_image_provider' });
    expect(res.json().error.message).toContain('Social-Grafiken');
    expect(await countGenerations()).toBe(before);
  });

  it('draws with OpenAI (gpt-image-1), stores the PNG and prices it per image', async () => {
    await configure('openai');
    const res = await image({ type: 'image', prompt: 'Heller Wohnraum', formats: ['story'], propertyId });
    expect(res.statusCode, res.body).toBe(201);
    const generation: GenerationView = res.json().generation;
    expect(generation).toMatchObject({ provider: 'openai', model: 'gpt-image-1', images: 1, costUsd: 0.042 });
    const [call] = fake.callsTo('openai');
    expect(call?.path).toBe('/images/generations');
    expect(call?.body).toMatchObject({
      model: 'gpt-image-1',
      prompt: 'Heller Wohnraum',
      n: 1,
      size: '1024x1536',
    });
    expect(call?.headers.authorization).toBe(`Bearer ${KEY}`);
    const served = await fileOf(generation.files[0]?.url ?? '');
    expect((await sharp(served.rawPayload).metadata()).format).toBe('png');
    const toListing = await t.as(agent, {
      method: 'POST',
      url: `/api/ai/generations/${generation.id}/files/0/to-property`,
    });
    expect(toListing.statusCode).toBe(400);
    expect(toListing.json().error.code).toBe('not_a_listing_graphic');
  });

  it('sends Stability a multipart form and prices the model from the table', async () => {
    await configure('stability');
    const res = await image({ type: 'image', prompt: 'Gartenansicht im Sommer', formats: ['story'] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().generation).toMatchObject({ provider: 'stability', model: 'core', costUsd: 0.03 });
    const [call] = fake.callsTo('stability');
    expect(call?.path).toBe('/v2beta/stable-image/generate/core');
    expect(call?.headers.accept).toBe('image/*');
    expect(call?.form).toMatchObject({
      prompt: 'Gartenansicht im Sommer',
      aspect_ratio: '9:16',
      output_format: 'png',
    });
  });

  it('records a content-filtered Stability image as failed, free of charge', async () => {
    await configure('stability');
    fake.behave('stability', { filtered: true });
    const res = await image({ type: 'image', prompt: 'Gartenansicht' });
    expect(res.statusCode).toBe(502);
    expect(res.json().error.message).toContain('Inhaltsfilter');
    const [row] = await t.platform.database.db
      .select()
      .from(aiGeneration)
      .where(eq(aiGeneration.tenantId, owner.tenantId))
      .orderBy(aiGeneration.createdAt)
      .then((rows) => rows.slice(-1));
    expect(row).toMatchObject({ status: 'fehler', costMicros: 0, provider: 'stability' });
  });

  it('retries a 429 and falls back from a broken OpenAI to Stability, noting it in the history', async () => {
    await configure('openai', { priority: 1 });
    await configure('stability', { priority: 2 });
    fake.behave('openai', { failStatus: 429, failFirst: 1 });
    const retried = await image({ type: 'image', prompt: 'Terrasse' });
    expect(retried.json().generation).toMatchObject({ provider: 'openai', fallbackFrom: null });
    expect(fake.callsTo('openai')).toHaveLength(2);

    fake.behave('openai', { failStatus: 503 });
    const fellBack = await image({ type: 'image', prompt: 'Terrasse' });
    expect(fellBack.statusCode, fellBack.body).toBe(201);
    expect(fellBack.json().generation).toMatchObject({ provider: 'stability', fallbackFrom: 'openai' });
  });
});

describe('property reel (offline, ffmpeg)', () => {
  it('renders a valid 1080×1920 MP4 in a job with progress', async () => {
    const res = await video({ type: 'property_reel', secondsPerPhoto: 1 });
    expect(res.statusCode, res.body).toBe(202);
    const started: GenerationView = res.json().generation;
    expect(started).toMatchObject({ status: 'laeuft', provider: 'offline', kind: 'video' });
    expect(started.prompt).toContain('Besichtigung');
    const done = await finished(started);
    expect(done.status, done.error ?? '').toBe('fertig');
    const run = await t.platform.jobs.get(started.jobRunId as string);
    expect(run?.progress).toBe(100);
    const [file] = done.files;
    expect(file).toMatchObject({ contentType: 'video/mp4', width: 1080, height: 1920 });
    const served = await fileOf(file?.url ?? '');
    const dir = await mkdtemp(join(tmpdir(), 'reel-test-'));
    try {
      await writeFile(join(dir, 'reel.mp4'), served.rawPayload);
      const probe = await probeVideo(join(dir, 'reel.mp4'));
      expect(probe).toMatchObject({ videoCodec: 'h264', audioCodec: 'aac', width: 1080, height: 1920 });
      // Two photos of one second each and the three-second outro.
      expect(probe.durationSeconds).toBeGreaterThan(4.5);
      expect(probe.durationSeconds).toBeLessThan(5.5);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses a reel for a property without photos and records nothing', async () => {
    const before = await countGenerations();
    const res = await video({ type: 'property_reel', propertyId: bareProperty });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('no_photos');
    expect(await countGenerations()).toBe(before);
  });
});

describe('RunwayML image-to-video', () => {
  it('needs Runway for a clip from a photo', async () => {
    const res = await video({ type: 'image_to_video' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('no_video_provider');
  });

  it('starts the task once, polls it to the end, stores the clip and prices it per second', async () => {
    await configure('runway');
    const res = await video({ type: 'image_to_video', clipSeconds: 5, prompt: 'Langsame Fahrt zum Fenster' });
    expect(res.statusCode, res.body).toBe(202);
    const done = await finished(res.json().generation);
    expect(done).toMatchObject({
      status: 'fertig',
      provider: 'runway',
      model: 'gen4_turbo',
      videoSeconds: 5,
      costUsd: 0.25,
    });
    const calls = fake.callsTo('runway');
    const start = calls.filter((c) => c.path === '/v1/image_to_video');
    expect(start).toHaveLength(1);
    expect(start[0]?.headers['x-runway-version']).toBe('2024-11-06');
    expect(start[0]?.body).toMatchObject({
      model: 'gen4_turbo',
      duration: 5,
      ratio: '720:1280',
      promptText: 'Langsame Fahrt zum Fenster',
    });
    expect(String(start[0]?.body.promptImage)).toMatch(/^data:image\/jpeg;base64,/);
    expect(calls.filter((c) => c.path.startsWith('/v1/tasks/')).length).toBeGreaterThanOrEqual(3);
    expect(Buffer.from((await fileOf(done.files[0]?.url ?? '')).rawPayload)).toEqual(FAKE_VIDEO);
  }, 60_000);

  it('records a failed Runway task with its reason and charges nothing', async () => {
    await configure('runway');
    fake.behave('runway', { taskFails: true, pollsUntilDone: 1 });
    const done = await finished((await video({ type: 'image_to_video' })).json().generation);
    expect(done).toMatchObject({ status: 'fehler', costUsd: 0 });
    expect(done.error).toContain('content moderation');
  }, 60_000);

  it('refuses a clip with 402 when the Runway budget is used up, before anything is sent', async () => {
    await configure('runway', { monthlyBudgetUsd: 0 });
    const before = await countGenerations();
    const res = await video({ type: 'image_to_video' });
    expect(res.statusCode).toBe(402);
    expect(res.json().error.code).toBe('budget_exhausted');
    expect(fake.callsTo('runway')).toHaveLength(0);
    expect(await countGenerations()).toBe(before);
  });
});
