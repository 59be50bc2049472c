import { and, asc, eq, gt, isNull, max, min, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import { badRequest, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import '../events.js';
import {
  CLOSED_GROUPS,
  type TaskInput,
  type TaskPatch,
  type TaskStateView,
  type TaskView,
} from '../contract.js';
import { POSITION_STEP, positionBetween } from '../domain/position.js';
import { projectTask, taskEvent } from '../schema.js';
import type { ProjectsActor } from './actor.js';
import { autoSchedule, type Rescheduled } from './auto-schedule.js';
import { assertMembers, assertParentNotBelow, assertRecords } from './task-references.js';
import { firstOfGroup, officeStates, stateById } from './task-states.js';
import { readTasks } from './task-view.js';

type TaskRow = typeof projectTask.$inferSelect;

/** The column a task sits in: same project (or none) and same state. */
const columnOf = (projectId: string | null, stateId: string) =>
  and(
    projectId ? eq(projectTask.projectId, projectId) : isNull(projectTask.projectId),
    eq(projectTask.stateId, stateId),
  );

export async function recordTaskEvent(
  tx: Tx,
  actor: ProjectsActor,
  taskId: string,
  kind: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await tx
    .insert(taskEvent)
    .values({ tenantId: actor.tenantId, taskId, actorId: actor.userId, kind, detail });
}

/** Tasks and follow-ups: create, edit (with auto-scheduling of dependants), move on the board, delete. */
export class TaskService {
  constructor(private readonly platform: Platform) {}

  async read(actor: ProjectsActor, id: string): Promise<TaskView> {
    const [task] = await actor.db((tx) => readTasks(tx, eq(projectTask.id, id)));
    if (!task) throw notFound('Aufgabe');
    return task;
  }

  async create(actor: ProjectsActor, input: TaskInput & { externalId?: string | null }): Promise<TaskView> {
    await assertMembers(this.platform, actor.tenantId, [input.assigneeId]);
    const id = await actor.db(async (tx) => {
      await assertRecords(tx, {
        projectId: input.projectId,
        parentId: input.parentId,
        propertyId: input.propertyId,
        viewingId: input.viewingId,
        contactIds: input.contactId ? [input.contactId] : [],
      });
      const states = await officeStates(tx, actor.tenantId);
      const state = input.stateId ? stateById(states, input.stateId) : firstOfGroup(states, 'todo');
      const [last] = await tx
        .select({ position: max(projectTask.position) })
        .from(projectTask)
        .where(columnOf(input.projectId, state.id));
      const [row] = await tx
        .insert(projectTask)
        .values({
          tenantId: actor.tenantId,
          projectId: input.projectId,
          parentId: input.parentId,
          title: input.title,
          description: input.description,
          priority: input.priority,
          stateId: state.id,
          position: (last?.position ?? 0) + POSITION_STEP,
          assigneeId: input.assigneeId,
          startDate: input.startDate,
          dueDate: input.dueDate,
          estimateHours: input.estimateHours,
          checklist: input.checklist,
          contactId: input.contactId,
          propertyId: input.propertyId,
          viewingId: input.viewingId,
          externalId: input.externalId ?? null,
          completedAt: CLOSED_GROUPS.includes(state.group) ? new Date() : null,
          createdBy: actor.userId,
        })
        .returning({ id: projectTask.id });
      const created = row as { id: string };
      await recordTaskEvent(tx, actor, created.id, 'created', { title: input.title });
      return created.id;
    });
    this.platform.events.emit(
      'task.created',
      actor.tenantId,
      { taskId: id, projectId: input.projectId, assigneeId: input.assigneeId },
      actor.userId,
    );
    if (input.assigneeId && input.assigneeId !== actor.userId)
      this.platform.events.emit(
        'task.assigned',
        actor.tenantId,
        { taskId: id, projectId: input.projectId, assigneeId: input.assigneeId },
        actor.userId,
      );
    return this.read(actor, id);
  }

  /**
   * Applies a change. New dates of a task in a project move its dependants (see
   * `reschedule`); the answer lists every task that moved along.
   */
  async update(
    actor: ProjectsActor,
    id: string,
    patch: TaskPatch,
  ): Promise<{ task: TaskView; rescheduled: Rescheduled[] }> {
    if (patch.assigneeId !== undefined)
      await assertMembers(this.platform, actor.tenantId, [patch.assigneeId]);
    const outcome = await actor.db(async (tx) => {
      const current = await this.lockRow(tx, id);
      const startDate = patch.startDate !== undefined ? patch.startDate : current.startDate;
      const dueDate = patch.dueDate !== undefined ? patch.dueDate : current.dueDate;
      if (startDate && dueDate && dueDate < startDate)
        throw badRequest('due_before_start', 'Das Fälligkeitsdatum liegt vor dem Start.', {
          startDate,
          dueDate,
        });
      if (patch.parentId) {
        await assertRecords(tx, { projectId: current.projectId, parentId: patch.parentId });
        await assertParentNotBelow(tx, id, patch.parentId);
      }
      const states = await officeStates(tx, actor.tenantId);
      const from = stateById(states, current.stateId);
      const to = patch.stateId ? stateById(states, patch.stateId) : from;
      let rescheduled: Rescheduled[] = [];
      let dates = { startDate, dueDate };
      const datesChanged = startDate !== current.startDate || dueDate !== current.dueDate;
      if (datesChanged && current.projectId) {
        rescheduled = await autoSchedule(tx, current.projectId, { id, startDate, dueDate });
        const own = rescheduled.find((r) => r.id === id);
        if (own) dates = { startDate: own.startDate, dueDate: own.dueDate };
        rescheduled = rescheduled.filter((r) => r.id !== id);
      }
      const position =
        to.id !== from.id
          ? ((
              await tx
                .select({ position: max(projectTask.position) })
                .from(projectTask)
                .where(columnOf(current.projectId, to.id))
            )[0]?.position ?? 0) + POSITION_STEP
          : current.position;
      await tx
        .update(projectTask)
        .set({
          ...patch,
          ...dates,
          stateId: to.id,
          position,
          completedAt: this.completedAt(current, from, to),
          updatedAt: new Date(),
        })
        .where(eq(projectTask.id, id));
      await this.recordChanges(tx, actor, current, patch, from, to, rescheduled);
      return { from, to, current, rescheduled };
    });
    this.emitChanges(actor, outcome.current, patch, outcome.from, outcome.to);
    const changed = Object.keys(patch).filter((key) => patch[key as keyof TaskPatch] !== undefined);
    this.platform.events.emit(
      'task.updated',
      actor.tenantId,
      { taskId: id, projectId: outcome.current.projectId, changed },
      actor.userId,
    );
    if (outcome.current.projectId && outcome.rescheduled.length > 0)
      this.platform.events.emit(
        'tasks.rescheduled',
        actor.tenantId,
        {
          projectId: outcome.current.projectId,
          tasks: outcome.rescheduled.map((r) => ({
            taskId: r.id,
            startDate: r.startDate,
            dueDate: r.dueDate,
          })),
        },
        actor.userId,
      );
    return { task: await this.read(actor, id), rescheduled: outcome.rescheduled };
  }

  /** Drops a task into a column below `afterId` (or on top), writing only the moved task. */
  async move(actor: ProjectsActor, id: string, stateId: string, afterId: string | null): Promise<TaskView> {
    const outcome = await actor.db(async (tx) => {
      const current = await this.lockRow(tx, id);
      const states = await officeStates(tx, actor.tenantId);
      const from = stateById(states, current.stateId);
      const to = stateById(states, stateId);
      const position = await this.positionAfter(tx, current, to.id, afterId);
      await tx
        .update(projectTask)
        .set({
          stateId: to.id,
          position,
          completedAt: this.completedAt(current, from, to),
          updatedAt: new Date(),
        })
        .where(eq(projectTask.id, id));
      if (from.id !== to.id) await recordTaskEvent(tx, actor, id, 'state', { from: from.name, to: to.name });
      return { current, from, to };
    });
    this.emitChanges(actor, outcome.current, { stateId }, outcome.from, outcome.to);
    this.platform.events.emit(
      'task.updated',
      actor.tenantId,
      { taskId: id, projectId: outcome.current.projectId, changed: ['stateId', 'position'] },
      actor.userId,
    );
    return this.read(actor, id);
  }

  async remove(actor: ProjectsActor, id: string): Promise<void> {
    const deleted = await actor.db(async (tx) => {
      const [row] = await tx.delete(projectTask).where(eq(projectTask.id, id)).returning({
        projectId: projectTask.projectId,
        title: projectTask.title,
        externalId: projectTask.externalId,
      });
      if (!row) throw notFound('Aufgabe');
      return row;
    });
    this.platform.events.emit('task.deleted', actor.tenantId, { taskId: id, ...deleted }, actor.userId);
  }

  private async lockRow(tx: Tx, id: string): Promise<TaskRow> {
    const [row] = await tx.select().from(projectTask).where(eq(projectTask.id, id)).for('update');
    if (!row) throw notFound('Aufgabe');
    return row;
  }

  private completedAt(current: TaskRow, from: TaskStateView, to: TaskStateView): Date | null {
    const closed = CLOSED_GROUPS.includes(to.group);
    if (!closed) return null;
    return CLOSED_GROUPS.includes(from.group) ? (current.completedAt ?? new Date()) : new Date();
  }

  private async positionAfter(
    tx: Tx,
    task: TaskRow,
    stateId: string,
    afterId: string | null,
  ): Promise<number> {
    const column = and(columnOf(task.projectId, stateId), sql`${projectTask.id} <> ${task.id}`);
    let before: number | null = null;
    if (afterId) {
      const [after] = await tx
        .select({ position: projectTask.position })
        .from(projectTask)
        .where(and(column, eq(projectTask.id, afterId)));
      if (!after)
        throw badRequest(
          'unknown_neighbour',
          'Die Aufgabe, unter die verschoben werden soll, steht nicht in dieser Spalte.',
        );
      before = after.position;
    }
    const [next] = await tx
      .select({ position: min(projectTask.position) })
      .from(projectTask)
      .where(and(column, before === null ? undefined : gt(projectTask.position, before)));
    const position = positionBetween(before, next?.position ?? null);
    if (position !== null) return position;
    // Neighbours can no longer be split: space this column out once and place again.
    const rows = await tx
      .select({ id: projectTask.id })
      .from(projectTask)
      .where(column)
      .orderBy(asc(projectTask.position));
    for (const [i, row] of rows.entries())
      await tx
        .update(projectTask)
        .set({ position: (i + 1) * POSITION_STEP })
        .where(eq(projectTask.id, row.id));
    return this.positionAfter(tx, task, stateId, afterId);
  }

  private async recordChanges(
    tx: Tx,
    actor: ProjectsActor,
    current: TaskRow,
    patch: TaskPatch,
    from: TaskStateView,
    to: TaskStateView,
    rescheduled: Rescheduled[],
  ): Promise<void> {
    if (from.id !== to.id)
      await recordTaskEvent(tx, actor, current.id, 'state', { from: from.name, to: to.name });
    if (patch.assigneeId !== undefined && patch.assigneeId !== current.assigneeId)
      await recordTaskEvent(tx, actor, current.id, 'assigned', { assigneeId: patch.assigneeId });
    if (
      (patch.startDate !== undefined && patch.startDate !== current.startDate) ||
      (patch.dueDate !== undefined && patch.dueDate !== current.dueDate)
    )
      await recordTaskEvent(tx, actor, current.id, 'dates', {
        startDate: patch.startDate ?? current.startDate,
        dueDate: patch.dueDate ?? current.dueDate,
        movedDependants: rescheduled.length,
      });
    const edited = (
      ['title', 'description', 'priority', 'estimateHours', 'checklist', 'parentId'] as const
    ).filter(
      (field) =>
        patch[field] !== undefined && JSON.stringify(patch[field]) !== JSON.stringify(current[field]),
    );
    if (edited.length > 0) await recordTaskEvent(tx, actor, current.id, 'edited', { fields: edited });
    // One statement for all moved dependants: moving the first of 2,000 tasks writes 2,000 entries.
    if (rescheduled.length > 0)
      await tx.insert(taskEvent).values(
        rescheduled.map((moved) => ({
          tenantId: actor.tenantId,
          taskId: moved.id,
          actorId: actor.userId,
          kind: 'rescheduled',
          detail: { startDate: moved.startDate, dueDate: moved.dueDate, because: current.title },
        })),
      );
  }

  private emitChanges(
    actor: ProjectsActor,
    current: TaskRow,
    patch: Pick<TaskPatch, 'assigneeId' | 'stateId'>,
    from: TaskStateView,
    to: TaskStateView,
  ): void {
    const events = this.platform.events;
    const base = { taskId: current.id, projectId: current.projectId };
    if (patch.assigneeId && patch.assigneeId !== current.assigneeId && patch.assigneeId !== actor.userId)
      events.emit('task.assigned', actor.tenantId, { ...base, assigneeId: patch.assigneeId }, actor.userId);
    if (from.group !== to.group)
      events.emit(
        'task.state_changed',
        actor.tenantId,
        { ...base, fromGroup: from.group, toGroup: to.group },
        actor.userId,
      );
    if (to.group === 'done' && from.group !== 'done')
      events.emit('task.completed', actor.tenantId, { ...base, title: current.title }, actor.userId);
  }
}
