import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How a fake provider answers its next calls: fail with a status first, or always. */
export interface Behaviour {
  failFirst?: number;
  failStatus?: number;
  text?: string;
  promptTokens?: number;
  completionTokens?: number;
  /** Expected API key; anything else gets the provider's 401. */
  key?: string | null;
  /** Stability: answer 200 with `finish-reason: CONTENT_FILTERED`. */
  filtered?: boolean;
  /** Runway: the task ends FAILED instead of SUCCEEDED. */
  taskFails?: boolean;
  /** Runway: polls that see the task still running before it ends. */
  pollsUntilDone?: number;
}

export interface RecordedCall {
  provider: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  /** Multipart fields (Stability), as strings. */
  form?: Record<string, string>;
}

/** A valid 1×1 PNG, so callers that read image sizes get a real image. */
export const FAKE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
/** Stands in for the clip Runway hosts; the studio stores the bytes as they come. */
export const FAKE_VIDEO = Buffer.from('fake-runway-mp4-bytes');

const DEFAULT_TEXT = 'Helle Wohnung in Konstanz mit Balkon. Sie liegt ruhig und ist gut geschnitten.';

/** Splits the reply into chunks the way providers stream: a few words at a time. */
const chunksOf = (text: string) => text.match(/\S+\s*/g) ?? [text];

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Multipart parsing by the platform's own Request, as a real server would decode the form. */
async function readForm(req: IncomingMessage, raw: Buffer): Promise<Record<string, string>> {
  const form = await new Request('http://fake/', {
    method: 'POST',
    headers: { 'content-type': req.headers['content-type'] ?? '' },
    body: new Uint8Array(raw),
  }).formData();
  return Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * Local imitations of the providers' documented HTTP contracts, for tests: OpenAI-style chat
 * completions (OpenAI, DeepSeek, Qwen compatible mode, Ollama) with SSE streaming and the
 * usage chunk, and Gemini's generateContent / streamGenerateContent. Errors use each
 * provider's error body; 429s carry `retry-after-ms` as OpenAI sends it.
 */
export class FakeProviders {
  readonly calls: RecordedCall[] = [];
  private readonly behaviours = new Map<string, Behaviour>();
  private readonly failures = new Map<string, number>();
  private server: Server | null = null;
  url = '';

  behave(provider: string, behaviour: Behaviour): void {
    this.behaviours.set(provider, behaviour);
    this.failures.set(provider, 0);
  }

  callsTo(provider: string): RecordedCall[] {
    return this.calls.filter((c) => c.provider === provider);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) =>
        sendJson(res, 500, { error: { message: String(error) } }),
      );
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** `/{provider}/…`: the first path segment names the imitated provider. */
  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const [, provider = '', ...rest] = url.pathname.split('/');
    const path = `/${rest.join('/')}`;
    const raw = req.method === 'POST' ? await readBody(req) : Buffer.alloc(0);
    const multipart = req.headers['content-type']?.startsWith('multipart/form-data');
    const form = multipart ? await readForm(req, raw) : undefined;
    const body =
      !multipart && raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
    this.calls.push({ provider, path, headers: req.headers, body, form });
    const b = this.behaviours.get(provider) ?? {};
    if (provider === 'gemini') return this.gemini(req, res, url, path, body, b, provider);
    if (provider === 'stability') return this.stability(req, res, path, form ?? {}, b);
    if (provider === 'runway') return this.runway(req, res, path, body, b);
    if (path.endsWith('/images/generations')) return this.openaiImages(req, res, body, b, provider);
    return this.chat(req, res, path, body, b, provider);
  }

  private shouldFail(provider: string, b: Behaviour): boolean {
    const failed = this.failures.get(provider) ?? 0;
    if (b.failStatus && (b.failFirst === undefined || failed < b.failFirst)) {
      this.failures.set(provider, failed + 1);
      return true;
    }
    return false;
  }

  private chat(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    body: Record<string, unknown>,
    b: Behaviour,
    provider: string,
  ) {
    if (!path.endsWith('/chat/completions'))
      return sendJson(res, 404, { error: { message: `unknown path ${path}` } });
    if (this.openaiAuthFailed(req, res, b)) return;
    if (this.shouldFail(provider, b)) {
      const status = b.failStatus ?? 500;
      return sendJson(
        res,
        status,
        {
          error: {
            message:
              status === 429
                ? 'Rate limit reached for requests'
                : 'The server had an error while processing your request.',
            type: status === 429 ? 'requests' : 'server_error',
          },
        },
        status === 429 ? { 'retry-after-ms': '20' } : {},
      );
    }
    const text = b.text ?? DEFAULT_TEXT;
    const usage = {
      prompt_tokens: b.promptTokens ?? 812,
      completion_tokens: b.completionTokens ?? 245,
      total_tokens: (b.promptTokens ?? 812) + (b.completionTokens ?? 245),
    };
    const base = { id: 'chatcmpl-fake', created: 1_764_000_000, model: body.model };
    if (!body.stream)
      return sendJson(res, 200, {
        ...base,
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
        usage,
      });
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
    for (const [i, piece] of chunksOf(text).entries()) {
      send({
        ...base,
        object: 'chat.completion.chunk',
        choices: [
          {
            index: 0,
            delta: i === 0 ? { role: 'assistant', content: piece } : { content: piece },
            finish_reason: null,
          },
        ],
      });
    }
    send({
      ...base,
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
    });
    const options = body.stream_options as { include_usage?: boolean } | undefined;
    if (options?.include_usage) send({ ...base, object: 'chat.completion.chunk', choices: [], usage });
    res.end('data: [DONE]\n\n');
  }

  private gemini(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    path: string,
    _body: Record<string, unknown>,
    b: Behaviour,
    provider: string,
  ) {
    const match = /^\/v1beta\/models\/([^:]+):(generateContent|streamGenerateContent)$/.exec(path);
    if (!match)
      return sendJson(res, 404, {
        error: { code: 404, message: `unknown path ${path}`, status: 'NOT_FOUND' },
      });
    if (req.headers['x-goog-api-key'] !== (b.key ?? 'sk-test-key-1234'))
      return sendJson(res, 400, {
        error: {
          code: 400,
          message: 'API key not valid. Please pass a valid API key.',
          status: 'INVALID_ARGUMENT',
        },
      });
    if (this.shouldFail(provider, b)) {
      const status = b.failStatus ?? 500;
      return sendJson(res, status, {
        error: {
          code: status,
          message:
            status === 429
              ? 'Resource has been exhausted (e.g. check quota).'
              : 'Internal error encountered.',
          status: status === 429 ? 'RESOURCE_EXHAUSTED' : 'INTERNAL',
        },
      });
    }
    const text = b.text ?? DEFAULT_TEXT;
    const usageMetadata = {
      promptTokenCount: b.promptTokens ?? 700,
      candidatesTokenCount: b.completionTokens ?? 210,
      totalTokenCount: (b.promptTokens ?? 700) + (b.completionTokens ?? 210),
    };
    if (match[2] === 'generateContent')
      return sendJson(res, 200, {
        candidates: [{ content: { parts: [{ text }], role: 'model' }, finishReason: 'STOP', index: 0 }],
        usageMetadata,
        modelVersion: match[1],
      });
    if (url.searchParams.get('alt') !== 'sse')
      return sendJson(res, 400, {
        error: { code: 400, message: 'alt=sse expected', status: 'INVALID_ARGUMENT' },
      });
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const pieces = chunksOf(text);
    pieces.forEach((piece, i) => {
      const last = i === pieces.length - 1;
      const chunk = {
        candidates: [
          {
            content: { parts: [{ text: piece }], role: 'model' },
            index: 0,
            ...(last ? { finishReason: 'STOP' } : {}),
          },
        ],
        ...(last ? { usageMetadata } : {}),
        modelVersion: match[1],
      };
      res.write(`data: ${JSON.stringify(chunk)}\r\n\r\n`);
    });
    res.end();
  }

  private openaiAuthFailed(req: IncomingMessage, res: ServerResponse, b: Behaviour): boolean {
    if (b.key === null || req.headers.authorization === `Bearer ${b.key ?? 'sk-test-key-1234'}`) return false;
    // OpenAI names the refused key in its 401 text; some gateways echo the whole header.
    sendJson(res, 401, {
      error: {
        message: `Incorrect API key provided: ${String(req.headers.authorization ?? '').replace(/^Bearer /, '')}. You can find your API key at https://platform.openai.com/account/api-keys.`,
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      },
    });
    return true;
  }

  /** OpenAI `POST /images/generations`: base64 images in `data[].b64_json`, with usage for gpt-image. */
  private openaiImages(
    req: IncomingMessage,
    res: ServerResponse,
    body: Record<string, unknown>,
    b: Behaviour,
    provider: string,
  ) {
    if (this.openaiAuthFailed(req, res, b)) return;
    if (typeof body.prompt !== 'string' || !body.prompt)
      return sendJson(res, 400, {
        error: { message: "Missing required parameter: 'prompt'.", type: 'invalid_request_error' },
      });
    if (this.shouldFail(provider, b))
      return sendJson(
        res,
        b.failStatus ?? 500,
        { error: { message: 'Rate limit reached for images', type: 'requests' } },
        { 'retry-after-ms': '20' },
      );
    const n = typeof body.n === 'number' ? body.n : 1;
    return sendJson(res, 200, {
      created: 1_764_000_000,
      data: Array.from({ length: n }, () => ({ b64_json: FAKE_PNG.toString('base64') })),
      usage: { input_tokens: 50, output_tokens: 4160, total_tokens: 4210 },
    });
  }

  /**
   * Stability `POST /v2beta/stable-image/generate/{core|ultra|sd3}`: multipart in, raw image out
   * with `finish-reason` and `seed` headers when `Accept: image/*`; JSON errors `{name, errors}`.
   */
  private stability(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    form: Record<string, string>,
    b: Behaviour,
  ) {
    if (!/^\/v2beta\/stable-image\/generate\/(core|ultra|sd3)$/.test(path))
      return sendJson(res, 404, { name: 'not_found', errors: [`unknown path ${path}`] });
    if (req.headers.authorization !== `Bearer ${b.key ?? 'sk-test-key-1234'}`)
      return sendJson(res, 401, { name: 'unauthorized', errors: ['Missing or invalid API key'] });
    if (!form.prompt) return sendJson(res, 400, { name: 'bad_request', errors: ['prompt: is required'] });
    if (this.shouldFail('stability', b)) {
      const status = b.failStatus ?? 500;
      return sendJson(res, status, {
        name: status === 429 ? 'rate_limit_exceeded' : 'internal_error',
        errors: [
          status === 429
            ? 'You have exceeded the rate limit of 150 requests within a 10 second period.'
            : 'An unexpected server error occurred.',
        ],
      });
    }
    if (req.headers.accept !== 'image/*')
      return sendJson(res, 200, { image: FAKE_PNG.toString('base64'), finish_reason: 'SUCCESS', seed: 42 });
    res.writeHead(200, {
      'content-type': 'image/png',
      'finish-reason': b.filtered ? 'CONTENT_FILTERED' : 'SUCCESS',
      seed: '42',
    });
    res.end(FAKE_PNG);
  }

  private readonly runwayPolls = new Map<string, number>();

  /** Runway `POST /v1/image_to_video` and `GET /v1/tasks/{id}`, versioned by `X-Runway-Version`. */
  private runway(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    body: Record<string, unknown>,
    b: Behaviour,
  ) {
    if (path.startsWith('/files/')) {
      res.writeHead(200, { 'content-type': 'video/mp4' });
      return res.end(FAKE_VIDEO);
    }
    if (req.headers.authorization !== `Bearer ${b.key ?? 'sk-test-key-1234'}`)
      return sendJson(res, 401, { error: 'Invalid API key' });
    if (!req.headers['x-runway-version'])
      return sendJson(res, 400, { error: 'The X-Runway-Version header is required.' });
    if (path === '/v1/image_to_video') {
      if (typeof body.promptImage !== 'string' || !/^(https:|data:image\/)/.test(body.promptImage))
        return sendJson(res, 400, { error: 'promptImage must be an HTTPS URL or a data URI.' });
      if (![5, 10].includes(body.duration as number))
        return sendJson(res, 400, { error: 'duration must be 5 or 10.' });
      if (this.shouldFail('runway', b))
        return sendJson(res, b.failStatus ?? 500, { error: 'Too many requests' });
      const id = `task-${this.runwayPolls.size + 1}`;
      this.runwayPolls.set(id, 0);
      return sendJson(res, 200, { id });
    }
    const task = /^\/v1\/tasks\/([^/]+)$/.exec(path);
    const polls = task?.[1] !== undefined ? this.runwayPolls.get(task[1]) : undefined;
    if (!task?.[1] || polls === undefined) return sendJson(res, 404, { error: 'Task not found' });
    this.runwayPolls.set(task[1], polls + 1);
    const base = { id: task[1], createdAt: '2026-12-01T08:00:00.000Z' };
    if (polls < (b.pollsUntilDone ?? 2))
      return sendJson(res, 200, {
        ...base,
        status: polls === 0 ? 'PENDING' : 'RUNNING',
        progress: polls === 0 ? 0 : 0.5,
      });
    if (b.taskFails)
      return sendJson(res, 200, {
        ...base,
        status: 'FAILED',
        failure: 'The input image did not pass content moderation.',
        failureCode: 'SAFETY.INPUT.IMAGE',
      });
    return sendJson(res, 200, {
      ...base,
      status: 'SUCCEEDED',
      output: [`${this.url}/runway/files/${task[1]}.mp4`],
    });
  }
}
