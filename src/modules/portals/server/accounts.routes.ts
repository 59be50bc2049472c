import { and, count, desc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { AppError, conflict, notFound } from '../../../platform/http/app-error.js';
import { assertOutboundUrl } from '../../../platform/http/outbound-url.js';
import type { Platform } from '../../../platform/kernel.js';
import { type AccountView, accountView, IS24_DEFAULT_URL } from '../contract.js';
import { portalAccount, portalListing, portalUpload } from '../schema.js';
import { checkFeedTarget, FeedUploadError } from './feed-transport.js';
import { Is24Client, Is24Error } from './is24-client.js';
import { type AccountRow, accountAad } from './portal-account.js';
import { enqueueSync, RECONCILE_JOB } from './portal-jobs.js';

const text = (max: number, message: string) => z.string().trim().min(1, message).max(max);

const is24Input = z.object({
  transport: z.literal('is24'),
  portalName: z.string().trim().max(100).default('ImmoScout24'),
  host: z
    .string()
    .trim()
    .url('Bitte die Adresse der Schnittstelle angeben (https://…).')
    .max(300)
    .default(IS24_DEFAULT_URL),
  username: z.string().trim().max(100).default('me'),
  consumerKey: text(200, 'Bitte den Consumer Key angeben.'),
  consumerSecret: text(200, 'Bitte das Consumer Secret angeben.'),
  accessToken: text(200, 'Bitte das Access Token angeben.'),
  accessTokenSecret: text(200, 'Bitte das Access Token Secret angeben.'),
});

const feedInput = z.object({
  transport: z.enum(['ftp', 'sftp']),
  portalName: text(100, 'Bitte den Namen des Portals angeben (z. B. Immowelt).'),
  host: z
    .string()
    .trim()
    .min(1, 'Bitte den Server angeben.')
    .max(253)
    .regex(/^[A-Za-z0-9.-]+$/, 'Bitte nur den Servernamen angeben, ohne ftp:// und Pfad.'),
  port: z.number().int().min(1).max(65535).nullable().default(null),
  username: text(200, 'Bitte den Benutzernamen angeben.'),
  password: text(500, 'Bitte das Passwort angeben.'),
  remoteDir: z.string().trim().max(300).default('/'),
  providerId: z.string().trim().max(100).default(''),
  feedScope: z.enum(['TEIL', 'VOLL']).default('TEIL'),
});

const accountInput = z.discriminatedUnion('transport', [is24Input, feedInput]);
type AccountInput = z.infer<typeof accountInput>;

const uploadView = z.object({
  id: z.string().uuid(),
  scope: z.enum(['TEIL', 'VOLL']),
  fileName: z.string(),
  sizeBytes: z.number().int(),
  listingCount: z.number().int(),
  deletedCount: z.number().int(),
  status: z.enum(['hochgeladen', 'fehler']),
  error: z.string().nullable(),
  createdAt: z.string(),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Portal accounts of the office: connect (checked before saving), list, check again, remove. */
export const accountsRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const checkHost = async (url: string) =>
    assertOutboundUrl(url, {
      allowPrivate: platform.config.env.INTEGRATIONS_ALLOW_PRIVATE_ENDPOINTS,
      field: 'host',
      privateSetting: 'INTEGRATIONS_ALLOW_PRIVATE_ENDPOINTS',
    });

  /** Logs in once before anything is stored, so a typo shows up now and not at the first listing. */
  async function verify(input: AccountInput): Promise<void> {
    try {
      if (input.transport === 'is24') {
        await checkHost(input.host);
        await new Is24Client({
          baseUrl: input.host,
          username: input.username,
          credentials: input,
        }).listPublished();
      } else {
        await checkHost(`http://${input.host}`);
        await checkFeedTarget({ ...input, port: input.port });
      }
    } catch (error) {
      if (error instanceof Is24Error || error instanceof FeedUploadError)
        throw new AppError(422, 'portal_refused', `Die Verbindung wurde nicht gespeichert: ${error.message}`);
      throw error;
    }
  }

  const sealedOf = (id: string, input: AccountInput) =>
    platform.secretBox.encrypt(
      JSON.stringify(
        input.transport === 'is24'
          ? {
              consumerKey: input.consumerKey,
              consumerSecret: input.consumerSecret,
              accessToken: input.accessToken,
              accessTokenSecret: input.accessTokenSecret,
            }
          : { password: input.password },
      ),
      accountAad(id),
    );

  async function views(tenantId: string, ids?: string[]) {
    return platform.database.withTenant(tenantId, async (tx) => {
      const accounts = await tx
        .select()
        .from(portalAccount)
        .where(ids ? inArray(portalAccount.id, ids) : undefined)
        .orderBy(portalAccount.createdAt);
      const counts = await tx
        .select({
          accountId: portalListing.accountId,
          all: count(),
          online:
            sql<number>`count(*) filter (where ${portalListing.state} in ('online','gesendet'))`.mapWith(
              Number,
            ),
        })
        .from(portalListing)
        .where(eq(portalListing.wanted, true))
        .groupBy(portalListing.accountId);
      return accounts.map((a) =>
        view(
          a,
          counts.find((c) => c.accountId === a.id),
        ),
      );
    });
  }

  const view = (a: AccountRow, c?: { all: number; online: number }): AccountView => ({
    id: a.id,
    transport: a.transport,
    portalName: a.portalName,
    host: a.host,
    port: a.port,
    username: a.username,
    remoteDir: a.remoteDir,
    providerId: a.providerId,
    feedScope: a.feedScope,
    status: a.status,
    lastError: a.lastError,
    lastSyncAt: iso(a.lastSyncAt),
    lastReconcileAt: iso(a.lastReconcileAt),
    listingCount: c?.all ?? 0,
    onlineCount: c?.online ?? 0,
  });

  app.get(
    '/accounts',
    {
      config: { access: { permission: 'portals.read' } },
      schema: {
        tags: ['portals'],
        summary: 'The office’s portal accounts with their state (credentials are never returned)',
        response: { 200: z.object({ items: z.array(accountView) }) },
      },
    },
    async (request) => ({ items: await views(tenantContext(platform, request).tenantId) }),
  );

  app.post(
    '/accounts',
    {
      config: { access: { permission: 'portals.manage' } },
      schema: {
        tags: ['portals'],
        summary:
          'Connect a portal: ImmoScout24 (REST, OAuth 1.0a) or an OpenImmo portal by FTP/SFTP; the login is tested first',
        body: accountInput,
        response: { 201: accountView },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const input = request.body;
      await verify(input);
      const id = crypto.randomUUID();
      await ctx.db(async (tx) => {
        await tx.insert(portalAccount).values({
          id,
          tenantId: ctx.tenantId,
          transport: input.transport,
          portalName: input.portalName || 'ImmoScout24',
          host: input.host,
          port: input.transport === 'is24' ? null : input.port,
          username: input.username || 'me',
          remoteDir: input.transport === 'is24' ? '/' : input.remoteDir || '/',
          providerId: input.transport === 'is24' ? '' : input.providerId,
          feedScope: input.transport === 'is24' ? 'TEIL' : input.feedScope,
          secretSealed: sealedOf(id, input),
        });
        await recordAudit(tx, ctx.actor, {
          entity: 'portal_account',
          entityId: id,
          action: 'connected',
          after: { transport: input.transport, portal: input.portalName, host: input.host },
        });
      });
      const [created] = await views(ctx.tenantId, [id]);
      return reply.status(201).send(created!);
    },
  );

  app.put(
    '/accounts/:accountId',
    {
      config: { access: { permission: 'portals.manage' } },
      schema: {
        tags: ['portals'],
        summary: 'Replace an account’s settings and credentials (tested before saving)',
        params: z.object({ accountId: z.string().uuid() }),
        body: accountInput,
        response: { 200: accountView },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { accountId } = request.params;
      const input = request.body;
      const [existing] = await ctx.db((tx) =>
        tx.select().from(portalAccount).where(eq(portalAccount.id, accountId)),
      );
      if (!existing) throw notFound('Portal-Konto');
      if (existing.transport !== input.transport)
        throw conflict(
          'transport_fixed',
          'Die Art der Anbindung lässt sich nicht ändern; bitte ein neues Konto anlegen.',
        );
      await verify(input);
      await ctx.db(async (tx) => {
        await tx
          .update(portalAccount)
          .set({
            portalName: input.portalName || existing.portalName,
            host: input.host,
            port: input.transport === 'is24' ? null : input.port,
            username: input.username || 'me',
            remoteDir: input.transport === 'is24' ? '/' : input.remoteDir || '/',
            providerId: input.transport === 'is24' ? '' : input.providerId,
            feedScope: input.transport === 'is24' ? 'TEIL' : input.feedScope,
            secretSealed: sealedOf(accountId, input),
            status: 'aktiv',
            lastError: null,
          })
          .where(eq(portalAccount.id, accountId));
        await recordAudit(tx, ctx.actor, {
          entity: 'portal_account',
          entityId: accountId,
          action: 'updated',
        });
      });
      // What failed with the old credentials goes out now.
      await enqueueSync(platform, ctx.tenantId, existing, null, { immediate: true });
      const [updated] = await views(ctx.tenantId, [accountId]);
      return updated!;
    },
  );

  app.delete(
    '/accounts/:accountId',
    {
      config: { access: { permission: 'portals.manage' } },
      schema: {
        tags: ['portals'],
        summary: 'Remove a portal account; refused while listings are still online there',
        params: z.object({ accountId: z.string().uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const { accountId } = request.params;
      await ctx.db(async (tx) => {
        const [existing] = await tx.select().from(portalAccount).where(eq(portalAccount.id, accountId));
        if (!existing) throw notFound('Portal-Konto');
        const [online] = await tx
          .select({ n: count() })
          .from(portalListing)
          .where(
            and(
              eq(portalListing.accountId, accountId),
              // A listing that failed after it was sent may still be on the portal.
              or(
                inArray(portalListing.state, ['online', 'gesendet']),
                and(eq(portalListing.state, 'fehler'), isNotNull(portalListing.sentAt)),
              ),
            ),
          );
        if ((online?.n ?? 0) > 0)
          throw conflict(
            'listings_online',
            `Auf ${existing.portalName} sind noch ${online?.n} Objekte online. Bitte zuerst dort zurückziehen, damit nichts verwaist.`,
            { online: online?.n },
          );
        await tx.delete(portalAccount).where(eq(portalAccount.id, accountId));
        await recordAudit(tx, ctx.actor, {
          entity: 'portal_account',
          entityId: accountId,
          action: 'removed',
          before: { portal: existing.portalName },
        });
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/accounts/:accountId/reconcile',
    {
      config: { access: { permission: 'portals.manage' } },
      schema: {
        tags: ['portals'],
        summary: 'Compare the portal with ImmoXX now and repair differences (runs nightly on its own)',
        params: z.object({ accountId: z.string().uuid() }),
        response: { 202: z.object({ jobRunId: z.string().uuid() }) },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const [existing] = await ctx.db((tx) =>
        tx
          .select({ id: portalAccount.id })
          .from(portalAccount)
          .where(eq(portalAccount.id, request.params.accountId)),
      );
      if (!existing) throw notFound('Portal-Konto');
      const run = await platform.jobs.enqueue(
        RECONCILE_JOB,
        { accountId: existing.id },
        { tenantId: ctx.tenantId, createdBy: ctx.auth.user.id },
      );
      return reply.status(202).send({ jobRunId: run.id });
    },
  );

  app.get(
    '/accounts/:accountId/uploads',
    {
      config: { access: { permission: 'portals.read' } },
      schema: {
        tags: ['portals'],
        summary: 'The last 50 feed uploads of an FTP/SFTP portal',
        params: z.object({ accountId: z.string().uuid() }),
        response: { 200: z.object({ items: z.array(uploadView) }) },
      },
    },
    async (request) => {
      const rows = await tenantContext(platform, request).db(async (tx) => {
        const [account] = await tx
          .select({ id: portalAccount.id })
          .from(portalAccount)
          .where(eq(portalAccount.id, request.params.accountId));
        if (!account) throw notFound('Portal-Konto');
        return tx
          .select()
          .from(portalUpload)
          .where(eq(portalUpload.accountId, request.params.accountId))
          .orderBy(desc(portalUpload.createdAt))
          .limit(50);
      });
      return { items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
    },
  );
};
