import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FileNotFoundError } from '../files/file-storage.js';
import type { Platform } from '../kernel.js';
import { hostName, officeUrl } from '../tenancy/office-host.js';
import { readTenantSettings } from '../tenancy/tenant-settings-service.js';
import { tenantContext } from './access-control.js';
import { notFound } from './app-error.js';

const localized = z.object({ de: z.string(), en: z.string() });

/** Platform-level routes that belong to no module. */
export const platformRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/modules',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['platform'],
        summary: 'All modules of this build and whether they are enabled',
        response: {
          200: z.object({
            modules: z.array(
              z.object({
                id: z.string(),
                title: localized,
                description: localized,
                enabled: z.boolean(),
                core: z.boolean(),
                source: z.enum(['default', 'config', 'core']),
                dependsOn: z.array(z.string()),
              }),
            ),
            jobEngine: z.enum(['pg-boss', 'bullmq']),
            database: z.enum(['pglite', 'postgres']),
            mail: z.enum(['smtp', 'offline']),
          }),
        },
      },
    },
    async () => {
      return {
        modules: platform.modules.states.map((state) => {
          const manifest = platform.modules.all.find((m) => m.id === state.id)!;
          return {
            id: state.id,
            title: manifest.title,
            description: manifest.description,
            enabled: state.enabled,
            core: manifest.core,
            source: state.source,
            dependsOn: [...manifest.dependsOn],
          };
        }),
        jobEngine: platform.jobs.engineKind,
        database: platform.database.kind,
        mail: platform.mail.online ? ('smtp' as const) : ('offline' as const),
      };
    },
  );

  app.get(
    '/tenant/logo',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['platform'],
        summary: "The current tenant's logo image",
        response: { 404: z.unknown() },
      },
    },
    async (request, reply) => {
      const { tenantId, db } = tenantContext(platform, request);
      const settings = await db((tx) => readTenantSettings(tx, tenantId));
      if (!settings?.logoFileKey || !settings.logoContentType) throw notFound('Logo');
      return sendLogo(
        platform,
        reply,
        settings.logoFileKey,
        settings.logoContentType,
        'private, max-age=300',
      );
    },
  );

  const officeAppUrl = (slug: string) =>
    officeUrl(platform.publicUrl, platform.config.env.BASE_DOMAIN, slug) ?? platform.publicUrl;

  app.get(
    '/office',
    {
      config: { access: 'public' },
      schema: {
        tags: ['platform'],
        summary:
          'The office whose own address this is: name and colours for its sign-in page (404 elsewhere)',
        response: {
          200: z.object({
            name: z.string(),
            primaryColor: z.string(),
            accentColor: z.string(),
            hasLogo: z.boolean(),
            /**
             * On the office's own domain: its address on the platform, where staff sign in (the
             * session cookie belongs to the platform's domain, which a browser keeps from others).
             */
            appUrl: z.string().optional(),
          }),
        },
      },
    },
    async (request) => {
      const office = request.hostOffice;
      if (!office) throw notFound('Büro zu dieser Adresse');
      const settings = await platform.tenantSettings.get(office.tenantId);
      return {
        name: settings?.displayName ?? office.name,
        primaryColor: settings?.primaryColor ?? '#0f766e',
        accentColor: settings?.accentColor ?? '#f59e0b',
        hasLogo: Boolean(settings?.logoFileKey),
        ...(office.ownDomain ? { appUrl: officeAppUrl(office.slug) } : {}),
      };
    },
  );

  app.get(
    '/office-domains/tls-allowed',
    {
      config: { access: 'public' },
      schema: {
        tags: ['platform'],
        summary:
          "Caddy's on-demand TLS `ask`: 200 when the domain is an office's verified own domain, so a certificate may be obtained for it",
        querystring: z.object({ domain: z.string().min(1).max(300) }),
        response: { 200: z.object({ allowed: z.literal(true) }) },
      },
    },
    async (request) => {
      const office = await platform.officeHosts.findByDomain(hostName(request.query.domain));
      if (!office) throw notFound('Verifizierte Domain');
      return { allowed: true as const };
    },
  );

  app.get(
    '/office/logo',
    {
      config: { access: 'public' },
      schema: {
        tags: ['platform'],
        summary: 'The logo of the office whose own address this is (for its sign-in page)',
        response: { 404: z.unknown() },
      },
    },
    async (request, reply) => {
      const office = request.hostOffice;
      if (!office) throw notFound('Logo');
      const settings = await platform.tenantSettings.get(office.tenantId);
      if (!settings?.logoFileKey || !settings.logoContentType) throw notFound('Logo');
      return sendLogo(platform, reply, settings.logoFileKey, settings.logoContentType, 'public, max-age=300');
    },
  );
};

async function sendLogo(
  platform: Platform,
  reply: FastifyReply,
  fileKey: string,
  contentType: string,
  cacheControl: string,
) {
  try {
    const data = await platform.files.read(fileKey);
    return reply.type(contentType).header('cache-control', cacheControl).send(data);
  } catch (error) {
    if (error instanceof FileNotFoundError) throw notFound('Logo');
    throw error;
  }
}
