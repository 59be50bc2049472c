import type { TemplateTask } from '../contract.js';
import { findCycle } from './scheduling.js';

/** What is wrong with a template's tasks, in German, or null: keys unique, links known, no cycle. */
export function templateProblem(
  tasks: readonly TemplateTask[],
  knownCategories: readonly string[],
): string | null {
  const keys = new Set<string>();
  for (const task of tasks) {
    if (keys.has(task.key)) return `Der Schlüssel „${task.key}“ kommt zweimal vor.`;
    keys.add(task.key);
  }
  for (const task of tasks) {
    const unknown = task.dependsOn.find((key) => !keys.has(key));
    if (unknown) return `„${task.title}“ hängt von „${unknown}“ ab, das es in der Vorlage nicht gibt.`;
    if (task.dependsOn.includes(task.key)) return `„${task.title}“ kann nicht von sich selbst abhängen.`;
    if (task.documentCategory && !knownCategories.includes(task.documentCategory))
      return `„${task.title}“: Die Dokumentkategorie „${task.documentCategory}“ gibt es nicht.`;
  }
  const cycle = findCycle(
    tasks.map((t) => t.key),
    tasks.flatMap((t) => t.dependsOn.map((p) => ({ predecessorId: p, successorId: t.key, lagDays: 0 }))),
  );
  if (cycle) {
    const title = new Map(tasks.map((t) => [t.key, t.title]));
    return `Die Abhängigkeiten bilden einen Kreis: ${cycle.map((k) => title.get(k) ?? k).join(' → ')}.`;
  }
  return null;
}
