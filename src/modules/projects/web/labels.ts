import { formatDate } from '../../../platform/format/format-de.js';
import type { TaskView } from '../contract.js';
import { todayInBerlin } from '../domain/day.js';

export const PRIORITY_TONE = { low: 'gray', medium: 'blue', high: 'amber', urgent: 'red' } as const;

/** Today as the browser's Berlin calendar day, to mark overdue tasks the way the server does. */
export const todayIso = () =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(new Date());

export const isOpen = (task: Pick<TaskView, 'stateGroup'>) =>
  task.stateGroup !== 'done' && task.stateGroup !== 'cancelled';

export const isOverdue = (task: Pick<TaskView, 'stateGroup' | 'dueDate'>) =>
  isOpen(task) && task.dueDate !== null && task.dueDate < todayInBerlin();

export const dueText = (task: Pick<TaskView, 'dueDate'>, lang: string) =>
  task.dueDate ? formatDate(task.dueDate, lang) : '';

export const initials = (name: string | null) =>
  (name ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');
