import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A strict fake of Plane's REST API v1 for work items and states, written from Plane's published
 * contract: developers.plane.so/api-reference (auth with X-API-Key, work-items paths, cursor
 * pagination, rate limits) and the behaviour of makeplane/plane's API views it documents
 * (plane/api/views/issue.py: 409 with the existing id for a duplicate external id, 400 "Start date
 * cannot exceed target date"; plane/utils/paginator.py: cursor "<per_page>:<page>:<is_prev>" and the
 * answer's next_cursor/next_page_results; plane/api/rate_limit.py: X-RateLimit-Remaining/-Reset).
 * Anything the contract does not allow is refused, so the adapter cannot lean on leniency.
 */

export interface FakeWorkItem {
  id: string;
  name: string;
  description_html: string;
  priority: string;
  state: string;
  start_date: string | null;
  target_date: string | null;
  external_id: string | null;
  external_source: string | null;
  created_at: string;
  updated_at: string;
  sequence_id: number;
  project: string;
}

export interface PlaneFake {
  url: string;
  apiKey: string;
  slug: string;
  projectId: string;
  items: Map<string, FakeWorkItem>;
  states: { id: string; name: string; group: string; sequence: number }[];
  requests: { method: string; path: string }[];
  /** How many requests were answered 429. */
  throttled: number;
  /** Requests allowed per window (Plane Cloud: 60 per minute). */
  rateLimit: number;
  windowMs: number;
  /** The next create is stored but answered with this status (a lost answer, e.g. a 502 of a proxy). */
  failNextCreateAfterStoring: number | null;
  /** While set, every PATCH is answered with this status (Plane down for writes). */
  failUpdatesWith: number | null;
  /** Edits a work item "in Plane" (as a user would), moving its updated_at. */
  editInPlane(id: string, changes: Partial<FakeWorkItem>): void;
  close(): Promise<void>;
}

const PRIORITIES = ['urgent', 'high', 'medium', 'low', 'none'];
const WRITABLE = [
  'name',
  'description_html',
  'priority',
  'state',
  'start_date',
  'target_date',
  'external_id',
  'external_source',
];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(body === null ? '' : JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  return JSON.parse(text);
}

export async function startPlaneFake(): Promise<PlaneFake> {
  const fake = {
    apiKey: `plane_api_${randomUUID().replace(/-/g, '')}`,
    slug: 'makler-team',
    projectId: randomUUID(),
    items: new Map<string, FakeWorkItem>(),
    // Plane's default states of a new project (plane/db/models/state.py).
    states: [
      { id: randomUUID(), name: 'Backlog', group: 'backlog', sequence: 15000 },
      { id: randomUUID(), name: 'Todo', group: 'unstarted', sequence: 25000 },
      { id: randomUUID(), name: 'In Progress', group: 'started', sequence: 35000 },
      { id: randomUUID(), name: 'Done', group: 'completed', sequence: 45000 },
      { id: randomUUID(), name: 'Cancelled', group: 'cancelled', sequence: 55000 },
    ],
    requests: [] as { method: string; path: string }[],
    throttled: 0,
    rateLimit: 60,
    windowMs: 60_000,
    failNextCreateAfterStoring: null as number | null,
    failUpdatesWith: null as number | null,
  };
  let sequence = 0;
  let windowStart = Date.now();
  let used = 0;
  // Plane stores microseconds; updated_at must move on every write even within one millisecond.
  let lastStamp = 0;
  const stamp = () => {
    lastStamp = Math.max(Date.now(), lastStamp + 1);
    return new Date(lastStamp).toISOString().replace('Z', '123Z');
  };

  function validate(
    body: Record<string, unknown>,
    current: FakeWorkItem | null,
  ): Record<string, string[]> | null {
    const errors: Record<string, string[]> = {};
    for (const key of Object.keys(body))
      if (!WRITABLE.includes(key)) errors[key] = [`Unknown field for this fake: ${key}`];
    if (!current && (typeof body.name !== 'string' || body.name.trim() === ''))
      errors.name = ['This field is required.'];
    if (typeof body.name === 'string' && body.name.length > 255)
      errors.name = ['Ensure this field has no more than 255 characters.'];
    if (body.priority !== undefined && !PRIORITIES.includes(String(body.priority)))
      errors.priority = [`"${String(body.priority)}" is not a valid choice.`];
    for (const field of ['start_date', 'target_date'])
      if (body[field] !== undefined && body[field] !== null && !DATE.test(String(body[field])))
        errors[field] = ['Date has wrong format. Use one of these formats instead: YYYY-MM-DD.'];
    if (body.state !== undefined && !fake.states.some((s) => s.id === body.state))
      errors.state = [`Invalid pk "${String(body.state)}" - object does not exist.`];
    const start = (body.start_date !== undefined ? body.start_date : current?.start_date) as string | null;
    const target = (body.target_date !== undefined ? body.target_date : current?.target_date) as
      | string
      | null;
    if (start && target && start > target) errors.non_field_errors = ['Start date cannot exceed target date'];
    return Object.keys(errors).length > 0 ? errors : null;
  }

  function page<T>(url: URL, rows: T[]) {
    const perPage = Number(url.searchParams.get('per_page') ?? '100');
    const cursor = url.searchParams.get('cursor') ?? `${perPage}:0:0`;
    const bits = cursor.split(':');
    if (bits.length !== 3 || bits.some((b) => !/^\d+$/.test(b)) || perPage < 1 || perPage > 1000)
      return {
        status: 400,
        body: { error: "Invalid cursor format: Cursor must be in the format 'value:offset:is_prev'" },
      };
    const pageNo = Number(bits[1]);
    const results = rows.slice(pageNo * perPage, pageNo * perPage + perPage);
    const hasNext = rows.length > (pageNo + 1) * perPage;
    return {
      status: 200,
      body: {
        grouped_by: null,
        sub_grouped_by: null,
        total_count: rows.length,
        next_cursor: `${perPage}:${pageNo + 1}:0`,
        prev_cursor: `${perPage}:${pageNo - 1}:1`,
        next_page_results: hasNext,
        prev_page_results: pageNo > 0,
        count: results.length,
        total_pages: Math.ceil(rows.length / perPage),
        total_results: rows.length,
        extra_stats: null,
        results,
      },
    };
  }

  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://fake');
      fake.requests.push({ method: request.method ?? 'GET', path: url.pathname });
      const key = request.headers['x-api-key'];
      if (!key) return send(response, 403, { detail: 'Authentication credentials were not provided.' });
      if (key !== fake.apiKey) return send(response, 403, { detail: 'Given API token is not valid' });
      if (Date.now() - windowStart >= fake.windowMs) {
        windowStart = Date.now();
        used = 0;
      }
      const reset = Math.ceil((windowStart + fake.windowMs) / 1000);
      if (used >= fake.rateLimit) {
        fake.throttled += 1;
        const wait = Math.max(1, reset - Math.floor(Date.now() / 1000));
        return send(
          response,
          429,
          { detail: `Request was throttled. Expected available in ${wait} seconds.` },
          {
            'retry-after': String(wait),
          },
        );
      }
      used += 1;
      const limits = {
        'x-ratelimit-remaining': String(fake.rateLimit - used),
        'x-ratelimit-reset': String(reset),
      };
      const reply = (status: number, body: unknown) => send(response, status, body, limits);

      const prefix = `/api/v1/workspaces/${fake.slug}/projects/${fake.projectId}`;
      if (!url.pathname.startsWith(`${prefix}/`))
        return reply(404, { error: 'The requested resource does not exist.' });
      const rest = url.pathname.slice(prefix.length);
      const method = request.method ?? 'GET';

      if (rest === '/states/' && method === 'GET') {
        const answer = page(url, fake.states);
        return reply(answer.status, answer.body);
      }
      if (rest === '/work-items/' && method === 'GET') {
        const externalId = url.searchParams.get('external_id');
        const externalSource = url.searchParams.get('external_source');
        const all = [...fake.items.values()].sort((a, b) => a.sequence_id - b.sequence_id);
        if (externalId && externalSource) {
          const found = all.find((i) => i.external_id === externalId && i.external_source === externalSource);
          return found ? reply(200, found) : reply(404, { error: 'The requested resource does not exist.' });
        }
        const answer = page(url, all);
        return reply(answer.status, answer.body);
      }
      if (rest === '/work-items/' && method === 'POST') {
        if (request.headers['content-type'] !== 'application/json')
          return reply(415, {
            detail: `Unsupported media type "${request.headers['content-type']}" in request.`,
          });
        const body = (await readJson(request)) as Record<string, unknown>;
        const errors = validate(body, null);
        if (errors) return reply(400, errors);
        if (body.external_id && body.external_source) {
          const existing = [...fake.items.values()].find(
            (i) => i.external_id === body.external_id && i.external_source === body.external_source,
          );
          if (existing)
            return reply(409, {
              error: 'Issue with the same external id and external source already exists',
              id: existing.id,
            });
        }
        const now = stamp();
        const item: FakeWorkItem = {
          id: randomUUID(),
          name: String(body.name),
          description_html: (body.description_html as string | undefined) ?? '<p></p>',
          priority: (body.priority as string | undefined) ?? 'none',
          state: (body.state as string | undefined) ?? (fake.states[1]?.id as string),
          start_date: (body.start_date as string | null | undefined) ?? null,
          target_date: (body.target_date as string | null | undefined) ?? null,
          external_id: (body.external_id as string | undefined) ?? null,
          external_source: (body.external_source as string | undefined) ?? null,
          created_at: now,
          updated_at: now,
          sequence_id: ++sequence,
          project: fake.projectId,
        };
        fake.items.set(item.id, item);
        if (fake.failNextCreateAfterStoring) {
          const status = fake.failNextCreateAfterStoring;
          fake.failNextCreateAfterStoring = null;
          return reply(status, { error: 'Something went wrong please try again later' });
        }
        return reply(201, item);
      }
      const detail = /^\/work-items\/([0-9a-f-]{36})\/$/.exec(rest);
      if (detail) {
        const item = fake.items.get(detail[1] as string);
        if (!item) return reply(404, { error: 'The requested resource does not exist.' });
        if (method === 'GET') return reply(200, item);
        if (method === 'DELETE') {
          fake.items.delete(item.id);
          return send(response, 204, null, limits);
        }
        if (method === 'PATCH') {
          if (fake.failUpdatesWith)
            return reply(fake.failUpdatesWith, { error: 'Something went wrong please try again later' });
          const body = (await readJson(request)) as Record<string, unknown>;
          const errors = validate(body, item);
          if (errors) return reply(400, errors);
          Object.assign(item, body, { updated_at: stamp() });
          return reply(200, item);
        }
        return reply(405, { detail: `Method "${method}" not allowed.` });
      }
      return reply(404, { error: 'The requested resource does not exist.' });
    })().catch((error: unknown) => send(response, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const result: PlaneFake = Object.assign(fake, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    editInPlane(id: string, changes: Partial<FakeWorkItem>) {
      const item = fake.items.get(id);
      if (!item) throw new Error(`no work item ${id}`);
      Object.assign(item, changes, { updated_at: stamp() });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
  return result;
}
