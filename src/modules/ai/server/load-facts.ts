import { and, asc, eq, gte } from 'drizzle-orm';
import type { TenantRequestContext } from '../../../platform/http/access-control.js';
import { notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { contact, property, viewing, viewingContact } from '../../crm/schema.js';
import { factsFromProperty } from '../domain/facts-from-property.js';
import type { OfflineFacts } from '../domain/offline/offline-text.js';

/** The listing, contact, office and booked viewing a text request refers to, read as the tenant. */
export async function loadFacts(
  platform: Platform,
  ctx: TenantRequestContext,
  ids: { propertyId?: string; contactId?: string },
): Promise<OfflineFacts> {
  const settings = await platform.tenantSettings.get(ctx.tenantId);
  return ctx.db(async (tx) => {
    let listing = null;
    if (ids.propertyId) {
      const [row] = await tx.select().from(property).where(eq(property.id, ids.propertyId));
      if (!row) throw notFound('Objekt');
      listing = factsFromProperty(row, platform.publicUrl);
    }
    let person = null;
    let viewingAt: Date | null = null;
    if (ids.contactId) {
      const [row] = await tx.select().from(contact).where(eq(contact.id, ids.contactId));
      if (!row) throw notFound('Kontakt');
      person = {
        salutation: row.salutation,
        firstName: row.firstName,
        lastName: row.lastName,
        companyName: row.companyName,
      };
      if (ids.propertyId) {
        const [next] = await tx
          .select({ startsAt: viewing.startsAt })
          .from(viewing)
          .innerJoin(viewingContact, eq(viewingContact.viewingId, viewing.id))
          .where(
            and(
              eq(viewing.propertyId, ids.propertyId),
              eq(viewingContact.contactId, ids.contactId),
              eq(viewing.status, 'geplant'),
              gte(viewing.startsAt, new Date()),
            ),
          )
          .orderBy(asc(viewing.startsAt))
          .limit(1);
        viewingAt = next?.startsAt ?? null;
      }
    }
    return {
      listing,
      contact: person,
      viewingAt,
      office: {
        name: settings?.displayName ?? 'Ihr Maklerbüro',
        phone: settings?.contactPhone ?? null,
        email: settings?.contactEmail ?? null,
        agentName: ctx.auth.user.name ?? null,
      },
    };
  });
}
