import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import { badRequest } from '../../../platform/http/app-error.js';
import {
  type Dependency,
  DependencyCycleError,
  reschedule,
  type ScheduledTask,
} from '../domain/scheduling.js';
import { projectTask, taskDependency } from '../schema.js';

export type Rescheduled = ScheduledTask;

export async function projectGraph(
  tx: Tx,
  projectId: string,
): Promise<{ tasks: ScheduledTask[]; deps: Dependency[] }> {
  const [tasks, deps] = await Promise.all([
    tx
      .select({ id: projectTask.id, startDate: projectTask.startDate, dueDate: projectTask.dueDate })
      .from(projectTask)
      .where(eq(projectTask.projectId, projectId)),
    tx
      .select({
        predecessorId: taskDependency.predecessorId,
        successorId: taskDependency.successorId,
        lagDays: taskDependency.lagDays,
      })
      .from(taskDependency)
      .where(eq(taskDependency.projectId, projectId)),
  ]);
  return { tasks, deps };
}

/** Writes new dates of many tasks in one statement (a moved first task can move 2,000). */
export async function writeDates(tx: Tx, changes: readonly Rescheduled[]): Promise<void> {
  if (changes.length === 0) return;
  const rows = sql.join(
    changes.map((c) => sql`(${c.id}::uuid, ${c.startDate}::date, ${c.dueDate}::date)`),
    sql`, `,
  );
  await tx.execute(sql`
    update ${projectTask} set start_date = v.start_date, due_date = v.due_date, updated_at = now()
    from (values ${rows}) as v(id, start_date, due_date)
    where ${projectTask.id} = v.id`);
}

/**
 * After `moved` got new dates: the dates of every task that moves with it, written. The moved
 * task's own entry (it may be held to its predecessors) is returned for the caller to write.
 */
export async function autoSchedule(tx: Tx, projectId: string, moved: ScheduledTask): Promise<Rescheduled[]> {
  const { tasks, deps } = await projectGraph(tx, projectId);
  let changes: Rescheduled[];
  try {
    changes = reschedule(tasks, deps, moved);
  } catch (error) {
    if (error instanceof DependencyCycleError)
      throw badRequest('dependency_cycle', error.message, { cycle: error.cycle });
    throw error;
  }
  await writeDates(
    tx,
    changes.filter((c) => c.id !== moved.id),
  );
  return changes;
}
