// Projects at scale on the embedded defaults: one project with 2,000 tasks and 3,000
// finish-to-start dependencies — the Kanban/Gantt data, a task list page and auto-scheduling after
// the first task moves (every task follows) through HTTP, next to the pure scheduling functions;
// then an office with 100 automation rules fed 1,000 events a minute: run lag p95 and backlog.
//   npm run bench:projects   (BENCH_AUTOMATION_SECONDS=60 by default)
import { eq } from 'drizzle-orm';
import { addDays, todayInBerlin } from '../src/modules/projects/domain/day.js';
import {
  criticalPath,
  type Dependency,
  reschedule,
  scheduleFrom,
} from '../src/modules/projects/domain/scheduling.js';
import { automationRun, project, projectTask, taskDependency } from '../src/modules/projects/schema.js';
import { firstOfGroup, officeStates } from '../src/modules/projects/server/task-states.js';
import { percentile } from './bench-server.js';
import { startInProcess } from './in-process.js';

const TASKS = 2000;
const DEPENDENCIES = 3000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const AUTOMATION_SECONDS = Number(process.env.BENCH_AUTOMATION_SECONDS ?? 60);
const EVENTS_PER_MINUTE = 1000;
const RULES = 100;

const summary = (label: string, samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  console.log(
    `${label}: n=${sorted.length} p50=${percentile(sorted, 50).toFixed(1)} ms p95=${percentile(sorted, 95).toFixed(1)} ms`,
  );
};

