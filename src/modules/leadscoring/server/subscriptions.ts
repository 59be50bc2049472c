import { eq } from 'drizzle-orm';
import type { Platform } from '../../../platform/kernel.js';
import '../../crm/events.js';
import { viewingContact } from '../../crm/schema.js';
import '../../inbox/events.js';
import '../../viewings/events.js';
import { enqueueRescoreAll } from './jobs.js';
import { linkVisitor, recordLeadEvents } from './record-events.js';
import { rescore } from './score-service.js';

const MODULE = 'leadscoring';

async function viewingVisitors(platform: Platform, tenantId: string, viewingId: string): Promise<string[]> {
  const rows = await platform.database.withTenant(tenantId, (tx) =>
    tx
      .select({ id: viewingContact.contactId })
      .from(viewingContact)
      .where(eq(viewingContact.viewingId, viewingId)),
  );
  return rows.map((r) => r.id);
}

/** Interest recorded by other modules becomes lead events; changes to a contact rescore it. */
export function subscribeLeadScoring(platform: Platform): void {
  const events = platform.events;
  events.on('contact.created', MODULE, (e) =>
    rescore(platform, e.tenantId, [e.payload.contactId]).then(() => {}),
  );
  events.on('contact.updated', MODULE, (e) =>
    rescore(platform, e.tenantId, [e.payload.contactId]).then(() => {}),
  );
  events.on('lead.created', MODULE, async (e) => {
    const { contactId, propertyId, visitorId } = e.payload;
    if (visitorId) await linkVisitor(platform, e.tenantId, visitorId, contactId);
    await recordLeadEvents(platform, e.tenantId, [
      { contactId, propertyId, kind: 'reply', source: 'crm', occurredAt: e.occurredAt },
    ]);
  });
  events.on('inbox.mail_from_contact', MODULE, (e) =>
    recordLeadEvents(platform, e.tenantId, [
      {
        contactId: e.payload.contactId,
        kind: 'reply',
        source: 'inbox',
        sourceRef: `mail:${e.payload.messageId}`,
        occurredAt: new Date(e.payload.receivedAt),
      },
    ]).then(() => {}),
  );
  const booked = async (tenantId: string, viewingId: string, propertyId: string) => {
    const visitors = await viewingVisitors(platform, tenantId, viewingId);
    await recordLeadEvents(
      platform,
      tenantId,
      visitors.map((contactId) => ({
        contactId,
        propertyId,
        kind: 'viewing_booked' as const,
        source: 'viewings' as const,
        sourceRef: `booked:${viewingId}:${contactId}`,
      })),
    );
  };
  events.on('viewing.booked', MODULE, (e) =>
    recordLeadEvents(platform, e.tenantId, [
      {
        contactId: e.payload.contactId,
        propertyId: e.payload.propertyId,
        kind: 'viewing_booked',
        source: 'viewings',
        sourceRef: `booked:${e.payload.viewingId}:${e.payload.contactId}`,
      },
    ]).then(() => {}),
  );
  events.on('viewing.planned', MODULE, (e) => booked(e.tenantId, e.payload.viewingId, e.payload.propertyId));
  events.on('viewing.changed', MODULE, async (e) => {
    if (e.payload.fields.includes('visitors'))
      await booked(e.tenantId, e.payload.viewingId, e.payload.propertyId);
  });
  const attended = (tenantId: string, viewingId: string, propertyId: string, contactIds: string[]) =>
    recordLeadEvents(
      platform,
      tenantId,
      contactIds.map((contactId) => ({
        contactId,
        propertyId,
        kind: 'viewing_attended' as const,
        source: 'viewings' as const,
        sourceRef: `attended:${viewingId}:${contactId}`,
      })),
    );
  // Without the viewings module's check-in, a viewing marked done counts for everyone invited.
  events.on('viewing.status_changed', MODULE, async (e) => {
    if (e.payload.to !== 'durchgefuehrt') return;
    const visitors = await viewingVisitors(platform, e.tenantId, e.payload.viewingId);
    await attended(e.tenantId, e.payload.viewingId, e.payload.propertyId, visitors);
  });
  events.on('viewing.visitor_checked_in', MODULE, (e) =>
    attended(e.tenantId, e.payload.viewingId, e.payload.propertyId, [e.payload.contactId]).then(() => {}),
  );
  events.on('viewing.feedback_received', MODULE, (e) =>
    recordLeadEvents(platform, e.tenantId, [
      {
        contactId: e.payload.contactId,
        propertyId: e.payload.propertyId,
        kind: 'feedback',
        value: e.payload.interest,
        wantsOffer: e.payload.wantsOffer,
        source: 'viewings',
        sourceRef: `feedback:${e.payload.viewingId}:${e.payload.contactId}`,
      },
    ]).then(() => {}),
  );
  // Which listings a search profile matches changed: every contact may score differently.
  for (const name of ['property.published', 'property.status_changed', 'property.deleted'] as const)
    events.on(name, MODULE, (e) => enqueueRescoreAll(platform, e.tenantId, 'objekte'));
}
