import type { PlaneState, PlaneWorkItem } from '../../domain/plane-mapping.js';

/**
 * Plane's REST API v1 (open source, makeplane/plane; reference: developers.plane.so/api-reference).
 * - Auth: header `X-API-Key` (workspace API token). Missing or invalid keys answer 403 with
 *   `{"detail": …}` (Django REST framework without an authenticate header).
 * - Work items: `/api/v1/workspaces/{slug}/projects/{project_id}/work-items/` (GET list, POST),
 *   `…/work-items/{id}/` (GET, PATCH, DELETE). The `/issues/` paths are kept by Plane only as
 *   deprecated aliases ("Deprecated url patterns" in plane/api/urls/work_item.py); not used here.
 * - Creating with an `external_id`/`external_source` pair that exists answers 409
 *   `{"error": "…already exists", "id": "<work item id>"}`.
 * - Lists are cursor-paginated: `?per_page=N&cursor=<per_page>:<page>:0`, answer with
 *   `results`, `next_cursor`, `next_page_results`, `total_results`.
 * - Rate limit (Plane Cloud: 60 requests/min per key): 429 with `Retry-After`; every answer
 *   carries `X-RateLimit-Remaining` and `X-RateLimit-Reset` (Unix seconds).
 * - Errors: `{"error": "…"}` or a field map `{"name": ["This field is required."]}`.
 */
export class PlaneError extends Error {
  override name = 'PlaneError';
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

export interface PlaneConnection {
  baseUrl: string;
  workspaceSlug: string;
  projectId: string;
  apiKey: string;
}

interface PlanePage<T> {
  results: T[];
  next_cursor: string;
  next_page_results: boolean;
  total_results?: number;
}

/** Longest wait for Plane's window to reset inside one call; beyond it the job retries later. */
const MAX_INLINE_WAIT_MS = 65_000;
const TIMEOUT_MS = 20_000;
const STALE_SOCKET = /ECONNRESET|other side closed|socket hang up|UND_ERR_SOCKET/i;

function messageOf(status: number, body: unknown): string {
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    if (typeof record.error === 'string') return record.error;
    if (typeof record.detail === 'string') return record.detail;
    const fields = Object.entries(record)
      .map(([field, value]) => `${field}: ${Array.isArray(value) ? value.join(' ') : String(value)}`)
      .join('; ');
    if (fields) return fields;
  }
  return `Plane antwortete mit HTTP ${status}.`;
}

export class PlaneClient {
  /** When the current rate-limit window ends, if Plane said none are left. */
  #exhaustedUntil = 0;

  constructor(
    private readonly connection: PlaneConnection,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  private url(path: string): string {
    const base = this.connection.baseUrl.replace(/\/+$/, '');
    const { workspaceSlug, projectId } = this.connection;
    return `${base}/api/v1/workspaces/${encodeURIComponent(workspaceSlug)}/projects/${encodeURIComponent(projectId)}${path}`;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const wait = this.#exhaustedUntil - Date.now();
    if (wait > 0) {
      if (wait > MAX_INLINE_WAIT_MS)
        throw new PlaneError(429, 'Plane-Anfragelimit erreicht.', Math.ceil(wait / 1000));
      await this.sleep(wait);
    }
    let response: Response | undefined;
    for (let attempt = 1; !response; attempt++) {
      try {
        response = await fetch(this.url(path), {
          method,
          redirect: 'error',
          signal: AbortSignal.timeout(TIMEOUT_MS),
          headers: {
            'x-api-key': this.connection.apiKey,
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch (error) {
        const reason =
          error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : '';
        // A pooled keep-alive connection the server closed just as it was reused: the request
        // never arrived, so an idempotent one is sent once more on a fresh connection.
        if (attempt === 1 && method !== 'POST' && STALE_SOCKET.test(reason)) continue;
        throw new PlaneError(0, `Plane nicht erreichbar: ${reason}`);
      }
    }
    const remaining = Number(response.headers.get('x-ratelimit-remaining'));
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    if (response.headers.has('x-ratelimit-remaining') && remaining <= 0 && Number.isFinite(reset))
      this.#exhaustedUntil = reset * 1000;
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    if (response.status === 429) {
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new PlaneError(429, messageOf(429, parsed), Number.isFinite(retryAfter) ? retryAfter : 60);
    }
    if (!response.ok && response.status !== 409)
      throw new PlaneError(response.status, messageOf(response.status, parsed));
    return { status: response.status, body: parsed as T };
  }

  async states(): Promise<PlaneState[]> {
    const states: PlaneState[] = [];
    for await (const page of this.pages<PlaneState>('/states/')) states.push(...page);
    return states;
  }

  /** Every page of a list, following Plane's cursor. */
  async *pages<T>(path: string, perPage = 100): AsyncGenerator<T[]> {
    let cursor = `${perPage}:0:0`;
    for (let guard = 0; guard < 10_000; guard++) {
      const { body } = await this.call<PlanePage<T> | T[]>(
        'GET',
        `${path}?per_page=${perPage}&cursor=${encodeURIComponent(cursor)}`,
      );
      // Some older list endpoints answer a plain array.
      if (Array.isArray(body)) {
        yield body;
        return;
      }
      yield body.results;
      if (!body.next_page_results) return;
      cursor = body.next_cursor;
    }
  }

  workItems(perPage = 100): AsyncGenerator<PlaneWorkItem[]> {
    return this.pages<PlaneWorkItem>('/work-items/', perPage);
  }

  /** Creates the work item, or names the existing one with the same external id (Plane's 409). */
  async createWorkItem(body: object): Promise<{ created: boolean; item: PlaneWorkItem | null; id: string }> {
    const answer = await this.call<PlaneWorkItem & { id: string }>('POST', '/work-items/', body);
    if (answer.status === 409) {
      const id = (answer.body as { id?: string }).id;
      if (!id) throw new PlaneError(409, messageOf(409, answer.body));
      return { created: false, item: null, id };
    }
    return { created: true, item: answer.body, id: answer.body.id };
  }

  async updateWorkItem(id: string, body: object): Promise<PlaneWorkItem> {
    const answer = await this.call<PlaneWorkItem>('PATCH', `/work-items/${encodeURIComponent(id)}/`, body);
    if (answer.status === 409) throw new PlaneError(409, messageOf(409, answer.body));
    return answer.body;
  }

  /** Deletes a work item; one that is already gone counts as deleted. */
  async deleteWorkItem(id: string): Promise<void> {
    try {
      await this.call('DELETE', `/work-items/${encodeURIComponent(id)}/`);
    } catch (error) {
      if (error instanceof PlaneError && error.status === 404) return;
      throw error;
    }
  }
}
