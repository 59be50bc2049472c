import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyReply } from 'fastify';

/**
 * A strict fake of Google's OAuth 2.0 endpoints and Calendar API v3 events collection, written
 * from the documentation, not from ImmoXX's client:
 * - OAuth web server flow: https://developers.google.com/identity/protocols/oauth2/web-server
 *   (authorization code, refresh_token grant, `invalid_grant`);
 * - events.list/insert/get/update/delete:
 *   https://developers.google.com/workspace/calendar/api/v3/reference/events (client-chosen ids in
 *   base32hex, 5–1024 characters; 409 for an existing id);
 * - incremental sync: https://developers.google.com/workspace/calendar/api/guides/sync (the
 *   nextSyncToken only on the last page, timeMin not allowed with syncToken, 410 for a token that
 *   is no longer valid, deleted events returned as `status: cancelled` with little more than the id);
 * - ETags: https://developers.google.com/workspace/calendar/api/guides/version-resources (If-Match → 412);
 * - errors: https://developers.google.com/workspace/calendar/api/guides/errors (401 authError,
 *   403 rateLimitExceeded, 409 duplicate, 410 fullSyncRequired / deleted, 412 conditionNotMet).
 */
export interface FakeEvent {
  id: string;
  etag: string;
  status: 'confirmed' | 'cancelled';
  iCalUID: string;
  summary?: string;
  location?: string;
  description?: string;
  start: { dateTime?: string; date?: string; timeZone?: string };
  end: { dateTime?: string; date?: string; timeZone?: string };
  transparency?: 'opaque' | 'transparent';
  recurrence?: string[];
  extendedProperties?: { private?: Record<string, string> };
  /** Change counter for sync tokens. */
  seq: number;
}

export interface GoogleFake {
  url: string;
  clientId: string;
  clientSecret: string;
  events: Map<string, FakeEvent>;
  /** Calls per method and path, for asserting what the client did. */
  calls: { method: string; path: string; status: number }[];
  /** The next N API calls fail with this answer (rate limit, server error). */
  failNext(n: number, status: 403 | 429 | 500 | 503, reason?: string): void;
  /** The next insert is stored but its answer is a 503, as when a response is lost. */
  loseNextInsertAnswer(): void;
  /** Invalidates every sync token handed out so far (Google may do so at any time). */
  expireSyncTokens(): void;
  /** What the agent does in Google Calendar: edits (new ETag) or deletes an event. */
  edit(id: string, change: Partial<FakeEvent>): void;
  insertForeign(event: Omit<FakeEvent, 'etag' | 'seq' | 'status' | 'iCalUID'>): void;
  close(): Promise<void>;
}

const BASE32HEX_ID = /^[a-v0-9]{5,1024}$/;

