import { eq, type SQL, sql } from 'drizzle-orm';
import { authUser } from '../../../platform/auth/auth.schema.js';
import type { Tx } from '../../../platform/db/database.js';
import { property } from '../../crm/schema.js';
import type { ProjectView } from '../contract.js';
import { todayInBerlin } from '../domain/day.js';
import { project } from '../schema.js';

/** Scalar subqueries run after the list's limit: counts for the page's projects only. */
export const projectColumns = () => {
  const today = todayInBerlin();
  const openTasks = sql`from project_task t join project_task_state s on s.id = t.state_id
    where t.project_id = ${project.id} and s."group" not in ('done', 'cancelled')`;
  return {
    project,
    ownerName: authUser.name,
    propertyTitle: property.title,
    memberIds: sql<
      string[]
    >`coalesce((select json_agg(m.user_id) from project_member m where m.project_id = ${project.id}), '[]'::json)`,
    contactIds: sql<
      string[]
    >`coalesce((select json_agg(c.contact_id) from project_contact c where c.project_id = ${project.id}), '[]'::json)`,
    taskCount: sql<number>`(select count(*)::int from project_task t where t.project_id = ${project.id})`,
    openTaskCount: sql<number>`(select count(*)::int ${openTasks})`,
    overdueTaskCount: sql<number>`(select count(*)::int ${openTasks} and t.due_date < ${today}::date)`,
  };
};

/** `sortValue` is the list's sort key as text, for its cursors (see seekPlan). */
export function selectProjects(tx: Tx, sortValue: SQL<string | null> = sql<string | null>`null`) {
  return tx
    .select({ ...projectColumns(), sortValue })
    .from(project)
    .leftJoin(authUser, eq(authUser.id, project.ownerId))
    .leftJoin(property, eq(property.id, project.propertyId))
    .$dynamic();
}

type ProjectRow = Awaited<ReturnType<ReturnType<typeof selectProjects>['execute']>>[number];

export function projectView(row: ProjectRow): ProjectView {
  const p = row.project;
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    type: p.type as ProjectView['type'],
    status: p.status as ProjectView['status'],
    startDate: p.startDate,
    endDate: p.endDate,
    ownerId: p.ownerId,
    ownerName: row.ownerName,
    memberIds: row.memberIds,
    propertyId: p.propertyId,
    propertyTitle: row.propertyTitle,
    contactIds: row.contactIds,
    templateKey: p.templateKey,
    taskCount: row.taskCount,
    openTaskCount: row.openTaskCount,
    overdueTaskCount: row.overdueTaskCount,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export async function readProjects(tx: Tx, where: SQL | undefined): Promise<ProjectView[]> {
  return (await selectProjects(tx).where(where)).map(projectView);
}
