import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DomainEvent } from '../../../../platform/events/event-map.js';
import type { Platform } from '../../../../platform/kernel.js';
import { project, projectTask } from '../../schema.js';
import { readProjects } from '../project-view.js';
import { readTasks } from '../task-view.js';
import { emailsOf } from './member-emails.js';

export interface WebhookBody extends Record<string, unknown> {
  id: string;
  type: string;
  createdAt: string;
  officeId: string;
  origin: string | null;
  actorId: string | null;
  data: Record<string, unknown>;
}

/**
 * What a webhook receiver gets: the event's own fields plus the task or project as it is now (the
 * same shape as GET /api/projects/tasks/:id, with the assignee's e-mail address), so a receiver
 * needs no call back. `origin` names the outside system that caused the change ("sync:<client>"),
 * so a system can skip the echoes of its own writes.
 */
export async function eventBody(platform: Platform, event: DomainEvent): Promise<WebhookBody> {
  const payload = event.payload as Record<string, unknown>;
  const data: Record<string, unknown> = { ...payload };
  const taskId = typeof payload.taskId === 'string' ? payload.taskId : null;
  const projectId = typeof payload.projectId === 'string' ? payload.projectId : null;
  const gone = event.name === 'task.deleted' || event.name === 'project.deleted';
  if (!gone) {
    const task = await platform.database.withTenant(event.tenantId, async (tx) => {
      if (taskId) {
        const [found] = await readTasks(tx, eq(projectTask.id, taskId));
        return found ?? null;
      }
      if (projectId && event.name.startsWith('project.')) {
        const [found] = await readProjects(tx, eq(project.id, projectId));
        if (found) data.project = found;
      }
      return null;
    });
    // Read after the transaction closed: emailsOf uses its own connection, and on the embedded
    // database a second connection waits for the open transaction's lock forever.
    if (task) {
      const emails = task.assigneeId ? await emailsOf(platform, event.tenantId, [task.assigneeId]) : null;
      data.task = { ...task, assigneeEmail: (task.assigneeId && emails?.get(task.assigneeId)) ?? null };
    }
  }
  return {
    id: randomUUID(),
    type: event.name,
    createdAt: event.occurredAt.toISOString(),
    officeId: event.tenantId,
    origin: event.origin,
    actorId: event.actorId,
    data,
  };
}
