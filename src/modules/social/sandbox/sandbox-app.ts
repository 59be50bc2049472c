import Fastify, { type FastifyInstance } from 'fastify';
import { createGraphSandboxState, graphSandbox } from './graph-sandbox.js';
import { createLinkedInSandboxState, linkedinSandbox } from './linkedin-sandbox.js';
import { createTikTokSandboxState, tiktokSandbox } from './tiktok-sandbox.js';

export const SANDBOX_BASE = 'http://sandbox.immoxx.local';

/** The three platform imitations in one in-process app; it never listens on a port. */
export async function createSandboxApp() {
  const state = {
    graph: createGraphSandboxState(),
    tiktok: createTikTokSandboxState(),
    linkedin: createLinkedInSandboxState(),
  };
  const app = Fastify({ logger: false });
  await app.register(graphSandbox, { prefix: '/graph', state: state.graph });
  await app.register(tiktokSandbox, { prefix: '/tiktok', state: state.tiktok });
  await app.register(linkedinSandbox, { prefix: '/linkedin', state: state.linkedin });
  await app.ready();
  return { app, state, fetch: injectingFetch(app) };
}

/** A `fetch` that hands requests to the sandbox app in-process instead of the network. */
export function injectingFetch(app: FastifyInstance): typeof fetch {
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => {
      headers[key] = value;
    });
    let payload: string | Buffer | undefined;
    const body = init.body;
    if (body instanceof URLSearchParams) {
      payload = body.toString();
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    } else if (body instanceof Blob) payload = Buffer.from(await body.arrayBuffer());
    else if (typeof body === 'string') payload = body;
    const response = await app.inject({
      method: (init.method ?? 'GET') as 'GET',
      url: `${url.pathname}${url.search}`,
      headers: { ...headers, host: url.host },
      payload,
    });
    const responseHeaders = new Headers();
    for (const [key, value] of Object.entries(response.headers))
      if (value !== undefined)
        responseHeaders.set(key, Array.isArray(value) ? value.join(', ') : String(value));
    return new Response(response.statusCode === 204 ? null : new Uint8Array(response.rawPayload), {
      status: response.statusCode,
      headers: responseHeaders,
    });
  }) as typeof fetch;
}
