import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { aiGeneration } from '../../ai/schema.js';
import { FakeProviders } from '../../ai/test/fake-providers.js';
import type { RoomProgram } from '../domain/room-program.js';

let t: TestApp;
let owner: TestUser;
const fake = new FakeProviders();

const PROGRAM: RoomProgram = {
  name: 'Maisonette am Hafen',
  floors: 2,
  storeyHeight: 2.5,
  rooms: [
    { type: 'wohnen', name: 'Wohnen/Kochen', area: 34, floor: 0 },
    { type: 'wc', name: 'Gäste-WC', area: 2.5, floor: 0 },
    { type: 'flur', name: 'Diele', area: 7, floor: 0 },
    { type: 'schlafen', name: 'Schlafen', area: 15, floor: 1 },
    { type: 'arbeiten', name: 'Büro', area: 10, floor: 1 },
    { type: 'bad', name: 'Bad', area: 7, floor: 1 },
    { type: 'flur', name: 'Galerie', area: 6, floor: 1 },
    { type: 'balkon', name: 'Loggia', area: 6, floor: 1 },
  ],
};
const describeText = (text: string) =>
  t.as(owner, { method: 'POST', url: '/api/3d/generate', payload: { source: { kind: 'text', text } } });

beforeAll(async () => {
  await fake.start();
  t = await createTestApp({ env: { AI_MAX_RETRIES: '0', AI_CACHE_TTL_HOURS: '0' } });
  owner = await t.createTenant('KI-3D-Büro');
  const configured = await t.as(owner, {
    method: 'POST',
    url: '/api/ai/providers/deepseek/configure',
    payload: { apiKey: 'sk-test-3d-0001', baseUrl: `${fake.url}/deepseek` },
  });
  expect(configured.statusCode, configured.body).toBe(200);
});
afterAll(async () => {
  await t.close();
  await fake.stop();
});

describe('description → room program through the configured language model', () => {
  it('asks for a JSON object against the room-program schema and lays out what comes back', async () => {
    fake.behave('deepseek', { text: JSON.stringify(PROGRAM), key: 'sk-test-3d-0001' });
    const res = await describeText('Maisonette am Hafen, 2 Ebenen, Loggia, Büro unterm Dach');
    expect(res.statusCode, res.body).toBe(201);
    const model = res.json();
    expect(model.sourceInput).toMatchObject({ interpretedBy: 'ki', provider: 'deepseek', program: PROGRAM });
    expect(model.name).toBe('Maisonette am Hafen');
    expect(model.figures.floors).toBe(2);
    const names = model.model.floors.flatMap((f: { rooms: { name: string }[] }) =>
      f.rooms.map((r) => r.name),
    );
    expect(names).toEqual(expect.arrayContaining(['Wohnen/Kochen', 'Büro', 'Loggia', 'Galerie']));

    const call = fake.callsTo('deepseek').at(-1);
    expect(call?.path).toBe('/chat/completions');
    expect(call?.headers.authorization).toBe('Bearer sk-test-3d-0001');
    expect(JSON.stringify(call?.body.messages)).toContain('Maisonette am Hafen, 2 Ebenen');
    expect(call?.body.response_format).toBeTruthy();
    const history = await t.platform.database.db
      .select()
      .from(aiGeneration)
      .where(eq(aiGeneration.tenantId, owner.tenantId));
    expect(history.some((g) => g.status === 'fertig' && g.provider === 'deepseek')).toBe(true);
  });

  it('falls back to the rules when the provider fails or answers off-schema, and says why', async () => {
    fake.behave('deepseek', { failStatus: 500, key: 'sk-test-3d-0001' });
    const failed = await describeText('3-Zimmer-Wohnung, 80 m², Balkon');
    expect(failed.statusCode, failed.body).toBe(201);
    expect(failed.json().sourceInput).toMatchObject({ interpretedBy: 'regeln' });
    expect(failed.json().sourceInput.aiFailure).toBeTruthy();
    expect(failed.json().sourceInput.understood).toEqual(expect.arrayContaining(['3 Zimmer', '80 m²']));

    fake.behave('deepseek', { text: '{"name":"kaputt","rooms":[]}', key: 'sk-test-3d-0001' });
    const offSchema = await describeText('2-Zimmer-Wohnung');
    expect(offSchema.statusCode, offSchema.body).toBe(201);
    expect(offSchema.json().sourceInput.interpretedBy).toBe('regeln');
  });
});
