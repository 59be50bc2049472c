import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import type { Tx } from '../../../platform/db/database.js';
import { normalisedPng } from '../../../platform/files/image-limits.js';
import { sniffContentType } from '../../../platform/files/sniff-content-type.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { AppError, badRequest, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { imprintUrl, missingLegalFields, privacyUrl } from '../../../platform/tenancy/legal-notice.js';
import { tenantSettings } from '../../../platform/tenancy/tenancy.schema.js';
import {
  readTenantSettings,
  type TenantSettings,
} from '../../../platform/tenancy/tenant-settings-service.js';
import { tenantSettingsSchema, updateTenantSettingsBody } from '../contract.js';

const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
const LOGO_MAX_BYTES = 2 * 1024 * 1024;

const fields = (s: TenantSettings) => ({
  displayName: s.displayName,
  primaryColor: s.primaryColor,
  accentColor: s.accentColor,
  defaultLocale: s.defaultLocale === 'en' ? ('en' as const) : ('de' as const),
  contactEmail: s.contactEmail,
  contactPhone: s.contactPhone,
  address: s.address,
  hasLogo: Boolean(s.logoFileKey),
  legalName: s.legalName,
  representative: s.representative,
  registerEntry: s.registerEntry,
  vatId: s.vatId,
  licence34c: s.licence34c,
  supervisoryAuthority: s.supervisoryAuthority,
  chamber: s.chamber,
  privacyPolicy: s.privacyPolicy,
});

async function requireSettings(tx: Tx, tenantId: string): Promise<TenantSettings> {
  const settings = await readTenantSettings(tx, tenantId);
  if (!settings) throw notFound('Einstellungen');
  return settings;
}

/** Branding and contact data of the office (white label). */
export const settingsRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const view = async (s: TenantSettings) => {
    const slug = (await platform.tenantSettings.get(s.tenantId))?.tenantSlug ?? '';
    return {
      ...fields(s),
      legalMissing: missingLegalFields(s),
      imprintUrl: imprintUrl(platform.publicUrl, slug),
      privacyUrl: privacyUrl(platform.publicUrl, slug),
    };
  };
  app.addContentTypeParser(
    [...LOGO_TYPES, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: LOGO_MAX_BYTES },
    (_req, body, done) => done(null, body),
  );

  app.get(
    '/',
    {
      config: { access: { permission: 'admin.settings.read' } },
      schema: {
        tags: ['admin'],
        summary: 'Branding and contact settings',
        response: { 200: tenantSettingsSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      return view(await ctx.db((tx) => requireSettings(tx, ctx.tenantId)));
    },
  );

  app.put(
    '/',
    {
      config: { access: { permission: 'admin.settings.manage' } },
      schema: {
        tags: ['admin'],
        summary: 'Change branding and contact settings',
        body: updateTenantSettingsBody,
        response: { 200: tenantSettingsSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const updated = await ctx.db(async (tx) => {
        const before = await requireSettings(tx, ctx.tenantId);
        const [after] = await tx
          .update(tenantSettings)
          .set({ ...request.body, updatedAt: new Date() })
          .where(eq(tenantSettings.tenantId, ctx.tenantId))
          .returning();
        if (!after) throw notFound('Einstellungen');
        await recordAudit(tx, ctx.actor, {
          entity: 'tenant_settings',
          entityId: ctx.tenantId,
          action: 'updated',
          before: fields(before),
          after: fields(after),
        });
        return after;
      });
      await platform.tenantSettings.forget(ctx.tenantId);
      platform.events.emit(
        'tenant.settings.updated',
        ctx.tenantId,
        { fields: Object.keys(request.body) },
        ctx.auth.user.id,
      );
      return view(updated);
    },
  );

  app.put(
    '/logo',
    {
      config: { access: { permission: 'admin.settings.manage' } },
      schema: {
        tags: ['admin'],
        summary: 'Upload the office logo (PNG, JPEG or WebP, max. 2 MB) as the raw request body',
        consumes: [...LOGO_TYPES],
        response: { 200: tenantSettingsSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        throw badRequest('file_required', 'Bitte senden Sie die Bilddatei als Request-Body.');
      }
      const type = await sniffContentType(body, LOGO_TYPES);
      if (!type) throw new AppError(415, 'unsupported_file_type', 'Erlaubt sind PNG, JPEG oder WebP.');
      // Decoded within limits and stored as our own PNG: a header that lies (an image bomb) is refused here.
      const logo = await normalisedPng(body, 1024);
      const key = `tenants/${ctx.tenantId}/branding/logo-${Date.now()}.png`;
      await platform.files.put(key, logo);
      const { before, after } = await ctx.db(async (tx) => {
        const before = await requireSettings(tx, ctx.tenantId);
        const [after] = await tx
          .update(tenantSettings)
          .set({ logoFileKey: key, logoContentType: 'image/png', updatedAt: new Date() })
          .where(eq(tenantSettings.tenantId, ctx.tenantId))
          .returning();
        if (!after) throw notFound('Einstellungen');
        await recordAudit(tx, ctx.actor, {
          entity: 'tenant_settings',
          entityId: ctx.tenantId,
          action: 'logo.uploaded',
          before: { logo: before.logoFileKey },
          after: { logo: key },
        });
        return { before, after };
      });
      await platform.tenantSettings.forget(ctx.tenantId);
      if (before.logoFileKey) await platform.files.delete(before.logoFileKey);
      return view(after);
    },
  );

  app.delete(
    '/logo',
    {
      config: { access: { permission: 'admin.settings.manage' } },
      schema: { tags: ['admin'], summary: 'Remove the office logo', response: { 200: tenantSettingsSchema } },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { before, after } = await ctx.db(async (tx) => {
        const before = await requireSettings(tx, ctx.tenantId);
        const [after] = await tx
          .update(tenantSettings)
          .set({ logoFileKey: null, logoContentType: null, updatedAt: new Date() })
          .where(eq(tenantSettings.tenantId, ctx.tenantId))
          .returning();
        if (!after) throw notFound('Einstellungen');
        await recordAudit(tx, ctx.actor, {
          entity: 'tenant_settings',
          entityId: ctx.tenantId,
          action: 'logo.removed',
          before: { logo: before.logoFileKey },
        });
        return { before, after };
      });
      await platform.tenantSettings.forget(ctx.tenantId);
      if (before.logoFileKey) await platform.files.delete(before.logoFileKey);
      return view(after);
    },
  );
};
