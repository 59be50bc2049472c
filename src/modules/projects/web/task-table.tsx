import { useTranslation } from 'react-i18next';
import { Badge } from '../../../web/components/badge.js';
import type { TaskView } from '../contract.js';
import { dueText, isOverdue, PRIORITY_TONE } from './labels.js';

/** Tasks as a table; the project column and the link column show when the list spans them. */
export function TaskTable({
  tasks,
  stateName,
  showProject = false,
  critical,
  onOpen,
}: {
  tasks: TaskView[];
  stateName?: Map<string, string>;
  showProject?: boolean;
  critical?: Set<string>;
  onOpen: (task: TaskView) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2">{t('projects:field.title')}</th>
            {showProject ? <th className="px-4 py-2">{t('projects:field.linkedTo')}</th> : null}
            <th className="px-4 py-2">{t('projects:field.state')}</th>
            <th className="px-4 py-2">{t('projects:field.priority')}</th>
            <th className="px-4 py-2">{t('projects:field.assignee')}</th>
            <th className="px-4 py-2">{t('projects:field.start')}</th>
            <th className="px-4 py-2">{t('projects:field.due')}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {tasks.map((task) => (
            <tr key={task.id} className="hover:bg-slate-50">
              <td className="px-4 py-2">
                <button
                  type="button"
                  className="text-left font-medium text-slate-900 hover:text-brand"
                  onClick={() => onOpen(task)}
                >
                  {task.title}
                </button>
                {critical?.has(task.id) ? (
                  <span className="ml-2">
                    <Badge tone="amber">{t('projects:critical')}</Badge>
                  </span>
                ) : null}
              </td>
              {showProject ? (
                <td className="px-4 py-2 text-slate-600">
                  {task.projectName ?? task.contactName ?? task.propertyTitle ?? t('projects:none')}
                </td>
              ) : null}
              <td className="px-4 py-2 text-slate-600">
                {stateName?.get(task.stateId) ?? t(`projects:group.${task.stateGroup}`)}
              </td>
              <td className="px-4 py-2">
                <Badge tone={PRIORITY_TONE[task.priority]}>{t(`projects:priority.${task.priority}`)}</Badge>
              </td>
              <td className="px-4 py-2 text-slate-600">{task.assigneeName ?? t('projects:nobody')}</td>
              <td className="px-4 py-2 text-slate-600">
                {task.startDate ? dueText({ dueDate: task.startDate }, i18n.language) : '–'}
              </td>
              <td
                className={`px-4 py-2 ${isOverdue(task) ? 'font-semibold text-red-600' : 'text-slate-600'}`}
              >
                {task.dueDate ? dueText(task, i18n.language) : '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
