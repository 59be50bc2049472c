import { scheduleFrom } from './scheduling.js';

interface SpanTask {
  key: string;
  durationDays: number;
  dependsOn: readonly string[];
  lagDays: number;
}

/**
 * Calendar days from a template's first start to its last end, as a project made from it would
 * take (the same forward pass that dates the project's tasks).
 */
export function templateSpanDays(template: { tasks: readonly SpanTask[] }): number {
  if (template.tasks.length === 0) return 0;
  const start = '2026-01-05';
  const plan = scheduleFrom(
    start,
    template.tasks.map((task) => ({ id: task.key, durationDays: task.durationDays })),
    template.tasks.flatMap((task) =>
      task.dependsOn.map((key) => ({ predecessorId: key, successorId: task.key, lagDays: task.lagDays })),
    ),
  );
  const last = [...plan.values()].reduce((end, span) => (span.dueDate > end ? span.dueDate : end), start);
  return Math.round((Date.parse(last) - Date.parse(start)) / 86_400_000) + 1;
}
