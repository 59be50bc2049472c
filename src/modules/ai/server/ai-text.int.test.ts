import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../../../platform/audit/audit.schema.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';
import type { TextStreamEvent } from '../contract.js';
import { DEFAULT_PRICES, priceUsage } from '../domain/price-table.js';
import { aiGeneration, aiProviderSetting } from '../schema.js';
import { FakeProviders } from '../test/fake-providers.js';

let t: TestApp;
let owner: TestUser;
let agent: TestUser;
let propertyId: string;
const fake = new FakeProviders();
const KEY = 'sk-test-key-1234';

const events = (body: string) =>
  body
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as TextStreamEvent);
const textOf = (list: TextStreamEvent[]) =>
  list.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');
const done = (list: TextStreamEvent[]) =>
  list.find((e): e is Extract<TextStreamEvent, { type: 'done' }> => e.type === 'done');

const generate = (user: TestUser, payload: Record<string, unknown>) =>
  t.as(user, {
    method: 'POST',
    url: '/api/ai/generate/text',
    payload: { type: 'property_description', propertyId, ...payload },
  });
const configure = (provider: string, payload: Record<string, unknown>) =>
  t.as(owner, { method: 'POST', url: `/api/ai/providers/${provider}/configure`, payload });
const generations = async () =>
  (await t.platform.database.db.select().from(aiGeneration).where(eq(aiGeneration.tenantId, owner.tenantId)))
    .length;

beforeAll(async () => {
  await fake.start();
  t = await createTestApp({
    env: { AI_RATE_LIMIT_PER_MINUTE: '1000', AI_CACHE_TTL_HOURS: '1', AI_MAX_RETRIES: '1' },
  });
  owner = await t.createTenant('KI-Büro');
  agent = await t.createUser(owner.tenantId, 'agent');
  const created = await t.as(owner, { method: 'POST', url: '/api/crm/properties', payload: seeblickWohnung });
  propertyId = created.json().id;
});
afterAll(async () => {
  await t.close();
  await fake.stop();
});
beforeEach(async () => {
  fake.calls.length = 0;
  for (const p of ['deepseek', 'openai', 'gemini', 'qwen', 'compatible']) fake.behave(p, {});
  await t.platform.database.db
    .delete(aiProviderSetting)
    .where(eq(aiProviderSetting.tenantId, owner.tenantId));
});

