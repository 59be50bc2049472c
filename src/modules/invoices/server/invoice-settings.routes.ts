import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import type { Platform } from '../../../platform/kernel.js';
import { readTenantSettings } from '../../../platform/tenancy/tenant-settings-service.js';
import { type InvoiceSettingsView, invoiceSettingsInput, invoiceSettingsView } from '../contract.js';
import { invoiceSettings } from '../schema.js';

/** "Seestraße 12, 88709 Meersburg" → its parts, to prefill the form from the Impressum. */
export function splitAddress(address: string | null): { street: string; postalCode: string; city: string } {
  const match = /^(.*?)[,\n]\s*(\d{5})\s+(.+)$/s.exec(address?.trim() ?? '');
  return match
    ? { street: match[1]!.trim(), postalCode: match[2]!, city: match[3]!.trim() }
    : { street: address?.trim() ?? '', postalCode: '', city: '' };
}

export const invoiceSettingsRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (
  app,
  { platform },
) => {
  app.get(
    '/settings',
    {
      config: { access: { permission: 'invoices.read' } },
      schema: {
        tags: ['invoices'],
        summary: "The office's invoice data (address, tax ids, bank), or a suggestion from its Impressum",
        response: { 200: invoiceSettingsView },
      },
    },
    async (request): Promise<InvoiceSettingsView> => {
      const ctx = tenantContext(platform, request);
      return ctx.db(async (tx) => {
        const [row] = await tx.select().from(invoiceSettings);
        const office = await readTenantSettings(tx, ctx.tenantId);
        return {
          settings: row
            ? {
                legalName: row.legalName,
                street: row.street,
                postalCode: row.postalCode,
                city: row.city,
                vatId: row.vatId,
                taxNumber: row.taxNumber,
                email: row.email,
                phone: row.phone,
                contactName: row.contactName,
                iban: row.iban,
                bic: row.bic,
                accountHolder: row.accountHolder,
                numberPrefix: row.numberPrefix,
                paymentDays: row.paymentDays,
              }
            : null,
          suggestion: {
            legalName: office?.legalName || office?.displayName || '',
            ...splitAddress(office?.address ?? null),
            vatId: office?.vatId ?? null,
            email: office?.contactEmail ?? '',
            phone: office?.contactPhone ?? '',
            contactName: office?.representative ?? ctx.auth.user.name,
          },
        };
      });
    },
  );

  app.put(
    '/settings',
    {
      config: { access: { permission: 'invoices.manage' } },
      schema: {
        tags: ['invoices'],
        summary: "Save the office's invoice data",
        body: invoiceSettingsInput,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const input = request.body;
      const values = {
        ...input,
        vatId: input.vatId ? input.vatId.toUpperCase().replace(/[\s.-]/g, '') : null,
        bic: input.bic ? input.bic.toUpperCase() : null,
        updatedAt: new Date(),
      };
      await ctx.db(async (tx) => {
        const [before] = await tx.select().from(invoiceSettings);
        await tx
          .insert(invoiceSettings)
          .values({ tenantId: ctx.tenantId, ...values })
          .onConflictDoUpdate({ target: invoiceSettings.tenantId, set: values });
        await recordAudit(tx, ctx.actor, {
          entity: 'invoice_settings',
          entityId: ctx.tenantId,
          action: before ? 'updated' : 'created',
        });
      });
      return reply.code(204).send(null);
    },
  );
};
