import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../../../platform/db/database.js';
import { contact, property, viewing, viewingContact } from '../../../crm/schema.js';
import { contactDisplayName } from '../../../crm/server/contact-view.js';
import { calendarObjectIcs } from '../../domain/viewing-ics.js';
import { viewingUid } from '../../domain/visitor-message-text.js';
import { viewingDetails } from '../../schema.js';
import { propertyAddress } from '../viewing-context.js';
import type { CalendarEntry } from './calendar-client.js';

/** What the agent's calendar shows of a viewing: visitors and property, never e-mail or phone. */
export function entryText(
  publicUrl: string,
  v: { id: string },
  p: { title: string; street: string | null; houseNumber: string | null; postalCode: string; city: string },
  visitorNames: string[],
  meetingPoint: string | null,
) {
  const url = `${publicUrl}/besichtigungen?termin=${v.id}`;
  return {
    summary: `Besichtigung: ${visitorNames.join(', ') || 'ohne Besucher'} · ${p.title}`,
    location: meetingPoint || propertyAddress(p),
    description: `${p.title}\n${visitorNames.join(', ')}\n${url}`,
    url,
  };
}

/** The viewing as it should stand in the calendar, or null when it is gone or cancelled. */
export async function loadCalendarEntry(
  tx: Tx,
  publicUrl: string,
  viewingId: string,
): Promise<{ entry: CalendarEntry; agentId: string | null; hash: string } | null> {
  const [row] = await tx
    .select({ v: viewing, p: property, meetingPoint: viewingDetails.meetingPoint })
    .from(viewing)
    .innerJoin(property, eq(property.id, viewing.propertyId))
    .leftJoin(viewingDetails, eq(viewingDetails.viewingId, viewing.id))
    .where(eq(viewing.id, viewingId));
  if (!row || row.v.status === 'abgesagt') return null;
  const visitors = await tx
    .select({ c: contact })
    .from(viewingContact)
    .innerJoin(contact, eq(contact.id, viewingContact.contactId))
    .where(eq(viewingContact.viewingId, viewingId));
  const text = entryText(
    publicUrl,
    row.v,
    row.p,
    visitors.map((x) => contactDisplayName(x.c)).sort(),
    row.meetingPoint,
  );
  const fields = {
    viewingId,
    uid: viewingUid(viewingId),
    startsAt: row.v.startsAt,
    endsAt: row.v.endsAt,
    ...text,
  };
  const hash = createHash('sha256')
    .update(
      JSON.stringify({
        ...fields,
        startsAt: fields.startsAt.toISOString(),
        endsAt: fields.endsAt.toISOString(),
      }),
    )
    .digest('hex');
  const ics = calendarObjectIcs({
    ...fields,
    // Seconds since 2026 grow with every change and stay within iCalendar's integer range.
    sequence: Math.max(0, Math.floor((row.v.updatedAt.getTime() - Date.UTC(2026, 0, 1)) / 1000)),
    organizer: { name: 'ImmoXX', email: 'noreply@immoxx.invalid' },
  });
  return { entry: { ...fields, ics }, agentId: row.v.agentId, hash };
}

const UID_PATTERN = /^besichtigung-([0-9a-f-]{36})@immoxx$/;

/** The viewing id in one of ImmoXX's own calendar UIDs, or null for the agent's other events. */
export const viewingIdFromUid = (uid: string): string | null => UID_PATTERN.exec(uid)?.[1] ?? null;
