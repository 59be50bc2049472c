import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { contact } from '../../crm/schema.js';
import { consentInput, consentView } from '../contract.js';
import { mailingConsent } from '../schema.js';
import { consentViewOf } from './audience.js';

const params = z.object({ contactId: z.string().uuid() });

/** Advertising consent per contact: recorded with evidence, withdrawn by the office or the contact. */
export const consentsRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/consents/:contactId',
    {
      config: { access: { permission: 'mailings.read' } },
      schema: {
        tags: ['mailings'],
        summary: 'A contact’s advertising consent, or null',
        params,
        response: { 200: z.object({ consent: consentView.nullable() }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      return ctx.db(async (tx) => {
        const [c] = await tx
          .select({ id: contact.id })
          .from(contact)
          .where(eq(contact.id, request.params.contactId));
        if (!c) throw notFound('Kontakt');
        const [row] = await tx.select().from(mailingConsent).where(eq(mailingConsent.contactId, c.id));
        return { consent: row ? consentViewOf(row) : null };
      });
    },
  );

  app.put(
    '/consents',
    {
      config: { access: { permission: 'mailings.write' } },
      schema: {
        tags: ['mailings'],
        summary: 'Record a contact’s express consent to advertising e-mail, with its evidence',
        body: consentInput,
        response: { 200: z.object({ consent: consentView }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const input = request.body;
      return ctx.db(async (tx) => {
        const [c] = await tx.select({ id: contact.id }).from(contact).where(eq(contact.id, input.contactId));
        if (!c) throw notFound('Kontakt');
        const values = {
          grantedAt: new Date(),
          source: input.source,
          evidence: input.evidence,
          recordedBy: ctx.auth.user.name,
          revokedAt: null,
          revokedVia: null,
        };
        const [row] = await tx
          .insert(mailingConsent)
          .values({ tenantId: ctx.tenantId, contactId: c.id, ...values })
          .onConflictDoUpdate({ target: [mailingConsent.tenantId, mailingConsent.contactId], set: values })
          .returning();
        await recordAudit(tx, ctx.actor, {
          entity: 'mailing_consent',
          entityId: c.id,
          action: 'granted',
          after: { source: input.source, evidence: input.evidence },
        });
        return { consent: consentViewOf(row!) };
      });
    },
  );

  app.delete(
    '/consents/:contactId',
    {
      config: { access: { permission: 'mailings.write' } },
      schema: {
        tags: ['mailings'],
        summary: 'Record that the contact withdrew consent (kept as evidence, no more offers)',
        params,
        response: { 200: z.object({ consent: consentView }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      return ctx.db(async (tx) => {
        const [row] = await tx
          .update(mailingConsent)
          .set({ revokedAt: new Date(), revokedVia: 'manuell' })
          .where(eq(mailingConsent.contactId, request.params.contactId))
          .returning();
        if (!row) throw notFound('Einwilligung');
        await recordAudit(tx, ctx.actor, {
          entity: 'mailing_consent',
          entityId: row.contactId,
          action: 'revoked',
        });
        return { consent: consentViewOf(row) };
      });
    },
  );
};
