import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import { notFound } from '../../../platform/http/app-error.js';
import { findInvoice, listInvoices } from '../../../platform/invoicing/invoice-queries.js';
import { sendInvoiceFile } from '../../../platform/invoicing/send-invoice-file.js';
import type { Platform } from '../../../platform/kernel.js';
import { type SubscriptionInvoices, subscriptionInvoices } from '../contract.js';
import { billingIssuer } from './platform-invoice.js';
import { stripeSetup } from './stripe-gateway.js';

const idParams = z.object({ invoiceId: z.string().uuid() });

/** The platform's invoices to the office for its subscription, as PDF (Factur-X) and XRechnung. */
export const billingInvoicesRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (
  app,
  { platform },
) => {
  app.get(
    '/invoices',
    {
      config: { access: { permission: 'billing.read' } },
      schema: {
        tags: ['billing'],
        summary: "The platform's invoices for the office's subscription, newest first",
        response: { 200: subscriptionInvoices },
      },
    },
    async (request): Promise<SubscriptionInvoices> => {
      const ctx = tenantContext(platform, request);
      const items = await ctx.db((tx) => listInvoices(tx, 'platform'));
      return {
        items,
        issuedBy: billingIssuer(platform.config.env) ? 'platform' : stripeSetup(platform) ? 'stripe' : 'none',
      };
    },
  );

  for (const format of ['pdf', 'xml'] as const)
    app.get(
      `/invoices/:invoiceId/${format}`,
      {
        config: { access: { permission: 'billing.read' } },
        schema: {
          tags: ['billing'],
          summary:
            format === 'pdf'
              ? 'A subscription invoice as PDF with Factur-X'
              : 'A subscription invoice as XRechnung',
          params: idParams,
        },
      },
      async (request, reply) => {
        const ctx = tenantContext(platform, request);
        const row = await ctx.db((tx) => findInvoice(tx, 'platform', request.params.invoiceId));
        if (!row) throw notFound('Rechnung');
        return sendInvoiceFile(reply, platform.files, row, format);
      },
    );
};
