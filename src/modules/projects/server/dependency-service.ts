import { eq, inArray } from 'drizzle-orm';
import { badRequest, conflict, notFound } from '../../../platform/http/app-error.js';
import { findCycle } from '../domain/scheduling.js';
import { projectTask, taskDependency } from '../schema.js';
import type { ProjectsActor } from './actor.js';
import { autoSchedule, projectGraph, type Rescheduled } from './auto-schedule.js';
import { recordTaskEvent } from './task-service.js';

export interface DependencyView {
  id: string;
  predecessorId: string;
  successorId: string;
  lagDays: number;
}

/**
 * Adds "successor starts after predecessor ends (+ lag)". Both tasks must be in one project; a
 * link that closes a cycle is refused with the cycle named. The successor and its dependants are
 * moved at once if the new link requires it.
 */
export async function addDependency(
  actor: ProjectsActor,
  input: { predecessorId: string; successorId: string; lagDays: number },
): Promise<{ dependency: DependencyView; rescheduled: Rescheduled[] }> {
  return actor.db(async (tx) => {
    const rows = await tx
      .select({
        id: projectTask.id,
        title: projectTask.title,
        projectId: projectTask.projectId,
        startDate: projectTask.startDate,
        dueDate: projectTask.dueDate,
      })
      .from(projectTask)
      .where(inArray(projectTask.id, [input.predecessorId, input.successorId]));
    const predecessor = rows.find((r) => r.id === input.predecessorId);
    const successor = rows.find((r) => r.id === input.successorId);
    if (!predecessor)
      throw badRequest('unknown_task', 'Die Vorgänger-Aufgabe gibt es nicht.', {
        taskId: input.predecessorId,
      });
    if (!successor)
      throw badRequest('unknown_task', 'Die Nachfolger-Aufgabe gibt es nicht.', {
        taskId: input.successorId,
      });
    if (!predecessor.projectId || predecessor.projectId !== successor.projectId)
      throw badRequest(
        'dependency_across_projects',
        'Abhängigkeiten gibt es nur zwischen Aufgaben desselben Projekts.',
      );
    const projectId = predecessor.projectId;
    const graph = await projectGraph(tx, projectId);
    if (
      graph.deps.some((d) => d.predecessorId === input.predecessorId && d.successorId === input.successorId)
    )
      throw conflict('dependency_exists', 'Diese Abhängigkeit besteht bereits.');
    const cycle = findCycle(
      graph.tasks.map((t) => t.id),
      [...graph.deps, input],
    );
    if (cycle) {
      const titles = new Map(rows.map((r) => [r.id, r.title]));
      const named = await tx
        .select({ id: projectTask.id, title: projectTask.title })
        .from(projectTask)
        .where(eq(projectTask.projectId, projectId));
      for (const r of named) titles.set(r.id, r.title);
      throw badRequest(
        'dependency_cycle',
        `Diese Abhängigkeit würde einen Kreis bilden: ${cycle.map((id) => titles.get(id) ?? id).join(' → ')}.`,
        { cycle },
      );
    }
    const [row] = await tx
      .insert(taskDependency)
      .values({ tenantId: actor.tenantId, projectId, ...input })
      .returning();
    const dependency = row as typeof taskDependency.$inferSelect;
    // Held to its new predecessor: the successor (and what follows it) may have to move.
    const changes = await autoSchedule(tx, projectId, {
      id: successor.id,
      startDate: successor.startDate,
      dueDate: successor.dueDate,
    });
    const own = changes.find((c) => c.id === successor.id);
    if (own)
      await tx
        .update(projectTask)
        .set({ startDate: own.startDate, dueDate: own.dueDate, updatedAt: new Date() })
        .where(eq(projectTask.id, successor.id));
    await recordTaskEvent(tx, actor, successor.id, 'dependency', {
      after: predecessor.title,
      lagDays: input.lagDays,
    });
    return {
      dependency: {
        id: dependency.id,
        predecessorId: dependency.predecessorId,
        successorId: dependency.successorId,
        lagDays: dependency.lagDays,
      },
      rescheduled: changes,
    };
  });
}

export async function removeDependency(actor: ProjectsActor, id: string): Promise<void> {
  await actor.db(async (tx) => {
    const deleted = await tx.delete(taskDependency).where(eq(taskDependency.id, id)).returning();
    if (deleted.length === 0) throw notFound('Abhängigkeit');
  });
}
