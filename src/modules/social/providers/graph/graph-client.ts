import { createHmac } from 'node:crypto';
import { ProviderError } from '../provider-error.js';
import { type GraphErrorBody, graphError } from './graph-errors.js';

export interface GraphClientOptions {
  /** e.g. https://graph.facebook.com — configurable so tests and the sandbox can stand in. */
  baseUrl: string;
  /** e.g. v25.0 (api-versions.ts) */
  version: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  /**
   * The Meta app secret: every call with a token then carries `appsecret_proof`
   * (HMAC-SHA256 of the token), which apps with "Require App Secret" demand.
   */
  appSecret?: string;
}

type Params = Record<string, string | number | boolean | undefined>;

/**
 * How many pages (of up to 100) a read-back of a possibly published post looks through: a busy
 * page publishes hundreds of posts in the window between a lost answer and the retry.
 */
export const READ_BACK_PAGES = 20;

/**
 * The Graph API over HTTP: form-encoded writes, JSON reads, the access token as a parameter,
 * errors mapped to ProviderError. A write that times out after sending is `unknown_outcome`.
 */
export class GraphClient {
  readonly #fetch: typeof fetch;
  constructor(private readonly options: GraphClientOptions) {
    this.#fetch = options.fetchImpl ?? fetch;
  }

  /** `token` is left out only for the OAuth code exchange, which authenticates with the app secret. */
  get<T>(path: string, params: Params, token: string | undefined): Promise<T> {
    return this.#call<T>('GET', path, params, token);
  }

  /**
   * The items of a list edge, page by page, newest first: Graph's cursor pagination
   * (developers.facebook.com/docs/graph-api/results) gives `paging.cursors.after` and a `next`
   * link only while more pages follow. Stops after `maxPages` so a read-back stays bounded.
   */
  async *pages<T>(path: string, params: Params, token: string, maxPages: number): AsyncGenerator<T[]> {
    let after: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const listed = await this.get<{ data: T[]; paging?: { cursors?: { after?: string }; next?: string } }>(
        path,
        after ? { ...params, after } : params,
        token,
      );
      yield listed.data;
      after = listed.paging?.cursors?.after;
      if (!listed.paging?.next || !after) return;
    }
  }

  post<T>(path: string, params: Params, token: string): Promise<T> {
    return this.#call<T>('POST', path, params, token);
  }

  /** Facebook's long-lived token exchange (about 60 days), also used to refresh before expiry. */
  async exchangeToken(
    appId: string,
    appSecret: string,
    token: string,
  ): Promise<{ accessToken: string; expiresIn: number }> {
    const body = await this.get<{ access_token: string; expires_in?: number }>(
      'oauth/access_token',
      {
        grant_type: 'fb_exchange_token',
        client_id: appId,
        client_secret: appSecret,
        fb_exchange_token: token,
      },
      token,
    );
    return { accessToken: body.access_token, expiresIn: body.expires_in ?? 5_184_000 };
  }

  async #call<T>(
    method: 'GET' | 'POST',
    path: string,
    params: Params,
    token: string | undefined,
  ): Promise<T> {
    const url = new URL(
      `${this.options.baseUrl.replace(/\/$/, '')}/${this.options.version}/${path.replace(/^\//, '')}`,
    );
    const form = new URLSearchParams();
    const proof =
      token && this.options.appSecret
        ? createHmac('sha256', this.options.appSecret).update(token).digest('hex')
        : undefined;
    for (const [key, value] of Object.entries({ ...params, access_token: token, appsecret_proof: proof }))
      if (value !== undefined) (method === 'GET' ? url.searchParams : form).set(key, String(value));
    let response: Response;
    try {
      response = await this.#fetch(url, {
        method,
        body: method === 'POST' ? form : undefined,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      const detail = (error as Error).message;
      // A write may have landed even though we saw no answer: the caller must look before re-posting.
      if (method === 'POST')
        throw new ProviderError(
          'unknown_outcome',
          'network',
          'Keine Antwort der Plattform – ob der Beitrag angekommen ist, wird geprüft.',
          detail,
        );
      throw new ProviderError(
        'retryable',
        'network',
        'Die Plattform ist nicht erreichbar; neuer Versuch folgt.',
        detail,
      );
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = undefined;
    }
    if (!response.ok || (body as { error?: unknown } | undefined)?.error) {
      const error = graphError(
        response.status,
        (body as { error?: GraphErrorBody } | undefined)?.error,
        response.headers.get('x-business-use-case-usage') ?? response.headers.get('x-app-usage'),
      );
      // A write that failed on Meta's side may still have landed (two posts after a 5xx, or
      // #506 "duplicate" for the one that did): the caller must look before it posts again.
      if (method === 'POST' && (error.kind === 'retryable' || error.code === '506'))
        throw new ProviderError(
          'unknown_outcome',
          error.code,
          'Die Plattform hat mit einem Fehler geantwortet; ob der Beitrag angekommen ist, wird geprüft.',
          error.detail,
        );
      throw error;
    }
    return body as T;
  }
}
