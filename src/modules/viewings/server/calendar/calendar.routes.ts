import { randomUUID } from 'node:crypto';
import { and, count, eq, gt, lt } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../../platform/audit/record-audit.js';
import type { Tx } from '../../../../platform/db/database.js';
import { type TenantRequestContext, tenantContext } from '../../../../platform/http/access-control.js';
import { AppError, conflict } from '../../../../platform/http/app-error.js';
import { assertOutboundUrl } from '../../../../platform/http/outbound-url.js';
import type { Platform } from '../../../../platform/kernel.js';
import { type CalendarProvider, calendarBusy, calendarConnection, calendarEvent } from '../../schema.js';
import { discoverCaldavCalendars } from './caldav-client.js';
import { CalendarSyncError } from './calendar-client.js';
import { SYNC_JOB, syncConnection } from './calendar-jobs.js';
import { googleApp, secretAad } from './client-for.js';
import { exchangeGoogleCode, googleAuthorizeUrl } from './google-calendar-client.js';

const STATE_TTL_MS = 10 * 60_000;

const connectionView = z.object({
  provider: z.enum(['caldav', 'google']),
  serverUrl: z.string(),
  calendarName: z.string(),
  username: z.string(),
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
  viewingsInCalendar: z.number().int(),
  busyTimes: z.number().int(),
});

const calendarState = z.object({
  connection: connectionView.nullable(),
  /** Whether this server has a Google OAuth client; without it only CalDAV is offered. */
  googleAvailable: z.boolean(),
});

const caldavLogin = z.object({
  serverUrl: z.string().trim().url('Bitte die Adresse des Kalenderservers angeben (https://…).').max(500),
  username: z.string().trim().min(1, 'Bitte den Benutzernamen angeben.').max(200),
  password: z.string().min(1, 'Bitte das (App-)Passwort angeben.').max(500),
});

const syncResult = z.object({
  pushed: z.number().int(),
  moved: z.number().int(),
  deleted: z.number().int(),
  busy: z.number().int(),
});

/** A calendar server's refusal as a 422 the settings page shows in words; transient ones as 502. */
function asHttpError(error: unknown): unknown {
  if (!(error instanceof CalendarSyncError)) return error;
  return new AppError(error.transient ? 502 : 422, 'calendar_refused', error.message);
}

