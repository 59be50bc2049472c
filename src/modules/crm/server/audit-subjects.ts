import { inArray } from 'drizzle-orm';
import { formatDateTime } from '../../../platform/format/format-de.js';
import type { AuditSubjects } from '../../../platform/modules/module-manifest.js';
import { contact, property, viewing } from '../schema.js';
import { contactDisplayName } from './contact-view.js';

/** How the audit log names CRM records: the listing's title, the contact's name, the viewing's slot. */
export const crmAuditSubjects: Record<string, AuditSubjects> = {
  property: async (tx, ids) => {
    const rows = await tx
      .select({ id: property.id, title: property.title })
      .from(property)
      .where(inArray(property.id, ids));
    return new Map(rows.map((r) => [r.id, { label: r.title, path: `/objekte/${r.id}` }]));
  },
  contact: async (tx, ids) => {
    const rows = await tx.select().from(contact).where(inArray(contact.id, ids));
    return new Map(rows.map((r) => [r.id, { label: contactDisplayName(r), path: `/kontakte/${r.id}` }]));
  },
  viewing: async (tx, ids) => {
    const rows = await tx
      .select({ id: viewing.id, startsAt: viewing.startsAt })
      .from(viewing)
      .where(inArray(viewing.id, ids));
    return new Map(
      rows.map((r) => [
        r.id,
        { label: `Besichtigung am ${formatDateTime(r.startsAt)}`, path: '/besichtigungen' },
      ]),
    );
  },
};
