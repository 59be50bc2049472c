import { useQuery } from '@tanstack/react-query';
import { CalendarCheck2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatTime } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { Card } from '../../../web/components/card.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { TaskView } from '../contract.js';
import { dueText } from './labels.js';

interface MyDayData {
  today: string;
  overdue: TaskView[];
  dueToday: TaskView[];
  thisWeek: TaskView[];
  viewings: { id: string; propertyTitle: string; startsAt: string; contacts: { displayName: string }[] }[];
}

export const useMyDay = () =>
  useQuery({
    queryKey: ['projects', 'my-day'],
    queryFn: () => api<MyDayData>('/projects/my-day'),
    refetchInterval: 60_000,
  });

/** The signed-in user's overdue, today's and this week's tasks, and the viewings ahead. */
export function MyDay({ onOpen, compact = false }: { onOpen?: (task: TaskView) => void; compact?: boolean }) {
  const { t } = useTranslation();
  const day = useMyDay();
  return (
    <Card title={t('projects:myDay.title')}>
      <QueryState query={day}>
        {(data) => {
          const empty =
            !data.overdue.length && !data.dueToday.length && !data.thisWeek.length && !data.viewings.length;
          if (empty)
            return (
              <p className="flex items-center gap-2 text-sm text-slate-500">
                <CalendarCheck2 className="size-5 text-emerald-600" aria-hidden="true" />
                {t('projects:myDay.nothing')}
              </p>
            );
          return (
            <div
              className={`grid min-w-0 gap-5 ${compact ? 'md:grid-cols-2' : 'md:grid-cols-2 xl:grid-cols-4'}`}
            >
              <TaskGroup
                title={t('projects:myDay.overdue')}
                tone="text-red-600"
                tasks={data.overdue}
                onOpen={onOpen}
                limit={compact ? 5 : 50}
              />
              <TaskGroup
                title={t('projects:myDay.today')}
                tone="text-slate-900"
                tasks={data.dueToday}
                onOpen={onOpen}
                limit={compact ? 5 : 50}
              />
              <Viewings viewings={data.viewings} limit={compact ? 4 : 50} />
              <TaskGroup
                title={t('projects:myDay.week')}
                tone="text-slate-900"
                tasks={data.thisWeek}
                onOpen={onOpen}
                limit={compact ? 5 : 50}
              />
              {compact ? (
                <Link to="/aufgaben" className="text-sm font-medium text-brand hover:underline">
                  {t('projects:myDay.all')} →
                </Link>
              ) : null}
            </div>
          );
        }}
      </QueryState>
    </Card>
  );
}

function TaskGroup({
  title,
  tone,
  tasks,
  onOpen,
  limit,
}: {
  title: string;
  tone: string;
  tasks: TaskView[];
  onOpen: ((task: TaskView) => void) | undefined;
  limit: number;
}) {
  const { i18n } = useTranslation();
  if (tasks.length === 0) return null;
  return (
    <section className="min-w-0">
      <h3 className={`mb-1.5 text-xs font-semibold uppercase tracking-wide ${tone}`}>
        {title} ({tasks.length})
      </h3>
      <ul className="space-y-2 text-sm">
        {tasks.slice(0, limit).map((task) => (
          <li key={task.id} className="min-w-0">
            {onOpen ? (
              <button
                type="button"
                className="text-left font-medium text-slate-800 hover:text-brand"
                onClick={() => onOpen(task)}
              >
                {task.title}
              </button>
            ) : (
              <Link
                className="font-medium text-slate-800 hover:text-brand"
                to={task.projectId ? `/projekte/${task.projectId}` : '/aufgaben'}
              >
                {task.title}
              </Link>
            )}
            <p className="truncate text-xs text-slate-500">
              {[dueText(task, i18n.language), task.projectName ?? task.contactName ?? task.propertyTitle]
                .filter(Boolean)
                .join(' · ')}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Viewings({ viewings, limit }: { viewings: MyDayData['viewings']; limit: number }) {
  const { t, i18n } = useTranslation();
  if (viewings.length === 0) return null;
  return (
    <section className="min-w-0">
      <h3 className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-900">
        {t('projects:myDay.viewings')} ({viewings.length})
      </h3>
      <ul className="space-y-2 text-sm">
        {viewings.slice(0, limit).map((v) => (
          <li key={v.id} className="min-w-0">
            <Link to="/besichtigungen" className="font-medium text-slate-800 hover:text-brand">
              {v.propertyTitle}
            </Link>
            <p className="truncate text-xs text-slate-500">
              {new Date(v.startsAt).toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'de-DE', {
                weekday: 'short',
                timeZone: 'Europe/Berlin',
              })}{' '}
              {formatTime(v.startsAt, i18n.language)}
              {v.contacts.length ? ` · ${v.contacts.map((c) => c.displayName).join(', ')}` : ''}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
