import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import type { Platform } from '../../../platform/kernel.js';
import { officeExport } from './office-export.js';

/** The office's data to take along (Art. 20 GDPR, or to leave the platform): owners only. */
export const exportRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/office-export.zip',
    {
      config: {
        access: { permission: 'admin.office.export' },
        rateLimit: { max: 3, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['admin'],
        summary:
          "All of the office's data as a ZIP: JSON per table (without credentials) and every stored file",
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      await ctx.db((tx) =>
        recordAudit(tx, ctx.actor, { entity: 'office', entityId: ctx.tenantId, action: 'exported' }),
      );
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="immoxx-export-${day}.zip"`)
        .header('cache-control', 'no-store')
        .send(officeExport(platform, ctx.tenantId));
    },
  );
};
