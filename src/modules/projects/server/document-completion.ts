import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DomainEvent } from '../../../platform/events/event-map.js';
import type { Platform } from '../../../platform/kernel.js';
import '../../documents/events.js';
import { CLOSED_GROUPS } from '../contract.js';
import { project, projectTask } from '../schema.js';
import { systemActor } from './actor.js';
import { recordTaskEvent } from './task-service.js';
import { firstOfGroup, officeStates } from './task-states.js';

/**
 * A documentation task ("Energieausweis vorliegen") is done once a document of its category is
 * filed for the project's property. Returns the ids of the tasks it completed.
 */
export async function completeByDocument(
  platform: Platform,
  event: DomainEvent<'document.filed'>,
): Promise<string[]> {
  const { propertyId, category, title } = event.payload;
  if (!propertyId) return [];
  const actor = systemActor(platform, event.tenantId, event.actorId);
  const completed = await actor.db(async (tx) => {
    const states = await officeStates(tx, event.tenantId);
    const done = firstOfGroup(states, 'done');
    const closed = states.filter((s) => CLOSED_GROUPS.includes(s.group)).map((s) => s.id);
    const rows = await tx
      .update(projectTask)
      .set({ stateId: done.id, completedAt: new Date(), updatedAt: new Date() })
      .where(
        and(
          eq(projectTask.completesOnDocument, category),
          isNotNull(projectTask.projectId),
          sql`${projectTask.projectId} in (select ${project.id} from ${project} where ${project.propertyId} = ${propertyId})`,
          sql`not (${inArray(projectTask.stateId, closed)})`,
        ),
      )
      .returning({ id: projectTask.id, projectId: projectTask.projectId, title: projectTask.title });
    for (const row of rows)
      await recordTaskEvent(tx, actor, row.id, 'completed_by_document', { document: title, category });
    return rows;
  });
  for (const row of completed)
    platform.events.emit(
      'task.completed',
      event.tenantId,
      { taskId: row.id, projectId: row.projectId, title: row.title },
      event.actorId,
    );
  return completed.map((r) => r.id);
}
