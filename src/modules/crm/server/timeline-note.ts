import type { Tx } from '../../../platform/db/database.js';
import { activity } from '../schema.js';

/**
 * A note on a contact's or property's timeline, for other modules (an automation rule's
 * "add a timeline note"). Runs in the caller's tenant transaction.
 */
export async function addTimelineNote(
  tx: Tx,
  note: {
    tenantId: string;
    contactId: string | null;
    propertyId: string | null;
    subject: string;
    body?: string;
    userName: string;
  },
): Promise<string> {
  const [row] = await tx
    .insert(activity)
    .values({
      tenantId: note.tenantId,
      contactId: note.contactId,
      propertyId: note.propertyId,
      kind: 'notiz',
      subject: note.subject,
      body: note.body ?? '',
      userName: note.userName,
    })
    .returning({ id: activity.id });
  return (row as { id: string }).id;
}