export async function startGoogleFake(): Promise<GoogleFake> {
  const app = Fastify();
  const clientId = 'immoxx-test.apps.googleusercontent.com';
  const clientSecret = 'GOCSPX-test-secret';
  const codes = new Map<string, string>();
  const refreshTokens = new Set<string>();
  const accessTokens = new Set<string>();
  const events = new Map<string, FakeEvent>();
  const calls: GoogleFake['calls'] = [];
  let seq = 1;
  let tokenEpoch = 0;
  let failures: { n: number; status: number; reason: string } = { n: 0, status: 0, reason: '' };
  let loseInsert = false;

  const etag = () => `"${Date.now()}${seq}"`;
  const error = (reply: FastifyReply, code: number, reason: string, message: string) =>
    reply.status(code).send({ error: { code, message, errors: [{ domain: 'global', reason, message }] } });
  const publicEvent = (e: FakeEvent) => {
    const { seq: _seq, ...rest } = e;
    return { kind: 'calendar#event', ...rest };
  };

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  app.addHook('onResponse', async (request, reply) => {
    calls.push({ method: request.method, path: request.url.split('?')[0] ?? '', status: reply.statusCode });
  });

  // The consent screen: here it grants at once and sends the browser back with a code.
  app.get<{ Querystring: Record<string, string> }>('/o/oauth2/v2/auth', async (request, reply) => {
    const q = request.query;
    if (
      q.client_id !== clientId ||
      q.response_type !== 'code' ||
      !q.redirect_uri ||
      !q.scope?.includes('calendar')
    )
      return reply.status(400).send('invalid_request');
    const code = `4/${randomBytes(12).toString('base64url')}`;
    codes.set(code, q.redirect_uri);
    return reply.redirect(
      `${q.redirect_uri}?${new URLSearchParams({ code, state: q.state ?? '', scope: q.scope })}`,
    );
  });

  app.post<{ Body: Record<string, string> }>('/token', async (request, reply) => {
    const b = request.body;
    if (b.client_id !== clientId || b.client_secret !== clientSecret)
      return reply.status(401).send({ error: 'invalid_client' });
    const access = `ya29.${randomBytes(16).toString('base64url')}`;
    if (b.grant_type === 'authorization_code') {
      if (!b.code || codes.get(b.code) !== b.redirect_uri)
        return reply.status(400).send({ error: 'invalid_grant' });
      codes.delete(b.code);
      const refresh = `1//${randomBytes(16).toString('base64url')}`;
      refreshTokens.add(refresh);
      accessTokens.add(access);
      return {
        access_token: access,
        expires_in: 3599,
        refresh_token: refresh,
        scope: 'https://www.googleapis.com/auth/calendar.events',
        token_type: 'Bearer',
      };
    }
    if (b.grant_type === 'refresh_token') {
      if (!b.refresh_token || !refreshTokens.has(b.refresh_token))
        return reply
          .status(400)
          .send({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
      accessTokens.add(access);
      return {
        access_token: access,
        expires_in: 3599,
        scope: 'https://www.googleapis.com/auth/calendar.events',
        token_type: 'Bearer',
      };
    }
    return reply.status(400).send({ error: 'unsupported_grant_type' });
  });

  app.register(
    async (api) => {
      api.addHook('onRequest', async (request, reply) => {
        const token = request.headers.authorization?.replace(/^Bearer /, '');
        if (!token || !accessTokens.has(token)) return error(reply, 401, 'authError', 'Invalid Credentials');
        if (failures.n > 0) {
          failures.n--;
          return error(reply, failures.status, failures.reason, 'injected');
        }
      });

      api.get<{ Params: { cal: string }; Querystring: Record<string, string> }>(
        '/calendars/:cal/events',
        async (request, reply) => {
          const q = request.query;
          if (q.syncToken && (q.timeMin || q.timeMax || q.updatedMin || q.q || q.orderBy || q.iCalUID))
            return error(reply, 400, 'invalid', 'Sync token cannot be used with other request restrictions.');
          let since = 0;
          if (q.syncToken) {
            const [epoch, at] = q.syncToken.split('-').map(Number);
            if (epoch !== tokenEpoch || !Number.isFinite(at))
              return error(
                reply,
                410,
                'fullSyncRequired',
                'Sync token is no longer valid, a full sync is required.',
              );
            since = at as number;
          }
          const max = Math.min(Number(q.maxResults ?? 250), 2500);
          const offset = q.pageToken ? Number(Buffer.from(q.pageToken, 'base64url').toString()) : 0;
          const timeMin = q.timeMin ? Date.parse(q.timeMin) : null;
          const all = [...events.values()]
            .filter((e) => e.seq > since)
            // A full sync leaves out cancelled events unless showDeleted; an incremental one always has them.
            .filter((e) => q.syncToken || q.showDeleted === 'true' || e.status !== 'cancelled')
            .filter(
              (e) =>
                timeMin === null ||
                e.recurrence ||
                Date.parse(e.end.dateTime ?? `${e.end.date}T00:00:00Z`) > timeMin,
            )
            .sort((a, b) => a.seq - b.seq);
          const page = all.slice(offset, offset + max);
          const last = offset + max >= all.length;
          return {
            kind: 'calendar#events',
            etag: etag(),
            items: page.map((e) =>
              e.status === 'cancelled'
                ? { kind: 'calendar#event', etag: e.etag, id: e.id, status: 'cancelled' }
                : publicEvent(e),
            ),
            ...(last
              ? { nextSyncToken: `${tokenEpoch}-${seq}` }
              : { nextPageToken: Buffer.from(String(offset + max)).toString('base64url') }),
          };
        },
      );

      api.post<{ Params: { cal: string }; Body: Partial<FakeEvent> }>(
        '/calendars/:cal/events',
        async (request, reply) => {
          const b = request.body;
          const id = b.id ?? randomBytes(13).toString('hex').replace(/[w-z]/g, 'a');
          if (!BASE32HEX_ID.test(id)) return error(reply, 400, 'invalid', 'Invalid resource id value.');
          if (events.has(id))
            return error(reply, 409, 'duplicate', 'The requested identifier already exists.');
          if (!b.start || !b.end) return error(reply, 400, 'required', 'Missing end time.');
          const event: FakeEvent = {
            ...(b as FakeEvent),
            id,
            iCalUID: b.iCalUID ?? `${id}@google.com`,
            status: 'confirmed',
            etag: '',
            seq: ++seq,
          };
          event.etag = etag();
          events.set(id, event);
          if (loseInsert) {
            loseInsert = false;
            return error(reply, 503, 'backendError', 'Backend Error');
          }
          return publicEvent(event);
        },
      );

      api.get<{ Params: { cal: string; id: string } }>(
        '/calendars/:cal/events/:id',
        async (request, reply) => {
          const e = events.get(request.params.id);
          if (!e) return error(reply, 404, 'notFound', 'Not Found');
          return publicEvent(e);
        },
      );

      api.put<{ Params: { cal: string; id: string }; Body: Partial<FakeEvent> }>(
        '/calendars/:cal/events/:id',
        async (request, reply) => {
          const e = events.get(request.params.id);
          if (!e) return error(reply, 404, 'notFound', 'Not Found');
          const ifMatch = request.headers['if-match'];
          if (ifMatch && ifMatch !== e.etag)
            return error(reply, 412, 'conditionNotMet', 'Precondition Failed');
          if (!request.body.start || !request.body.end)
            return error(reply, 400, 'required', 'Missing end time.');
          const updated: FakeEvent = {
            ...e,
            ...request.body,
            id: e.id,
            iCalUID: e.iCalUID,
            status: 'confirmed',
            seq: ++seq,
            etag: '',
          };
          updated.etag = etag();
          events.set(e.id, updated);
          return publicEvent(updated);
        },
      );

      api.delete<{ Params: { cal: string; id: string } }>(
        '/calendars/:cal/events/:id',
        async (request, reply) => {
          const e = events.get(request.params.id);
          if (!e) return error(reply, 404, 'notFound', 'Not Found');
          if (e.status === 'cancelled') return error(reply, 410, 'deleted', 'Resource has been deleted');
          const ifMatch = request.headers['if-match'];
          if (ifMatch && ifMatch !== e.etag)
            return error(reply, 412, 'conditionNotMet', 'Precondition Failed');
          events.set(e.id, { ...e, status: 'cancelled', seq: ++seq, etag: etag() });
          return reply.status(204).send();
        },
      );
    },
    { prefix: '/calendar/v3' },
  );

  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    clientId,
    clientSecret,
    events,
    calls,
    failNext: (n, status, reason = status === 403 ? 'rateLimitExceeded' : 'backendError') => {
      failures = { n, status, reason };
    },
    loseNextInsertAnswer: () => {
      loseInsert = true;
    },
    expireSyncTokens: () => {
      tokenEpoch++;
    },
    edit: (id, change) => {
      const e = events.get(id);
      if (!e) throw new Error(`no event ${id}`);
      const next = { ...e, ...change, seq: ++seq, etag: '' };
      next.etag = etag();
      events.set(id, next);
    },
    insertForeign: (event) => {
      const full: FakeEvent = {
        ...event,
        iCalUID: `${event.id}@google.com`,
        status: 'confirmed',
        seq: ++seq,
        etag: '',
      };
      full.etag = etag();
      events.set(event.id, full);
    },
    close: () => app.close(),
  };
}
