import { describe, expect, it } from 'vitest';
import { addDays, dayOf } from './day.js';
import {
  criticalPath,
  type Dependency,
  DependencyCycleError,
  findCycle,
  reschedule,
  type ScheduledTask,
  scheduleFrom,
  topologicalOrder,
} from './scheduling.js';

const fs = (predecessorId: string, successorId: string, lagDays = 0): Dependency => ({
  predecessorId,
  successorId,
  lagDays,
});

/**
 * The worked CPM example "Example 1: Draw the network for the events in Table 1"
 * (https://studylib.net/doc/8378728/example-1--draw-the-network-for-the-events-in-table-1):
 * A 6, B 2 (A), C 2 (A), D 3 (B), F 2 (C), E 4 (D, F), G 1 (E). Its Table 2 gives
 * ES A 0, B 6, C 6, D 8, F 8, E 11, G 15; slack C 1, F 1, all others 0; critical path ABDEG, 16 h.
 */
const durations = { A: 6, B: 2, C: 2, D: 3, F: 2, E: 4, G: 1 };
const exampleDeps = [
  fs('A', 'B'),
  fs('A', 'C'),
  fs('B', 'D'),
  fs('C', 'F'),
  fs('D', 'E'),
  fs('F', 'E'),
  fs('E', 'G'),
];
const day0 = '2027-01-04';

describe('the published CPM example', () => {
  const planned = scheduleFrom(
    day0,
    Object.entries(durations).map(([id, durationDays]) => ({ id, durationDays })),
    exampleDeps,
  );
  const tasks: ScheduledTask[] = [...planned].map(([id, dates]) => ({ id, ...dates }));

  it('forward pass gives the table’s earliest starts', () => {
    const earliest = Object.fromEntries(
      [...planned].map(([id, d]) => [id, dayOf(d.startDate) - dayOf(day0)]),
    );
    expect(earliest).toEqual({ A: 0, B: 6, C: 6, D: 8, F: 8, E: 11, G: 15 });
    // 16 units end to end: the last day is day 15.
    expect(planned.get('G')?.dueDate).toBe(addDays(day0, 15));
  });

  it('backward pass gives the table’s slack and the critical path ABDEG', () => {
    const path = criticalPath(tasks, exampleDeps);
    expect(Object.fromEntries(path.floatDays)).toEqual({ A: 0, B: 0, C: 1, D: 0, F: 1, E: 0, G: 0 });
    expect([...path.critical].sort()).toEqual(['A', 'B', 'D', 'E', 'G']);
    expect(path.projectEnd).toBe(addDays(day0, 15));
  });

  it('moving A three days later moves every dependant by three, durations kept', () => {
    const a = tasks.find((t) => t.id === 'A') as ScheduledTask;
    const moved = { ...a, startDate: addDays(day0, 3), dueDate: addDays(day0, 8) };
    const changes = Object.fromEntries(reschedule(tasks, exampleDeps, moved).map((t) => [t.id, t]));
    expect(Object.keys(changes).sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    expect(changes.G?.startDate).toBe(addDays(day0, 18));
    expect(changes.F?.startDate).toBe(addDays(day0, 11));
    expect(dayOf(changes.D?.dueDate as string) - dayOf(changes.D?.startDate as string)).toBe(2);
  });

  it('pulling A earlier pulls the tight chain along but leaves a task planned later on purpose', () => {
    // F was put one day after C allows, so it now holds E (and G) where they are.
    const later = tasks.map((t) =>
      t.id === 'F' ? { ...t, startDate: addDays(day0, 9), dueDate: addDays(day0, 10) } : t,
    );
    const a = later.find((t) => t.id === 'A') as ScheduledTask;
    const moved = { ...a, startDate: addDays(day0, -2), dueDate: addDays(day0, 3) };
    const changes = Object.fromEntries(reschedule(later, exampleDeps, moved).map((t) => [t.id, t]));
    expect(changes.B?.startDate).toBe(addDays(day0, 4));
    expect(changes.D?.startDate).toBe(addDays(day0, 6));
    expect(changes.F).toBeUndefined();
    expect(changes.E).toBeUndefined();
    expect(changes.G).toBeUndefined();
  });
});

describe('dependencies', () => {
  it('a lag of two days starts the successor on the third day after', () => {
    const tasks = [
      { id: 'reservierung', startDate: '2027-03-01', dueDate: '2027-03-02' },
      { id: 'notar', startDate: '2027-03-03', dueDate: '2027-03-03' },
    ];
    const changes = reschedule(tasks, [fs('reservierung', 'notar', 2)], tasks[0] as ScheduledTask);
    expect(changes).toEqual([{ id: 'notar', startDate: '2027-03-05', dueDate: '2027-03-05' }]);
  });

  it('a task with only a due date moves that date', () => {
    const tasks = [
      { id: 'a', startDate: '2027-03-01', dueDate: '2027-03-10' },
      { id: 'b', startDate: null, dueDate: '2027-03-11' },
    ];
    const changes = reschedule(tasks, [fs('a', 'b')], {
      id: 'a',
      startDate: '2027-03-01',
      dueDate: '2027-03-20',
    });
    expect(changes.find((t) => t.id === 'b')).toEqual({ id: 'b', startDate: null, dueDate: '2027-03-21' });
  });

  it('refuses a cycle and names it', () => {
    const deps = [fs('a', 'b'), fs('b', 'c'), fs('c', 'a')];
    expect(findCycle(['a', 'b', 'c'], deps)).toEqual(['a', 'b', 'c', 'a']);
    expect(() => topologicalOrder(['a', 'b', 'c'], deps)).toThrow(DependencyCycleError);
    expect(findCycle(['a', 'b', 'c'], deps.slice(0, 2))).toBeNull();
  });

  it('handles a 2,000-task chain without recursion', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `t${i}`);
    const deps = ids.slice(1).map((id, i) => fs(ids[i] as string, id));
    expect(findCycle(ids, deps)).toBeNull();
    expect(findCycle(ids, [...deps, fs('t1999', 't0')])?.length).toBe(2001);
  });
});
