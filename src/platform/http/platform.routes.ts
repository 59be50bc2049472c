import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FileNotFoundError } from '../files/file-storage.js';
import type { Platform } from '../kernel.js';
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
      try {
        const data = await platform.files.read(settings.logoFileKey);
        return reply
          .type(settings.logoContentType)
          .header('cache-control', 'private, max-age=300')
          .send(data);
      } catch (error) {
        if (error instanceof FileNotFoundError) throw notFound('Logo');
        throw error;
      }
    },
  );
};