/** The signed-in agent's calendar connection: connect (CalDAV or Google), sync now, disconnect. */
export const calendarRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  // A calendar server in the office's own network (Nextcloud in the back room) needs the setting.
  const checkUrl = (url: string, field: string) =>
    assertOutboundUrl(url, {
      allowPrivate: platform.config.env.INTEGRATIONS_ALLOW_PRIVATE_ENDPOINTS,
      field,
      privateSetting: 'INTEGRATIONS_ALLOW_PRIVATE_ENDPOINTS',
    });
  const state = async (ctx: TenantRequestContext) => {
    const row = await ctx.db(async (tx) => {
      const [c] = await tx
        .select()
        .from(calendarConnection)
        .where(
          and(eq(calendarConnection.tenantId, ctx.tenantId), eq(calendarConnection.userId, ctx.auth.user.id)),
        );
      if (!c) return null;
      const [events] = await tx
        .select({ n: count() })
        .from(calendarEvent)
        .where(eq(calendarEvent.connectionId, c.id));
      const [busy] = await tx
        .select({ n: count() })
        .from(calendarBusy)
        .where(and(eq(calendarBusy.connectionId, c.id), gt(calendarBusy.endsAt, new Date())));
      return { c, events: events?.n ?? 0, busy: busy?.n ?? 0 };
    });
    return {
      connection: row
        ? {
            provider: row.c.provider,
            serverUrl: row.c.serverUrl,
            calendarName: row.c.calendarName,
            username: row.c.username,
            lastSyncAt: row.c.lastSyncAt?.toISOString() ?? null,
            lastError: row.c.lastError,
            viewingsInCalendar: row.events,
            busyTimes: row.busy,
          }
        : null,
      googleAvailable: googleApp(platform) !== null,
    };
  };

  /** Replaces the agent's connection (one calendar per agent) and starts the first round. */
  const connect = async (
    ctx: TenantRequestContext,
    values: {
      provider: CalendarProvider;
      serverUrl: string;
      calendarUrl: string;
      calendarName: string;
      username: string;
      secret: string;
    },
  ) => {
    const id = randomUUID();
    await ctx.db(async (tx) => {
      await tx
        .delete(calendarConnection)
        .where(
          and(eq(calendarConnection.tenantId, ctx.tenantId), eq(calendarConnection.userId, ctx.auth.user.id)),
        );
      await tx.insert(calendarConnection).values({
        id,
        tenantId: ctx.tenantId,
        userId: ctx.auth.user.id,
        provider: values.provider,
        serverUrl: values.serverUrl,
        calendarUrl: values.calendarUrl,
        calendarName: values.calendarName,
        username: values.username,
        secretSealed: platform.secretBox.encrypt(values.secret, secretAad(id)),
      });
      await recordAudit(tx, ctx.actor, {
        entity: 'viewing_calendar',
        entityId: ctx.auth.user.id,
        action: 'connected',
        after: { provider: values.provider, serverUrl: values.serverUrl, calendar: values.calendarName },
      });
    });
    await platform.jobs.enqueue(
      SYNC_JOB,
      { connectionId: id },
      { tenantId: ctx.tenantId, createdBy: ctx.auth.user.id },
    );
  };

  app.get(
    '/calendar',
    {
      config: { access: { permission: 'viewings.read' } },
      schema: {
        tags: ['viewings'],
        summary: 'My calendar connection and its last sync',
        response: { 200: calendarState },
      },
    },
    async (request) => state(tenantContext(platform, request)),
  );

  app.post(
    '/calendar/caldav/discover',
    {
      config: { access: { permission: 'viewings.write' }, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['viewings'],
        summary: 'Log in to a CalDAV server and list the calendars that can hold viewings',
        body: caldavLogin,
        response: { 200: z.object({ calendars: z.array(z.object({ url: z.string(), name: z.string() })) }) },
      },
    },
    async (request) => {
      const { serverUrl, username, password } = request.body;
      await checkUrl(serverUrl, 'serverUrl');
      try {
        const calendars = await discoverCaldavCalendars(serverUrl, { username, password });
        if (calendars.length === 0)
          throw new CalendarSyncError(
            'Auf diesem Konto gibt es keinen Kalender für Termine. Bitte zuerst einen anlegen.',
          );
        return { calendars };
      } catch (error) {
        throw asHttpError(error);
      }
    },
  );

  app.post(
    '/calendar/caldav',
    {
      config: { access: { permission: 'viewings.write' }, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['viewings'],
        summary: 'Connect one of my CalDAV calendars (the password is stored encrypted)',
        body: caldavLogin.extend({ calendarUrl: z.string().url().max(1000) }),
        response: { 201: calendarState },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const { serverUrl, username, password, calendarUrl } = request.body;
      await checkUrl(serverUrl, 'serverUrl');
      let calendars: Awaited<ReturnType<typeof discoverCaldavCalendars>>;
      try {
        calendars = await discoverCaldavCalendars(serverUrl, { username, password });
      } catch (error) {
        throw asHttpError(error);
      }
      // Only a calendar the server itself listed for this login: no arbitrary URL gets our writes.
      const chosen = calendars.find((c) => c.url === calendarUrl);
      if (!chosen)
        throw new AppError(
          422,
          'calendar_unknown',
          'Dieser Kalender gehört nicht zu dem angemeldeten Konto.',
          {
            field: 'calendarUrl',
          },
        );
      // The server names the collection's address; it must pass the same outbound check.
      await checkUrl(chosen.url, 'calendarUrl');
      await connect(ctx, {
        provider: 'caldav',
        serverUrl,
        calendarUrl: chosen.url,
        calendarName: chosen.name,
        username,
        secret: password,
      });
      return reply.status(201).send(await state(ctx));
    },
  );

  app.post(
    '/calendar/google/start',
    {
      config: { access: { permission: 'viewings.write' } },
      schema: {
        tags: ['viewings'],
        summary: 'The Google consent page to connect my Google Calendar',
        response: { 200: z.object({ authorizeUrl: z.string() }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const google = googleApp(platform);
      if (!google)
        throw conflict(
          'google_not_configured',
          'Google-Kalender ist auf diesem Server nicht eingerichtet. Die Betreiberin trägt GOOGLE_CLIENT_ID und GOOGLE_CLIENT_SECRET ein; bis dahin geht CalDAV oder das Kalender-Abo.',
        );
      const until = Date.now() + STATE_TTL_MS;
      const payload = `${ctx.tenantId}.${ctx.auth.user.id}.${until}`;
      const stateToken = `${until}.${platform.secretBox.sign('viewings.google-state', payload)}`;
      return { authorizeUrl: googleAuthorizeUrl(google, redirectUri(platform), stateToken) };
    },
  );

  app.get(
    '/calendar/google/callback',
    {
      config: { access: { permission: 'viewings.write' } },
      schema: {
        tags: ['viewings'],
        summary: 'OAuth redirect target: checks the state, exchanges the code, connects the calendar',
        querystring: z.object({
          code: z.string().max(2000).optional(),
          state: z.string().max(300).optional(),
          error: z.string().max(200).optional(),
        }),
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const back = (params: Record<string, string>) =>
        reply.redirect(`/besichtigungen/einstellungen?${new URLSearchParams(params)}`);
      const { code, state: stateToken, error } = request.query;
      const [untilText, tag] = (stateToken ?? '').split('.');
      const until = Number(untilText);
      const valid =
        tag !== undefined &&
        platform.secretBox.verify(
          'viewings.google-state',
          `${ctx.tenantId}.${ctx.auth.user.id}.${until}`,
          tag,
        );
      if (!valid) return back({ kalenderfehler: 'state_invalid' });
      if (until < Date.now()) return back({ kalenderfehler: 'state_expired' });
      if (error || !code) return back({ kalenderfehler: error ?? 'no_code' });
      const google = googleApp(platform);
      if (!google) return back({ kalenderfehler: 'google_not_configured' });
      try {
        const refreshToken = await exchangeGoogleCode(google, redirectUri(platform), code);
        await connect(ctx, {
          provider: 'google',
          serverUrl: google.apiUrl,
          calendarUrl: 'primary',
          calendarName: 'Google Kalender',
          username: '',
          secret: refreshToken,
        });
      } catch (e) {
        if (!(e instanceof CalendarSyncError)) throw e;
        return back({ kalenderfehler: 'exchange_failed' });
      }
      return back({ kalender: 'verbunden' });
    },
  );

  app.post(
    '/calendar/sync',
    {
      config: { access: { permission: 'viewings.write' }, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['viewings'],
        summary: 'Sync my calendar now: missing viewings in, moves, deletions and busy times back',
        response: { 200: syncResult },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const [c] = await ctx.db((tx) =>
        tx
          .select({ id: calendarConnection.id })
          .from(calendarConnection)
          .where(
            and(
              eq(calendarConnection.tenantId, ctx.tenantId),
              eq(calendarConnection.userId, ctx.auth.user.id),
            ),
          ),
      );
      if (!c) throw conflict('calendar_not_connected', 'Es ist noch kein Kalender verbunden.');
      try {
        return await syncConnection(platform, ctx.tenantId, c.id);
      } catch (error) {
        throw asHttpError(error);
      }
    },
  );

  app.delete(
    '/calendar',
    {
      config: { access: { permission: 'viewings.write' } },
      schema: {
        tags: ['viewings'],
        summary: 'Disconnect my calendar (the entries already in it stay there)',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      await ctx.db(async (tx) => {
        await tx
          .delete(calendarConnection)
          .where(
            and(
              eq(calendarConnection.tenantId, ctx.tenantId),
              eq(calendarConnection.userId, ctx.auth.user.id),
            ),
          );
        await recordAudit(tx, ctx.actor, {
          entity: 'viewing_calendar',
          entityId: ctx.auth.user.id,
          action: 'disconnected',
        });
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/busy',
    {
      config: { access: { permission: 'viewings.read' } },
      schema: {
        tags: ['viewings'],
        summary: "An agent's busy times from the connected calendar (times only, no titles)",
        querystring: z
          .object({
            agentId: z.string().min(1).max(100),
            from: z.string().datetime(),
            to: z.string().datetime(),
          })
          .refine((q) => new Date(q.to) > new Date(q.from), {
            message: 'Ende muss nach dem Beginn liegen.',
            path: ['to'],
          })
          .refine((q) => new Date(q.to).getTime() - new Date(q.from).getTime() <= 62 * 86_400_000, {
            message: 'Höchstens 62 Tage auf einmal.',
            path: ['to'],
          }),
        response: {
          200: z.object({ busy: z.array(z.object({ startsAt: z.string(), endsAt: z.string() })) }),
        },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { agentId, from, to } = request.query;
      const rows = await ctx.db((tx) => busyBetween(tx, agentId, new Date(from), new Date(to)));
      return {
        busy: rows.map((r) => ({ startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() })),
      };
    },
  );
};

const redirectUri = (platform: Platform) => `${platform.publicUrl}/api/viewings/calendar/google/callback`;

/** Busy times of an agent overlapping [from, to), in time order. */
const busyBetween = (tx: Tx, userId: string, from: Date, to: Date) =>
  tx
    .select({ startsAt: calendarBusy.startsAt, endsAt: calendarBusy.endsAt })
    .from(calendarBusy)
    .where(and(eq(calendarBusy.userId, userId), lt(calendarBusy.startsAt, to), gt(calendarBusy.endsAt, from)))
    .orderBy(calendarBusy.startsAt)
    .limit(1000);