describe('offline text generation', () => {
  it('writes a description from the listing without any provider, says so, and records it', async () => {
    const res = await generate(agent, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    const list = events(res.body);
    expect(list[0]).toMatchObject({ type: 'start', provider: 'offline', offline: true });
    const finished = done(list);
    expect(finished?.compliance?.passed).toBe(true);
    expect(textOf(list)).toContain(seeblickWohnung.city);
    expect(finished?.generation).toMatchObject({
      provider: 'offline',
      costUsd: 0,
      propertyId,
      status: 'fertig',
    });
    expect(fake.calls).toHaveLength(0);
    const history = await t.as(agent, { method: 'GET', url: `/api/ai/generations?propertyId=${propertyId}` });
    expect(history.json().items[0]).toMatchObject({
      id: finished?.generation.id,
      propertyTitle: seeblickWohnung.title,
    });
  });

  it('refuses languages and types the template engine cannot write, recording nothing', async () => {
    const before = await generations();
    const fr = await generate(agent, { language: 'fr' });
    expect(fr.statusCode).toBe(400);
    expect(fr.json().error.code).toBe('offline_language');
    const custom = await generate(agent, { type: 'custom', prompt: 'Ein Gedicht über Konstanz' });
    expect(custom.json().error.code).toBe('offline_type');
    expect(await generations()).toBe(before);
  });

  it('validates the request and names the field', async () => {
    const res = await t.as(agent, {
      method: 'POST',
      url: '/api/ai/generate/text',
      payload: { type: 'social_post', propertyId },
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error.details)).toContain('platform');
  });
});

describe('provider settings', () => {
  it('seals the key, returns only its last four characters and never writes it to the audit log', async () => {
    const res = await configure('deepseek', {
      apiKey: 'sk-live-secret-ABCD',
      baseUrl: `${fake.url}/deepseek`,
      monthlyBudgetUsd: 20,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: 'deepseek',
      enabled: true,
      configured: true,
      apiKeyLast4: 'ABCD',
      monthlyBudgetUsd: 20,
    });
    const list = await t.as(agent, { method: 'GET', url: '/api/ai/providers' });
    expect(list.body).not.toContain('sk-live-secret');
    expect(list.json().offline.text).toBe(false);
    expect(list.json().unavailable.map((u: { id: string }) => u.id)).toEqual(['midjourney', 'pika']);
    const [row] = await t.platform.database.db
      .select()
      .from(aiProviderSetting)
      .where(eq(aiProviderSetting.tenantId, owner.tenantId));
    expect(row?.apiKeySealed).not.toContain('sk-live-secret');
    const audit = await t.platform.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entity, 'ai_provider'));
    expect(JSON.stringify(audit)).not.toContain('sk-live-secret');
  });

  it('refuses to switch on a provider without a key, and agents may not configure', async () => {
    const res = await configure('openai', { enabled: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('api_key_required');
    const denied = await t.as(agent, {
      method: 'POST',
      url: '/api/ai/providers/openai/configure',
      payload: { apiKey: KEY },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('tests the connection with the stored key and records the outcome', async () => {
    await configure('openai', { apiKey: KEY, baseUrl: `${fake.url}/openai/v1` });
    const ok = await t.as(owner, { method: 'POST', url: '/api/ai/providers/openai/test' });
    expect(ok.json()).toMatchObject({ ok: true });
    await configure('openai', { apiKey: 'sk-wrong-key-9999' });
    const bad = await t.as(owner, { method: 'POST', url: '/api/ai/providers/openai/test' });
    expect(bad.json().ok).toBe(false);
    expect(bad.json().message).toContain('API-Schlüssel abgelehnt (HTTP 401)');
    // Issue 17.2: the key the provider echoed is neither returned, stored nor shown.
    expect(bad.body).not.toContain('wrong-key');
    const [stored] = await t.platform.database.db
      .select({ message: aiProviderSetting.lastTestMessage })
      .from(aiProviderSetting)
      .where(and(eq(aiProviderSetting.tenantId, owner.tenantId), eq(aiProviderSetting.provider, 'openai')));
    expect(stored?.message).not.toContain('wrong-key');
    const list = await t.as(owner, { method: 'GET', url: '/api/ai/providers' });
    expect(list.json().providers.find((p: { id: string }) => p.id === 'openai').lastTest).toMatchObject({
      ok: false,
      message: expect.stringContaining('API-Schlüssel abgelehnt'),
    });
    // Only those who set providers up see the details.
    const forAgent = await t.as(agent, { method: 'GET', url: '/api/ai/providers' });
    expect(forAgent.json().providers.find((p: { id: string }) => p.id === 'openai').lastTest).toMatchObject({
      ok: false,
      message: 'Verbindungstest fehlgeschlagen.',
    });
  });
});

describe('text generation over providers', () => {
  it('streams from DeepSeek with the listing facts in the prompt and prices the recorded usage', async () => {
    await configure('deepseek', { apiKey: KEY, baseUrl: `${fake.url}/deepseek` });
    fake.behave('deepseek', {
      text: 'Erster Satz. Zweiter Satz mit mehr Wörtern.',
      promptTokens: 1500,
      completionTokens: 400,
    });
    const res = await generate(agent, { variant: 1 });
    expect(res.statusCode, res.body).toBe(200);
    const list = events(res.body);
    expect(list[0]).toMatchObject({
      type: 'start',
      provider: 'deepseek',
      model: 'deepseek-chat',
      offline: false,
      cacheHit: false,
    });
    expect(list.filter((e) => e.type === 'delta').length).toBeGreaterThan(3);
    expect(textOf(list)).toBe('Erster Satz. Zweiter Satz mit mehr Wörtern.');
    const call = fake.callsTo('deepseek')[0];
    expect(call?.path).toBe('/chat/completions');
    expect(call?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(call?.body).toMatchObject({ model: 'deepseek-chat', stream: true });
    const messages = JSON.stringify(call?.body.messages);
    expect(messages).toContain('Energieverbrauchsausweis');
    expect(messages).toContain(seeblickWohnung.city);
    const generation = done(list)?.generation;
    const expected = priceUsage(
      DEFAULT_PRICES,
      'deepseek',
      'deepseek-chat',
      { tokensIn: 1500, tokensOut: 400 },
      new Date(),
    );
    expect(generation).toMatchObject({
      tokensIn: 1500,
      tokensOut: 400,
      costUsd: expected.costMicros / 1_000_000,
      priceRef: expected.priceRef,
    });
    // The compliance check runs on provider texts as well: this one lacks the GEG items.
    expect(done(list)?.compliance?.findings.map((f) => f.code)).toContain('geg_missing');
  });

  it('answers an identical request from the cache at no cost and counts the hit', async () => {
    await configure('deepseek', { apiKey: KEY, baseUrl: `${fake.url}/deepseek` });
    const first = events((await generate(agent, { variant: 7 })).body);
    const second = events((await generate(agent, { variant: 7 })).body);
    expect(fake.callsTo('deepseek')).toHaveLength(1);
    expect(second[0]).toMatchObject({ type: 'start', cacheHit: true });
    expect(textOf(second)).toBe(textOf(first));
    expect(done(second)?.generation).toMatchObject({ cacheHit: true, costUsd: 0 });
    const usage = await t.as(owner, { method: 'GET', url: '/api/ai/usage' });
    expect(usage.json().cacheHits).toBeGreaterThanOrEqual(1);
    expect(usage.json().cacheHitRate).toBeGreaterThan(0);
  });

  it('retries a 429 after the provider’s retry-after and succeeds', async () => {
    await configure('openai', { apiKey: KEY, baseUrl: `${fake.url}/openai/v1` });
    fake.behave('openai', { failStatus: 429, failFirst: 1 });
    const res = await generate(agent, { provider: 'openai', variant: 2 });
    expect(res.statusCode, res.body).toBe(200);
    expect(fake.callsTo('openai')).toHaveLength(2);
    expect(done(events(res.body))?.generation.provider).toBe('openai');
  });

  it('falls back to the next provider when the first keeps failing, and records it', async () => {
    await configure('deepseek', { apiKey: KEY, baseUrl: `${fake.url}/deepseek`, priority: 1 });
    await configure('openai', { apiKey: KEY, baseUrl: `${fake.url}/openai/v1`, priority: 2 });
    fake.behave('deepseek', { failStatus: 500 });
    const res = await generate(agent, { variant: 3 });
    expect(res.statusCode, res.body).toBe(200);
    const list = events(res.body);
    expect(list[0]).toMatchObject({ provider: 'openai', fallbackFrom: 'deepseek' });
    expect(fake.callsTo('deepseek')).toHaveLength(2); // first try and AI_MAX_RETRIES=1
    const generation = done(list)?.generation;
    expect(generation?.fallbackFrom).toBe('deepseek');
    expect(generation?.fallbackReason).toContain('HTTP 500');
  });

  it('does not fall back on a rejected key, answers 502 and records the failure', async () => {
    await configure('deepseek', {
      apiKey: 'sk-wrong-key-0000',
      baseUrl: `${fake.url}/deepseek`,
      priority: 1,
    });
    await configure('openai', { apiKey: KEY, baseUrl: `${fake.url}/openai/v1`, priority: 2 });
    const res = await generate(agent, { variant: 4 });
    expect(res.statusCode).toBe(502);
    expect(res.json().error.message).toContain('API-Schlüssel abgelehnt');
    expect(fake.callsTo('openai')).toHaveLength(0);
    const history = await t.as(agent, { method: 'GET', url: '/api/ai/generations?kind=text' });
    expect(history.json().items[0]).toMatchObject({ status: 'fehler', provider: 'deepseek' });
  });

  it('talks to Gemini, Qwen (DashScope compatible mode) and a keyless OpenAI-compatible server', async () => {
    await configure('gemini', { apiKey: KEY, baseUrl: `${fake.url}/gemini/v1beta` });
    const gemini = await generate(agent, { provider: 'gemini', variant: 5 });
    expect(gemini.statusCode, gemini.body).toBe(200);
    expect(fake.callsTo('gemini')[0]?.path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent');
    expect(done(events(gemini.body))?.generation).toMatchObject({
      provider: 'gemini',
      tokensIn: 700,
      tokensOut: 210,
    });

    await configure('qwen', { apiKey: KEY, baseUrl: `${fake.url}/qwen/compatible-mode/v1` });
    const qwen = await generate(agent, { provider: 'qwen', variant: 5 });
    expect(done(events(qwen.body))?.generation).toMatchObject({
      provider: 'qwen',
      model: 'qwen-plus',
      tokensIn: 812,
    });
    expect(fake.callsTo('qwen')[0]?.body.stream_options).toEqual({ include_usage: true });

    fake.behave('compatible', { key: null });
    await configure('compatible', {
      enabled: true,
      baseUrl: `${fake.url}/compatible/v1`,
      defaultModel: 'llama3.1:8b',
    });
    const local = await generate(agent, { provider: 'compatible', variant: 5 });
    expect(done(events(local.body))?.generation).toMatchObject({
      provider: 'compatible',
      model: 'llama3.1:8b',
      costUsd: 0,
    });
  });
});

describe('budgets', () => {
  it('lets a tenant at 99 % make one more small call, then refuses with 402 and charges nothing', async () => {
    await configure('deepseek', { apiKey: KEY, baseUrl: `${fake.url}/deepseek` });
    fake.behave('deepseek', { promptTokens: 1000, completionTokens: 100 });
    const oneCall = priceUsage(
      DEFAULT_PRICES,
      'deepseek',
      'deepseek-chat',
      { tokensIn: 1000, tokensOut: 100 },
      new Date(),
    ).costMicros;
    const spent = await t.as(owner, { method: 'GET', url: '/api/ai/usage' });
    const spentMicros = Math.round(spent.json().totalCostUsd * 1_000_000);
    // Budget so that this month's spending so far plus a pre-charged call is 99 % of it.
    const budgetMicros = Math.ceil((spentMicros + 50 * oneCall) / 0.99);
    await t.platform.database.db.insert(aiGeneration).values({
      tenantId: owner.tenantId,
      kind: 'text',
      type: 'property_description',
      provider: 'deepseek',
      model: 'deepseek-chat',
      status: 'fertig',
      input: { type: 'property_description' },
      costMicros: Math.round(budgetMicros * 0.99) - spentMicros,
    });
    const settings = await t.as(owner, {
      method: 'PUT',
      url: '/api/ai/settings',
      payload: {
        monthlyBudgetUsd: budgetMicros / 1_000_000,
        fallbackEnabled: true,
        textProvider: 'deepseek',
        imageProvider: null,
        videoProvider: null,
      },
    });
    expect(settings.json().budgets[0]).toMatchObject({ scope: 'gesamt', level: 'warnung' });

    const allowed = await generate(agent, { variant: 11 });
    expect(allowed.statusCode, allowed.body).toBe(200);
    expect(events(allowed.body)[0]).toMatchObject({
      budgetWarnings: [{ scope: 'gesamt', level: 'warnung' }],
    });
    fake.behave('deepseek', { promptTokens: 1_000_000, completionTokens: 1_000_000 });
    await generate(agent, { variant: 12 }); // a big call that tips the month over its budget
    const callsBefore = fake.callsTo('deepseek').length;
    const countBefore = await generations();
    const refused = await generate(agent, { variant: 13 });
    expect(refused.statusCode).toBe(402);
    expect(refused.json().error).toMatchObject({ code: 'budget_exhausted' });
    expect(refused.json().error.message).toContain('Monatsbudget');
    expect(fake.callsTo('deepseek').length).toBe(callsBefore);
    expect(await generations()).toBe(countBefore);
    // Offline texts cost nothing and stay available.
    const offline = await generate(agent, { provider: 'offline' });
    expect(offline.statusCode).toBe(200);
  });
});

describe('usage dashboard', () => {
  it('splits cost and calls by provider, type, user and day; only admins see it', async () => {
    const res = await t.as(owner, { method: 'GET', url: '/api/ai/usage' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.calls).toBeGreaterThan(5);
    expect(body.byProvider.map((s: { key: string }) => s.key)).toEqual(
      expect.arrayContaining(['deepseek', 'offline']),
    );
    expect(body.byUser[0].label).toBeTruthy();
    expect(body.byDay.length).toBeGreaterThanOrEqual(1);
    expect((await t.as(agent, { method: 'GET', url: '/api/ai/usage' })).statusCode).toBe(403);
    expect((await t.as(owner, { method: 'GET', url: '/api/ai/usage?month=2026-13' })).statusCode).toBe(400);
  });
});
