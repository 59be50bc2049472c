import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';

/** Issue 17.2: an office cannot make the server call internal addresses through a provider's base URL. */
let t: TestApp;
let owner: TestUser;

beforeAll(async () => {
  t = await createTestApp({ env: { AI_ALLOW_PRIVATE_ENDPOINTS: 'false' } });
  owner = await t.createTenant('SSRF-Probe GmbH');
});
afterAll(async () => t?.close());

const configure = (baseUrl: string) =>
  t.as(owner, {
    method: 'POST',
    url: '/api/ai/providers/compatible/configure',
    payload: { enabled: true, baseUrl, defaultModel: 'llama3' },
  });

describe('provider base URLs', () => {
  it('refuses cloud metadata, loopback and private networks, and changes nothing', async () => {
    for (const [url, code] of [
      ['http://169.254.169.254/latest/meta-data/', 'forbidden_address'],
      ['http://127.0.0.1:5432/', 'private_address'],
      ['http://[::1]:6379/', 'private_address'],
      ['http://10.0.0.7/v1', 'private_address'],
      ['http://localhost:11434/v1', 'private_address'],
    ] as const) {
      const response = await configure(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error.code, url).toBe(code);
    }
    const list = await t.as(owner, { method: 'GET', url: '/api/ai/providers' });
    expect(list.json().providers.find((p: { id: string }) => p.id === 'compatible')).toMatchObject({
      enabled: false,
    });
  });

  it('says how the operator allows a local model server', async () => {
    const response = await configure('http://localhost:11434/v1');
    expect(response.json().error.message).toContain('AI_ALLOW_PRIVATE_ENDPOINTS=true');
  });
});
