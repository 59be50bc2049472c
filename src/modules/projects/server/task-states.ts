import { asc } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import { badRequest } from '../../../platform/http/app-error.js';
import type { StateGroup, TaskStateView } from '../contract.js';
import { taskState } from '../schema.js';

/** Every office starts with one state per group; it renames, adds and reorders them later. */
const DEFAULT_STATES: readonly { name: string; group: StateGroup }[] = [
  { name: 'Backlog', group: 'backlog' },
  { name: 'Zu erledigen', group: 'todo' },
  { name: 'In Arbeit', group: 'in_progress' },
  { name: 'In Prüfung', group: 'review' },
  { name: 'Erledigt', group: 'done' },
  { name: 'Abgebrochen', group: 'cancelled' },
];

const view = (row: typeof taskState.$inferSelect): TaskStateView => ({
  id: row.id,
  name: row.name,
  group: row.group as StateGroup,
  position: row.position,
});

/** The office's states in board order, created on first use. */
export async function officeStates(tx: Tx, tenantId: string): Promise<TaskStateView[]> {
  const rows = await tx.select().from(taskState).orderBy(asc(taskState.position));
  if (rows.length > 0) return rows.map(view);
  const created = await tx
    .insert(taskState)
    .values(DEFAULT_STATES.map((s, i) => ({ tenantId, ...s, position: (i + 1) * 1024 })))
    .onConflictDoNothing()
    .returning();
  return created.length > 0
    ? created.map(view)
    : (await tx.select().from(taskState).orderBy(asc(taskState.position))).map(view);
}

/** The first state of a group (a new task goes to the first "todo" state). */
export function firstOfGroup(states: readonly TaskStateView[], group: StateGroup): TaskStateView {
  const state = states.find((s) => s.group === group) ?? states[0];
  if (!state) throw badRequest('no_states', 'Das Büro hat keine Aufgabenstatus.');
  return state;
}

export function stateById(states: readonly TaskStateView[], id: string): TaskStateView {
  const state = states.find((s) => s.id === id);
  if (!state)
    throw badRequest('unknown_state', 'Diesen Status gibt es in Ihrem Büro nicht.', { stateId: id });
  return state;
}
