import { eq, type SQL, sql } from 'drizzle-orm';
import { authUser } from '../../../platform/auth/auth.schema.js';
import type { Tx } from '../../../platform/db/database.js';
import { contact, property } from '../../crm/schema.js';
import type { StateGroup, TaskView } from '../contract.js';
import { project, projectTask, taskState } from '../schema.js';

/** The columns of a task as the API shows it, names of its people and records joined in. */
export const taskColumns = {
  task: projectTask,
  stateGroup: taskState.group,
  projectName: project.name,
  assigneeName: authUser.name,
  contactName: sql<
    string | null
  >`coalesce(nullif(trim(coalesce(${contact.firstName}, '') || ' ' || coalesce(${contact.lastName}, '')), ''), ${contact.companyName})`,
  propertyTitle: property.title,
};

export type TaskRow = {
  task: typeof projectTask.$inferSelect;
  stateGroup: string;
  projectName: string | null;
  assigneeName: string | null;
  contactName: string | null;
  propertyTitle: string | null;
};

/** `sortValue` is a list's sort key as text, for its cursors (see seekPlan). */
export function selectTasks(tx: Tx, sortValue: SQL<string | null> = sql<string | null>`null`) {
  return tx
    .select({ ...taskColumns, sortValue })
    .from(projectTask)
    .innerJoin(taskState, eq(taskState.id, projectTask.stateId))
    .leftJoin(project, eq(project.id, projectTask.projectId))
    .leftJoin(authUser, eq(authUser.id, projectTask.assigneeId))
    .leftJoin(contact, eq(contact.id, projectTask.contactId))
    .leftJoin(property, eq(property.id, projectTask.propertyId))
    .$dynamic();
}

export async function readTasks(tx: Tx, where: SQL | undefined): Promise<TaskView[]> {
  const rows = await selectTasks(tx).where(where);
  return rows.map(taskView);
}

export function taskView(row: TaskRow): TaskView {
  const t = row.task;
  return {
    id: t.id,
    projectId: t.projectId,
    projectName: row.projectName,
    parentId: t.parentId,
    title: t.title,
    description: t.description,
    priority: t.priority as TaskView['priority'],
    stateId: t.stateId,
    stateGroup: row.stateGroup as StateGroup,
    position: t.position,
    assigneeId: t.assigneeId,
    assigneeName: row.assigneeName,
    startDate: t.startDate,
    dueDate: t.dueDate,
    estimateHours: t.estimateHours,
    checklist: t.checklist,
    contactId: t.contactId,
    contactName: row.contactName,
    propertyId: t.propertyId,
    propertyTitle: row.propertyTitle,
    viewingId: t.viewingId,
    completesOnDocument: t.completesOnDocument,
    externalId: t.externalId,
    completedAt: t.completedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}
