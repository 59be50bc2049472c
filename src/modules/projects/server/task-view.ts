import { inArray, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { authUser } from '../../../platform/auth/auth.schema.js';
import type { Tx } from '../../../platform/db/database.js';
import { contact, property } from '../../crm/schema.js';
import type { StateGroup, TaskView } from '../contract.js';
import { project, projectTask, taskState } from '../schema.js';

type TaskRow = typeof projectTask.$inferSelect;

/**
 * Tasks are read from their own table (an index walk, even for 2,000 rows) and the few names they
 * point at — states, people, projects, contacts, properties — in one small query each. Joining
 * them per row cost ~20× more: every joined row re-checks its table's row-level security.
 */
export async function taskViews(tx: Tx, rows: readonly TaskRow[]): Promise<TaskView[]> {
  if (rows.length === 0) return [];
  const distinct = <K extends keyof TaskRow>(key: K) =>
    [...new Set(rows.map((r) => r[key]).filter((v): v is NonNullable<TaskRow[K]> => v !== null))] as string[];
  const [states, people, projects, contacts, properties] = await Promise.all([
    tx
      .select({ id: taskState.id, group: taskState.group })
      .from(taskState)
      .where(inArray(taskState.id, distinct('stateId'))),
    lookup(tx, authUser, authUser.id, authUser.name, distinct('assigneeId')),
    lookup(tx, project, project.id, project.name, distinct('projectId')),
    lookup(
      tx,
      contact,
      contact.id,
      sql<
        string | null
      >`coalesce(nullif(trim(coalesce(${contact.firstName}, '') || ' ' || coalesce(${contact.lastName}, '')), ''), ${contact.companyName})`,
      distinct('contactId'),
    ),
    lookup(tx, property, property.id, property.title, distinct('propertyId')),
  ]);
  const groupOf = new Map(states.map((s) => [s.id, s.group as StateGroup]));
  return rows.map((t) => ({
    id: t.id,
    projectId: t.projectId,
    projectName: t.projectId ? (projects.get(t.projectId) ?? null) : null,
    parentId: t.parentId,
    title: t.title,
    description: t.description,
    priority: t.priority as TaskView['priority'],
    stateId: t.stateId,
    stateGroup: groupOf.get(t.stateId) ?? 'todo',
    position: t.position,
    assigneeId: t.assigneeId,
    assigneeName: t.assigneeId ? (people.get(t.assigneeId) ?? null) : null,
    startDate: t.startDate,
    dueDate: t.dueDate,
    estimateHours: t.estimateHours,
    checklist: t.checklist,
    contactId: t.contactId,
    contactName: t.contactId ? (contacts.get(t.contactId) ?? null) : null,
    propertyId: t.propertyId,
    propertyTitle: t.propertyId ? (properties.get(t.propertyId) ?? null) : null,
    viewingId: t.viewingId,
    completesOnDocument: t.completesOnDocument,
    externalId: t.externalId,
    completedAt: t.completedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  }));
}

/** Labels of a few rows by id (RLS keeps other offices' rows out). */
async function lookup(tx: Tx, table: PgTable, id: PgColumn, label: SQL | PgColumn, ids: string[]) {
  if (ids.length === 0) return new Map<string, string | null>();
  const rows = (await tx.select({ id, label }).from(table).where(inArray(id, ids))) as {
    id: string;
    label: string | null;
  }[];
  return new Map(rows.map((r) => [r.id, r.label]));
}

export async function readTasks(tx: Tx, where: SQL | undefined): Promise<TaskView[]> {
  return taskViews(tx, await tx.select().from(projectTask).where(where));
}