/** A chain through all tasks (so moving the first moves every one) plus short forward links. */
function graph(ids: string[]): Dependency[] {
  const deps: Dependency[] = ids
    .slice(1)
    .map((id, i) => ({ predecessorId: ids[i] as string, successorId: id, lagDays: 0 }));
  const seen = new Set(deps.map((d) => `${d.predecessorId}>${d.successorId}`));
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  while (deps.length < DEPENDENCIES) {
    const a = Math.floor(random() * (ids.length - 2));
    const b = Math.min(ids.length - 1, a + 2 + Math.floor(random() * 40));
    const key = `${ids[a]}>${ids[b]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    deps.push({
      predecessorId: ids[a] as string,
      successorId: ids[b] as string,
      lagDays: random() < 0.2 ? 1 : 0,
    });
  }
  return deps;
}

const { as, platform, close } = await startInProcess('projects', {});
try {
  const created = await as('POST', '/api/projects', { name: 'Großprojekt', status: 'active' });
  const projectId = created.json().id as string;
  const tenantId = (
    await platform.database.db
      .select({ tenantId: project.tenantId })
      .from(project)
      .where(eq(project.id, projectId))
  )[0]?.tenantId as string;
  const ids = Array.from({ length: TASKS }, () => crypto.randomUUID());
  const deps = graph(ids);
  const start = todayInBerlin();
  const dates = scheduleFrom(
    start,
    ids.map((id, i) => ({ id, durationDays: 1 + (i % 3) })),
    deps,
  );
  await platform.database.withTenant(tenantId, async (tx) => {
    const states = await officeStates(tx, tenantId);
    const todo = firstOfGroup(states, 'todo');
    for (let i = 0; i < ids.length; i += 500)
      await tx.insert(projectTask).values(
        ids.slice(i, i + 500).map((id, j) => ({
          id,
          tenantId,
          projectId,
          title: `Aufgabe ${i + j + 1}`,
          stateId: todo.id,
          position: (i + j + 1) * 1024,
          ...dates.get(id),
        })),
      );
    for (let i = 0; i < deps.length; i += 500)
      await tx
        .insert(taskDependency)
        .values(deps.slice(i, i + 500).map((d) => ({ tenantId, projectId, ...d })));
  });
  console.log(
    `project: ${TASKS} tasks, ${deps.length} dependencies, ${dates.get(ids.at(-1) as string)?.dueDate} last due`,
  );

  const tasks = ids.map((id) => ({ id, ...(dates.get(id) as { startDate: string; dueDate: string }) }));
  const pureCritical: number[] = [];
  const pureMove: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    let t0 = performance.now();
    criticalPath(tasks, deps);
    pureCritical.push(performance.now() - t0);
    t0 = performance.now();
    reschedule(tasks, deps, {
      ...(tasks[0] as (typeof tasks)[number]),
      dueDate: addDays(tasks[0]?.dueDate as string, 1),
    });
    pureMove.push(performance.now() - t0);
  }
  summary('criticalPath alone (2,000 tasks)', pureCritical);
  summary('reschedule alone (first task +1 day)', pureMove);

  const board: number[] = [];
  const list: number[] = [];
  let boardBytes = 0;
  for (let i = 0; i < ROUNDS; i++) {
    let t0 = performance.now();
    const res = await as('GET', `/api/projects/${projectId}/board`);
    if (res.statusCode !== 200) throw new Error(res.body);
    board.push(performance.now() - t0);
    boardBytes = res.body.length;
    t0 = performance.now();
    const page = await as('GET', `/api/projects/tasks?projectId=${projectId}&pageSize=100&open=true`);
    if (page.statusCode !== 200) throw new Error(page.body);
    list.push(performance.now() - t0);
  }
  summary(`GET board (Kanban + Gantt data, ${(boardBytes / 1024 / 1024).toFixed(1)} MB)`, board);
  summary('GET tasks page (100 of 2,000, open)', list);

  const moves: number[] = [];
  let moved = 0;
  for (let i = 0; i < Math.min(ROUNDS, 10); i++) {
    const due = (await as('GET', `/api/projects/tasks/${ids[0]}`)).json().dueDate as string;
    const t0 = performance.now();
    const res = await as('PATCH', `/api/projects/tasks/${ids[0]}`, {
      dueDate: addDays(due, i % 2 === 0 ? 1 : -1),
    });
    if (res.statusCode !== 200) throw new Error(res.body);
    moves.push(performance.now() - t0);
    moved = Math.max(moved, res.json().rescheduled.length);
  }
  summary(`PATCH first task ±1 day (auto-scheduling moves ${moved} dependants)`, moves);

  // Automation: 100 rules, each listening for its own task title; 1,000 events a minute.
  for (let k = 0; k < RULES; k++) {
    const res = await as('POST', '/api/projects/automation/rules', {
      name: `Regel ${k}`,
      trigger: 'task.due',
      conditions: [{ field: 'title', op: 'equals', value: `Aufgabe ${k + 1}` }],
      actions: [
        { type: 'timeline_note', text: `Fällig: Aufgabe ${k + 1}` },
        { type: 'notify', recipients: ['owners'], title: `Fällig: Aufgabe ${k + 1}` },
      ],
    });
    if (res.statusCode !== 201) throw new Error(res.body);
  }
  const total = Math.round((EVENTS_PER_MINUTE * AUTOMATION_SECONDS) / 60);
  const interval = 60_000 / EVENTS_PER_MINUTE;
  const began = Date.now();
  const backlog: number[] = [];
  const queued = async () =>
    (
      await platform.database.withTenant(tenantId, (tx) =>
        tx.select({ id: automationRun.id }).from(automationRun).where(eq(automationRun.status, 'queued')),
      )
    ).length;
  for (let n = 0; n < total; n++) {
    const k = n % RULES;
    platform.events.emit('task.due', tenantId, {
      taskId: ids[k] as string,
      projectId,
      title: `Aufgabe ${k + 1}`,
    });
    const wait = began + (n + 1) * interval - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (n % EVENTS_PER_MINUTE === EVENTS_PER_MINUTE / 10 - 1 || n % 100 === 99) backlog.push(await queued());
  }
  let left = await queued();
  const drainStart = Date.now();
  while (left > 0 && Date.now() - drainStart < 120_000) {
    await new Promise((r) => setTimeout(r, 500));
    left = await queued();
  }
  const runs = await platform.database.withTenant(tenantId, (tx) => tx.select().from(automationRun));
  const lags = runs
    .filter((r) => r.finishedAt)
    .map((r) => (r.finishedAt as Date).getTime() - r.eventAt.getTime());
  summary(
    `automation: ${total} events in ${AUTOMATION_SECONDS} s, ${RULES} rules → run lag (event → done)`,
    lags,
  );
  console.log(
    `automation backlog (queued runs, sampled every 100 events): ${backlog.join(', ')}; after the load ${left} left, ${runs.filter((r) => r.status === 'failed').length} failed, drained in ${Date.now() - drainStart} ms`,
  );
} finally {
  await close();
}
