import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { DomainEvent } from '../../../platform/events/event-map.js';
import type { Platform } from '../../../platform/kernel.js';
import '../events.js';
import { todayInBerlin } from '../domain/day.js';
import { projectTask, taskState } from '../schema.js';

const taskLink = (task: { id: string; projectId: string | null }) =>
  task.projectId ? `/projekte/${task.projectId}?aufgabe=${task.id}` : `/aufgaben?aufgabe=${task.id}`;

/** A task given to someone else tells them (the bell, and e-mail if they want it). */
export async function notifyAssignee(platform: Platform, event: DomainEvent<'task.assigned'>): Promise<void> {
  const [task] = await platform.database.withTenant(event.tenantId, (tx) =>
    tx
      .select({
        id: projectTask.id,
        title: projectTask.title,
        projectId: projectTask.projectId,
        dueDate: projectTask.dueDate,
      })
      .from(projectTask)
      .where(eq(projectTask.id, event.payload.taskId)),
  );
  if (!task) return;
  await platform.notifications.notify({
    tenantId: event.tenantId,
    userIds: [event.payload.assigneeId],
    kind: 'assignment',
    title: `Neue Aufgabe für Sie: ${task.title}`,
    body: task.dueDate ? `Fällig am ${task.dueDate.split('-').reverse().join('.')}` : '',
    link: taskLink(task),
    actorId: event.actorId,
    dedupeKey: `assigned:${task.id}:${event.payload.assigneeId}:${event.occurredAt.toISOString()}`,
  });
}

/**
 * Open tasks due today, across offices (owner connection): each assignee is told once per task
 * and day, however often the hourly tick runs or however many servers run it.
 */
export async function notifyDueToday(platform: Platform): Promise<number> {
  const today = todayInBerlin();
  const due = await platform.database.db
    .select({
      id: projectTask.id,
      tenantId: projectTask.tenantId,
      title: projectTask.title,
      projectId: projectTask.projectId,
      assigneeId: projectTask.assigneeId,
    })
    .from(projectTask)
    .innerJoin(taskState, eq(taskState.id, projectTask.stateId))
    .where(
      and(
        eq(projectTask.dueDate, today),
        isNotNull(projectTask.assigneeId),
        sql`${taskState.group} not in ('done', 'cancelled')`,
      ),
    )
    .limit(5000);
  let sent = 0;
  for (const task of due) {
    const notified = await platform.notifications.notify({
      tenantId: task.tenantId,
      userIds: [task.assigneeId as string],
      kind: 'task_due',
      title: `Heute fällig: ${task.title}`,
      link: taskLink(task),
      dedupeKey: `task_due:${task.id}:${today}`,
    });
    sent += notified.length;
    // The first announcement of the day is also the "due date reached" event for automation rules.
    if (notified.length > 0)
      platform.events.emit('task.due', task.tenantId, {
        taskId: task.id,
        projectId: task.projectId,
        title: task.title,
      });
  }
  return sent;
}
