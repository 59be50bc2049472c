import { type DayNumber, dayOf, isoOf } from './day.js';

/**
 * Finish-to-start scheduling on calendar days. A task occupies its start and due day inclusive;
 * a dependency with lag L lets the successor start on the day after the predecessor's due date
 * plus L days. A task with only one date lasts that one day; a task without dates is not scheduled.
 */
export interface ScheduledTask {
  id: string;
  startDate: string | null;
  dueDate: string | null;
}

export interface Dependency {
  predecessorId: string;
  successorId: string;
  lagDays: number;
}

export class DependencyCycleError extends Error {
  constructor(readonly cycle: string[]) {
    super(`Abhängigkeiten bilden einen Kreis: ${cycle.join(' → ')}`);
  }
}

interface Span {
  start: DayNumber;
  end: DayNumber;
}

export function spanOf(task: ScheduledTask): Span | null {
  const start = task.startDate ?? task.dueDate;
  const end = task.dueDate ?? task.startDate;
  if (!start || !end) return null;
  return { start: dayOf(start), end: dayOf(end) };
}

function adjacency(deps: readonly Dependency[]) {
  const successors = new Map<string, Dependency[]>();
  const predecessors = new Map<string, Dependency[]>();
  for (const dep of deps) {
    successors.set(dep.predecessorId, [...(successors.get(dep.predecessorId) ?? []), dep]);
    predecessors.set(dep.successorId, [...(predecessors.get(dep.successorId) ?? []), dep]);
  }
  return { successors, predecessors };
}

/** A cycle among the dependencies as a path that returns to its first id, or null. */
export function findCycle(ids: readonly string[], deps: readonly Dependency[]): string[] | null {
  const { successors } = adjacency(deps);
  const state = new Map<string, 'open' | 'done'>();
  const all = new Set([...ids, ...deps.flatMap((d) => [d.predecessorId, d.successorId])]);
  for (const root of all) {
    if (state.has(root)) continue;
    // Iterative depth-first search: 2,000 tasks in a chain must not overflow the stack.
    const path: string[] = [];
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
    state.set(root, 'open');
    path.push(root);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { id: string; next: number };
      const out = successors.get(frame.id) ?? [];
      if (frame.next >= out.length) {
        state.set(frame.id, 'done');
        stack.pop();
        path.pop();
        continue;
      }
      const to = (out[frame.next++] as Dependency).successorId;
      const seen = state.get(to);
      if (seen === 'open') return [...path.slice(path.indexOf(to)), to];
      if (seen === 'done') continue;
      state.set(to, 'open');
      path.push(to);
      stack.push({ id: to, next: 0 });
    }
  }
  return null;
}

/** Ids in an order where every predecessor comes before its successors (Kahn). */
export function topologicalOrder(ids: readonly string[], deps: readonly Dependency[]): string[] {
  const { successors } = adjacency(deps);
  const indegree = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const dep of deps) indegree.set(dep.successorId, (indegree.get(dep.successorId) ?? 0) + 1);
  const ready = [...indegree].filter(([, n]) => n === 0).map(([id]) => id);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.pop() as string;
    order.push(id);
    for (const dep of successors.get(id) ?? []) {
      const left = (indegree.get(dep.successorId) ?? 0) - 1;
      indegree.set(dep.successorId, left);
      if (left === 0) ready.push(dep.successorId);
    }
  }
  if (order.length < indegree.size) throw new DependencyCycleError(findCycle(ids, deps) ?? []);
  return order;
}

function earliestStart(
  id: string,
  spans: Map<string, Span | null>,
  predecessors: Map<string, Dependency[]>,
): DayNumber | null {
  let earliest: DayNumber | null = null;
  for (const dep of predecessors.get(id) ?? []) {
    const span = spans.get(dep.predecessorId);
    if (!span) continue;
    const day = span.end + 1 + dep.lagDays;
    if (earliest === null || day > earliest) earliest = day;
  }
  return earliest;
}

/**
 * Dates after `moved` got new dates. A task that would start before its predecessors allow is
 * pushed later; a task that started exactly when its predecessors allowed (a tight chain)
 * follows them earlier too, so pulling the notary date forward pulls the handover along, while a
 * task the broker put later on purpose keeps its date. Durations never change. Returns every task
 * whose dates changed, the moved one included (it is held to its own predecessors, too).
 */
