import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import { badRequest } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { contact, property, viewing } from '../../crm/schema.js';
import { project, projectTask } from '../schema.js';

/** Refuses a user who is not a member of the office (an assignee, owner or team member). */
export async function assertMembers(
  platform: Platform,
  tenantId: string,
  userIds: readonly (string | null | undefined)[],
): Promise<void> {
  for (const userId of new Set(userIds)) {
    if (!userId) continue;
    if (!(await platform.memberships.get(tenantId, userId)))
      throw badRequest('unknown_user', 'Diese Person gehört nicht zu Ihrem Büro.', { userId });
  }
}

/** Records named by id must exist in this office (row-level security hides the others). */
export async function assertRecords(
  tx: Tx,
  refs: {
    projectId?: string | null;
    parentId?: string | null;
    contactIds?: readonly string[];
    propertyId?: string | null;
    viewingId?: string | null;
  },
): Promise<void> {
  const missing = (field: string, label: string) =>
    badRequest(`unknown_${field}`, `${label} gibt es in Ihrem Büro nicht.`, { field: `${field}Id` });
  if (refs.projectId) {
    const [row] = await tx.select({ id: project.id }).from(project).where(eq(project.id, refs.projectId));
    if (!row) throw missing('project', 'Dieses Projekt');
  }
  if (refs.parentId) {
    const [row] = await tx
      .select({ projectId: projectTask.projectId })
      .from(projectTask)
      .where(eq(projectTask.id, refs.parentId));
    if (!row) throw missing('parent', 'Die übergeordnete Aufgabe');
    if (row.projectId !== (refs.projectId ?? null))
      throw badRequest(
        'parent_elsewhere',
        'Eine Unteraufgabe gehört zum Projekt ihrer übergeordneten Aufgabe.',
      );
  }
  if (refs.propertyId) {
    const [row] = await tx.select({ id: property.id }).from(property).where(eq(property.id, refs.propertyId));
    if (!row) throw missing('property', 'Dieses Objekt');
  }
  if (refs.viewingId) {
    const [row] = await tx.select({ id: viewing.id }).from(viewing).where(eq(viewing.id, refs.viewingId));
    if (!row) throw missing('viewing', 'Diese Besichtigung');
  }
  const contactIds = [...new Set(refs.contactIds ?? [])];
  if (contactIds.length > 0) {
    const rows = await tx.select({ id: contact.id }).from(contact).where(inArray(contact.id, contactIds));
    const found = new Set(rows.map((r) => r.id));
    const absent = contactIds.find((id) => !found.has(id));
    if (absent) throw missing('contact', 'Dieser Kontakt');
  }
}

/** A task may not become a subtask of itself or of one of its own subtasks. */
export async function assertParentNotBelow(tx: Tx, taskId: string, parentId: string): Promise<void> {
  let current: string | null = parentId;
  for (let depth = 0; current && depth < 50; depth++) {
    if (current === taskId)
      throw badRequest(
        'parent_cycle',
        'Eine Aufgabe kann nicht Unteraufgabe ihrer eigenen Unteraufgabe sein.',
      );
    const [row]: { parentId: string | null }[] = await tx
      .select({ parentId: projectTask.parentId })
      .from(projectTask)
      .where(and(eq(projectTask.id, current)));
    current = row?.parentId ?? null;
  }
}
