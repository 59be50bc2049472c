import { CalendarClock, CheckSquare, Flame, Link2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../web/components/badge.js';
import type { TaskView } from '../contract.js';
import { dueText, initials, isOverdue, PRIORITY_TONE } from './labels.js';

/** A task on the board: title, priority, who, when, checklist progress; critical ones marked. */
export function TaskCard({
  task,
  critical,
  lifted = false,
  onOpen,
}: {
  task: TaskView;
  critical: boolean;
  lifted?: boolean;
  onOpen?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const done = task.checklist.filter((item) => item.done).length;
  const overdue = isOverdue(task);
  const link = task.contactName ?? task.propertyTitle;
  return (
    <div
      className={`rounded-lg bg-white p-3 text-sm shadow-sm ring-1 ${critical ? 'ring-amber-400' : 'ring-slate-200'} ${
        lifted ? 'rotate-1 shadow-lg' : ''
      }`}
    >
      <button
        type="button"
        onClick={onOpen}
        // Enter on the title opens the task; the card itself (Space) picks it up for moving.
        onKeyDown={(e) => e.stopPropagation()}
        className="text-left font-medium text-slate-900 hover:text-brand"
      >
        {task.title}
      </button>
      <div className="mt-2 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
        {task.priority !== 'medium' ? (
          <Badge tone={PRIORITY_TONE[task.priority]}>{t(`projects:priority.${task.priority}`)}</Badge>
        ) : null}
        {critical ? (
          <span
            className="inline-flex items-center gap-0.5 text-amber-700"
            title={t('projects:criticalHint')}
          >
            <Flame className="size-3.5" aria-hidden="true" />
            {t('projects:critical')}
          </span>
        ) : null}
        {task.dueDate ? (
          <span className={`inline-flex items-center gap-0.5 ${overdue ? 'font-semibold text-red-600' : ''}`}>
            <CalendarClock className="size-3.5" aria-hidden="true" />
            {dueText(task, i18n.language)}
          </span>
        ) : null}
        {task.checklist.length > 0 ? (
          <span className="inline-flex items-center gap-0.5">
            <CheckSquare className="size-3.5" aria-hidden="true" />
            {done}/{task.checklist.length}
          </span>
        ) : null}
        {link ? (
          <span className="inline-flex max-w-40 items-center gap-0.5 truncate">
            <Link2 className="size-3.5" aria-hidden="true" />
            {link}
          </span>
        ) : null}
        {task.assigneeName ? (
          <span
            className="ml-auto inline-flex size-6 items-center justify-center rounded-full bg-brand/10 text-[11px] font-semibold text-brand"
            title={task.assigneeName}
          >
            {initials(task.assigneeName)}
          </span>
        ) : null}
      </div>
    </div>
  );
}
