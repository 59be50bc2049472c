import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { conflict, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { accountSchema } from '../contract.js';
import { ACCOUNT_MODES, SOCIAL_PLATFORMS } from '../domain/platforms.js';
import { apiVersionWarnings } from '../providers/api-versions.js';
import { socialAccount } from '../schema.js';
import { sandboxEnabled } from './adapters.js';
import { startLiveConnect } from './oauth.routes.js';
import { accountView, OFFLINE_NAMES, SANDBOX_IDS, SANDBOX_NAMES } from './post-store.js';

/** Connected channels: list, connect (live OAuth, sandbox or planning-only) and remove. */
export const accountRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/accounts',
    {
      config: { access: { permission: 'social.posts.read' } },
      schema: {
        tags: ['social'],
        summary:
          'Connected accounts; sandbox accounts are labelled as such. Those who manage accounts also see warnings about platform API versions that end soon',
        response: {
          200: z.object({
            items: z.array(accountSchema),
            sandboxAvailable: z.boolean(),
            versionWarnings: z.array(
              z.object({
                platform: z.string(),
                variable: z.string(),
                version: z.string(),
                sunset: z.string(),
                level: z.enum(['retired', 'soon']),
                message: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const rows = await ctx.db((tx) =>
        tx.select().from(socialAccount).orderBy(socialAccount.platform, socialAccount.name),
      );
      const { env } = platform.config;
      const manages = platform.permissions.allows(ctx.auth.role, 'social.accounts.manage');
      return {
        items: rows.map(accountView),
        sandboxAvailable: sandboxEnabled(platform),
        versionWarnings: manages
          ? apiVersionWarnings({ graph: env.GRAPH_API_VERSION, linkedin: env.LINKEDIN_API_VERSION })
          : [],
      };
    },
  );

  app.post(
    '/accounts/connect',
    {
      config: { access: { permission: 'social.accounts.manage' } },
      schema: {
        tags: ['social'],
        summary:
          'Connect an account. Sandbox and offline (planning only) accounts are added at once; live ones need the platform app credentials',
        body: z.object({ platform: z.enum(SOCIAL_PLATFORMS), mode: z.enum(ACCOUNT_MODES) }).strict(),
        response: {
          201: accountSchema,
          200: z
            .object({ authorizeUrl: z.string().url() })
            .describe('Live: continue at the platform consent page'),
        },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const { platform: name, mode } = request.body;
      if (mode === 'live') return reply.status(200).send(await startLiveConnect(platform, ctx, name));
      if (mode === 'sandbox' && !sandboxEnabled(platform))
        throw conflict(
          'sandbox_disabled',
          'Sandbox-Konten sind auf diesem Server abgeschaltet (im Produktionsbetrieb Standard; SOCIAL_SANDBOX=true schaltet sie ein).',
        );
      const [row] = await ctx.db(async (tx) => {
        const [existing] = await tx
          .select({ id: socialAccount.id })
          .from(socialAccount)
          .where(and(eq(socialAccount.platform, name), eq(socialAccount.mode, mode)));
        if (existing)
          throw conflict(
            'account_exists',
            mode === 'sandbox'
              ? 'Dieses Sandbox-Konto ist bereits verbunden.'
              : 'Ein Planungskonto für diese Plattform gibt es bereits.',
          );
        const created = await tx
          .insert(socialAccount)
          .values({
            tenantId: ctx.tenantId,
            platform: name,
            mode,
            externalId: mode === 'sandbox' ? SANDBOX_IDS[name] : `offline-${name}`,
            name: mode === 'sandbox' ? SANDBOX_NAMES[name] : OFFLINE_NAMES[name],
            // Offline accounts never call a platform; the column is required, so they get an unusable token.
            accessTokenSealed: platform.secretBox.encrypt(`${mode}-${randomBytes(16).toString('hex')}`),
            connectedBy: ctx.auth.user.id,
          })
          .returning();
        await recordAudit(tx, ctx.actor, {
          entity: 'social_account',
          entityId: created[0]?.id ?? '',
          action: 'connected',
          after: { platform: name, mode },
        });
        return created;
      });
      if (!row) throw new Error('insert returned nothing');
      return reply.status(201).send(accountView(row));
    },
  );

  app.delete(
    '/accounts/:accountId',
    {
      config: { access: { permission: 'social.accounts.manage' } },
      schema: {
        tags: ['social'],
        summary: 'Disconnect an account and forget its tokens',
        params: z.object({ accountId: z.string().uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const deleted = await ctx.db(async (tx) => {
        const rows = await tx
          .delete(socialAccount)
          .where(eq(socialAccount.id, request.params.accountId))
          .returning({ id: socialAccount.id });
        if (rows[0])
          await recordAudit(tx, ctx.actor, {
            entity: 'social_account',
            entityId: rows[0].id,
            action: 'disconnected',
          });
        return rows;
      });
      if (deleted.length === 0) throw notFound('Konto');
      return reply.status(204).send(null);
    },
  );
};