export function reschedule(
  tasks: readonly ScheduledTask[],
  deps: readonly Dependency[],
  moved: ScheduledTask,
): ScheduledTask[] {
  const { predecessors } = adjacency(deps);
  const order = topologicalOrder(
    tasks.map((t) => t.id),
    deps,
  );
  const before = new Map(tasks.map((t) => [t.id, spanOf(t)]));
  const tight = new Set(
    tasks
      .filter((t) => {
        const span = before.get(t.id);
        return span && span.start === earliestStart(t.id, before, predecessors);
      })
      .map((t) => t.id),
  );
  const spans = new Map(before);
  spans.set(moved.id, spanOf(moved));
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const result = new Map<string, ScheduledTask>();
  result.set(moved.id, moved);
  for (const id of order) {
    const span = spans.get(id);
    const earliest = earliestStart(id, spans, predecessors);
    if (!span || earliest === null) continue;
    const follows = tight.has(id) && id !== moved.id && span.start > earliest;
    if (span.start >= earliest && !follows) continue;
    const shift = earliest - span.start;
    const next = { start: span.start + shift, end: span.end + shift };
    spans.set(id, next);
    const task = result.get(id) ?? (byId.get(id) as ScheduledTask);
    result.set(id, {
      id,
      startDate: task.startDate === null ? null : isoOf(next.start),
      dueDate: task.dueDate === null ? null : isoOf(next.end),
    });
  }
  return [...result.values()].filter((t) => {
    const original = byId.get(t.id);
    return !original || original.startDate !== t.startDate || original.dueDate !== t.dueDate;
  });
}

export interface CriticalPath {
  /** Days each dated task can slip without moving the project's last due date. */
  floatDays: Map<string, number>;
  critical: Set<string>;
  projectEnd: string | null;
}

/**
 * The critical path of the tasks as scheduled (CPM backward pass over their actual dates): a
 * task's latest finish is the project's last due date or, earlier, the day before a successor's
 * latest start minus the lag. Tasks without slack are critical.
 */
export function criticalPath(tasks: readonly ScheduledTask[], deps: readonly Dependency[]): CriticalPath {
  const spans = new Map(tasks.map((t) => [t.id, spanOf(t)]));
  const dated = tasks.filter((t) => spans.get(t.id));
  if (dated.length === 0) return { floatDays: new Map(), critical: new Set(), projectEnd: null };
  const { successors } = adjacency(deps);
  const projectEnd = Math.max(...dated.map((t) => (spans.get(t.id) as Span).end));
  const order = topologicalOrder(
    tasks.map((t) => t.id),
    deps,
  );
  const latestStart = new Map<string, DayNumber>();
  const floatDays = new Map<string, number>();
  for (const id of order.reverse()) {
    const span = spans.get(id);
    if (!span) continue;
    let latestFinish = projectEnd;
    for (const dep of successors.get(id) ?? []) {
      const successorStart = latestStart.get(dep.successorId);
      if (successorStart !== undefined)
        latestFinish = Math.min(latestFinish, successorStart - 1 - dep.lagDays);
    }
    const start = latestFinish - (span.end - span.start);
    latestStart.set(id, start);
    floatDays.set(id, start - span.start);
  }
  const critical = new Set([...floatDays].filter(([, days]) => days <= 0).map(([id]) => id));
  return { floatDays, critical, projectEnd: isoOf(projectEnd) };
}

export interface PlannedTask {
  id: string;
  durationDays: number;
}

/**
 * Earliest dates from a start date (CPM forward pass): what a workflow template's tasks get when
 * a project is made from it. A task without predecessors starts on `startDate`.
 */
export function scheduleFrom(
  startDate: string,
  tasks: readonly PlannedTask[],
  deps: readonly Dependency[],
): Map<string, { startDate: string; dueDate: string }> {
  const { predecessors } = adjacency(deps);
  const duration = new Map(tasks.map((t) => [t.id, Math.max(1, Math.round(t.durationDays))]));
  const spans = new Map<string, Span | null>();
  const first = dayOf(startDate);
  for (const id of topologicalOrder(
    tasks.map((t) => t.id),
    deps,
  )) {
    const start = earliestStart(id, spans, predecessors) ?? first;
    spans.set(id, { start, end: start + (duration.get(id) ?? 1) - 1 });
  }
  return new Map(
    [...spans].map(([id, span]) => [
      id,
      { startDate: isoOf((span as Span).start), dueDate: isoOf((span as Span).end) },
    ]),
  );
}
