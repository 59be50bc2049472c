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
}

export interface RecordedCall {
  provider: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

const DEFAULT_TEXT = 'Helle Wohnung in Konstanz mit Balkon. Sie liegt ruhig und ist gut geschnitten.';

/** Splits the reply into chunks the way providers stream: a few words at a time. */
const chunksOf = (text: string) => text.match(/\S+\s*/g) ?? [text];

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
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
    const body = req.method === 'POST' ? await readJson(req) : {};
    this.calls.push({ provider, path, headers: req.headers, body });
    const b = this.behaviours.get(provider) ?? {};
    if (provider === 'gemini') return this.gemini(req, res, url, path, body, b, provider);
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
    const auth = req.headers.authorization;
    if (b.key !== null && auth !== `Bearer ${b.key ?? 'sk-test-key-1234'}`)
      return sendJson(res, 401, {
        error: {
          message: 'Incorrect API key provided.',
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      });
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
}
