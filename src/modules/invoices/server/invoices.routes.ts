import { eq, inArray } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { AppError, conflict, notFound } from '../../../platform/http/app-error.js';
import { findInvoice, listInvoices } from '../../../platform/invoicing/invoice-queries.js';
import { creditNoteDraft, issueInvoice } from '../../../platform/invoicing/issue-invoice.js';
import { sendInvoiceFile } from '../../../platform/invoicing/send-invoice-file.js';
import type { Platform } from '../../../platform/kernel.js';
import { readTenantSettings } from '../../../platform/tenancy/tenant-settings-service.js';
import { todayInBerlin } from '../../../platform/time/berlin-day.js';
import { contact, property } from '../../crm/schema.js';
import {
  type CommissionCandidates,
  commissionCandidates,
  commissionInput,
  type InvoiceList,
  invoiceList,
  issuedInvoiceView,
} from '../contract.js';
import { commissionDraft } from '../domain/commission-draft.js';
import { invoiceSettings } from '../schema.js';

/** A deal is won when its listing is sold or let: only then is a commission owed. */
const WON = ['verkauft', 'vermietet'];
const idParams = z.object({ invoiceId: z.string().uuid() });

export const invoicesRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/',
    {
      config: { access: { permission: 'invoices.read' } },
      schema: {
        tags: ['invoices'],
        summary: "The office's own invoices and credit notes, newest first",
        response: { 200: invoiceList },
      },
    },
    async (request): Promise<InvoiceList> => {
      const ctx = tenantContext(platform, request);
      return { items: await ctx.db((tx) => listInvoices(tx, 'office')) };
    },
  );

  app.get(
    '/candidates',
    {
      config: { access: { permission: 'invoices.read' } },
      schema: {
        tags: ['invoices'],
        summary: 'Sold and let listings, for which a commission can be invoiced',
        response: { 200: commissionCandidates },
      },
    },
    async (request): Promise<CommissionCandidates> => {
      const ctx = tenantContext(platform, request);
      const rows = await ctx.db((tx) =>
        tx
          .select({
            id: property.id,
            title: property.title,
            status: property.status,
            marketingType: property.marketingType,
            priceCents: property.purchasePriceCents,
            street: property.street,
            houseNumber: property.houseNumber,
            postalCode: property.postalCode,
            city: property.city,
          })
          .from(property)
          .where(inArray(property.status, WON))
          .orderBy(property.title)
          .limit(500),
      );
      return {
        properties: rows.map((r) => ({
          id: r.id,
          title: r.title,
          status: r.status,
          marketingType: r.marketingType,
          priceCents: r.priceCents,
          address: [[r.street, r.houseNumber].filter(Boolean).join(' '), `${r.postalCode} ${r.city}`]
            .filter(Boolean)
            .join(', '),
        })),
      };
    },
  );

  app.post(
    '/commission',
    {
      config: { access: { permission: 'invoices.manage' } },
      schema: {
        tags: ['invoices'],
        summary:
          'Issue a commission invoice for a sold or let listing to a contact (PDF with Factur-X, XRechnung)',
        body: commissionInput,
        response: { 201: issuedInvoiceView },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const input = request.body;
      const row = await ctx.db(async (tx) => {
        const [settings] = await tx.select().from(invoiceSettings);
        if (!settings)
          throw conflict(
            'invoice_settings_missing',
            'Bitte hinterlegen Sie zuerst die Rechnungsdaten des Büros (Anschrift, Steuernummer, Bankverbindung).',
          );
        const [listing] = await tx.select().from(property).where(eq(property.id, input.propertyId));
        if (!listing) throw notFound('Objekt');
        if (!WON.includes(listing.status))
          throw new AppError(
            422,
            'deal_not_won',
            'Eine Provisionsrechnung gibt es erst, wenn das Objekt verkauft oder vermietet ist.',
          );
        const [customer] = await tx.select().from(contact).where(eq(contact.id, input.contactId));
        if (!customer) throw notFound('Kontakt');
        const office = await readTenantSettings(tx, ctx.tenantId);
        const result = commissionDraft(
          {
            ...settings,
            footer: [
              office?.registerEntry,
              office?.representative ? `Vertreten durch ${office.representative}` : null,
            ].filter((l): l is string => Boolean(l)),
          },
          listing,
          customer,
          input,
          todayInBerlin(),
        );
        if (!result.ok)
          throw new AppError(
            422,
            result.code,
            result.message,
            result.missing ? { missing: result.missing } : undefined,
          );
        const issued = await issueInvoice(
          tx,
          platform.files,
          {
            tenantId: ctx.tenantId,
            issuer: 'office',
            draft: result.draft,
            colour: office?.primaryColor,
            propertyId: listing.id,
            contactId: customer.id,
            createdBy: ctx.auth.user.id,
          },
          { prefix: settings.numberPrefix },
        );
        await recordAudit(tx, ctx.actor, {
          entity: 'invoice',
          entityId: issued.id,
          action: 'issued',
          after: { number: issued.number, grossCents: issued.grossCents, buyer: issued.buyerName },
        });
        return issued;
      });
      const [item] = await ctx.db((tx) => listInvoices(tx, 'office', { id: row.id }));
      return reply.code(201).send(item!);
    },
  );

  app.post(
    '/:invoiceId/cancel',
    {
      config: { access: { permission: 'invoices.manage' } },
      schema: {
        tags: ['invoices'],
        summary: 'Cancel an invoice in full with a credit note (Rechnungskorrektur) naming it',
        params: idParams,
        response: { 201: issuedInvoiceView },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const credit = await ctx.db(async (tx) => {
        const original = await findInvoice(tx, 'office', request.params.invoiceId);
        if (!original) throw notFound('Rechnung');
        if (original.kind !== 'invoice')
          throw conflict('not_an_invoice', 'Eine Gutschrift lässt sich nicht stornieren.');
        const [settings] = await tx.select().from(invoiceSettings);
        const issued = await issueInvoice(
          tx,
          platform.files,
          {
            tenantId: ctx.tenantId,
            issuer: 'office',
            draft: creditNoteDraft(original.document, todayInBerlin()),
            colour: (await readTenantSettings(tx, ctx.tenantId))?.primaryColor,
            correctsId: original.id,
            propertyId: original.propertyId,
            contactId: original.contactId,
            createdBy: ctx.auth.user.id,
          },
          { prefix: settings?.numberPrefix ?? 'RE' },
        ).catch((error: unknown) => {
          // The unique constraint on corrects_id: someone cancelled it a moment ago.
          if (
            String(
              (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code,
            ) === '23505'
          )
            throw conflict('already_cancelled', 'Diese Rechnung ist bereits storniert.');
          throw error;
        });
        await recordAudit(tx, ctx.actor, {
          entity: 'invoice',
          entityId: original.id,
          action: 'credited',
          after: { creditNote: issued.number },
        });
        return issued;
      });
      const [item] = await ctx.db((tx) => listInvoices(tx, 'office', { id: credit.id }));
      return reply.code(201).send(item!);
    },
  );

  for (const format of ['pdf', 'xml'] as const)
    app.get(
      `/:invoiceId/${format}`,
      {
        config: { access: { permission: 'invoices.read' } },
        schema: {
          tags: ['invoices'],
          summary:
            format === 'pdf'
              ? 'The invoice PDF with its Factur-X XML inside'
              : 'The invoice as XRechnung (UBL)',
          params: idParams,
        },
      },
      async (request, reply) => {
        const ctx = tenantContext(platform, request);
        const row = await ctx.db((tx) => findInvoice(tx, 'office', request.params.invoiceId));
        if (!row) throw notFound('Rechnung');
        return sendInvoiceFile(reply, platform.files, row, format);
      },
    );
};
