import './gantt.css';
import Gantt, { type GanttTask } from 'frappe-gantt';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskView } from '../contract.js';
import { type Board, useMoveDates } from './use-projects.js';

type Zoom = 'Day' | 'Week' | 'Month';
const ZOOMS: Zoom[] = ['Day', 'Week', 'Month'];

/** A date the chart hands over (local midnight or the last second of a day) as `2027-03-14`. */
const dayOf = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

function barsOf(board: Board): GanttTask[] {
  const critical = new Set(board.criticalTaskIds);
  const dated = board.tasks.filter(
    (task) => (task.startDate ?? task.dueDate) && task.stateGroup !== 'cancelled',
  );
  const shown = new Set(dated.map((task) => task.id));
  return dated.map((task) => {
    const done = task.checklist.filter((item) => item.done).length;
    return {
      id: task.id,
      name: task.title,
      start: (task.startDate ?? task.dueDate) as string,
      end: (task.dueDate ?? task.startDate) as string,
      progress:
        task.stateGroup === 'done'
          ? 100
          : task.checklist.length
            ? Math.round((done / task.checklist.length) * 100)
            : 0,
      dependencies: board.dependencies
        .filter((d) => d.successorId === task.id && shown.has(d.predecessorId))
        .map((d) => d.predecessorId)
        .join(', '),
      custom_class: task.stateGroup === 'done' ? 'gantt-done' : critical.has(task.id) ? 'gantt-critical' : '',
    };
  });
}

/**
 * The project's schedule as a Gantt chart (frappe-gantt, MIT): bars drag to move and resize,
 * arrows are the dependencies, critical tasks are amber. The server moves the dependants;
 * the chart redraws from its answer, so what you see is what was saved.
 */
export function GanttView({
  board,
  canWrite,
  onOpen,
}: {
  board: Board;
  canWrite: boolean;
  onOpen: (task: TaskView) => void;
}) {
  const { t, i18n } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useState<Zoom>('Day');
  const moveDates = useMoveDates();
  const bars = barsOf(board);
  // The chart keeps its handlers from when it was drawn; they read the latest callbacks here.
  const latest = useRef({ onOpen, moveDates });
  latest.current = { onOpen, moveDates };

  useEffect(() => {
    const element = host.current;
    const bars = barsOf(board);
    if (!element || bars.length === 0) return;
    element.innerHTML = '';
    const byId = new Map(board.tasks.map((task) => [task.id, task]));
    new Gantt(element, bars, {
      view_mode: zoom,
      language: i18n.language === 'en' ? 'en' : 'de',
      readonly: !canWrite,
      readonly_progress: true,
      move_dependencies: false,
      popup: false,
      today_button: false,
      infinite_padding: false,
      scroll_to: bars.map((bar) => bar.start).sort()[0] ?? 'today',
      on_click: (bar) => {
        const task = byId.get(bar.id);
        if (task) latest.current.onOpen(task);
      },
      on_date_change: (bar, start, end) => {
        const task = byId.get(bar.id);
        if (!task) return;
        const change = {
          ...(task.startDate !== null || task.dueDate === null ? { startDate: dayOf(start) } : {}),
          ...(task.dueDate !== null || task.startDate === null ? { dueDate: dayOf(end) } : {}),
        };
        latest.current.moveDates(bar.id, change);
      },
    });
    return () => {
      element.innerHTML = '';
    };
  }, [board, zoom, canWrite, i18n.language]);

  if (bars.length === 0) return <p className="p-6 text-sm text-slate-500">{t('projects:noDates')}</p>;
  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-slate-500">{canWrite ? t('projects:ganttHint') : null}</p>
        <fieldset aria-label="Zoom" className="inline-flex rounded-lg ring-1 ring-slate-300">
          {ZOOMS.map((mode) => (
            <button
              key={mode}
              type="button"
              aria-pressed={zoom === mode}
              onClick={() => setZoom(mode)}
              className={`px-3 py-1.5 text-sm first:rounded-l-lg last:rounded-r-lg ${zoom === mode ? 'bg-brand text-white' : 'bg-white text-slate-700 hover:bg-slate-50'}`}
            >
              {t(`projects:zoom.${mode}`)}
            </button>
          ))}
        </fieldset>
      </div>
      <div
        ref={host}
        className="immoxx-gantt overflow-x-auto rounded-lg ring-1 ring-slate-200"
        data-testid="gantt"
      />
    </div>
  );
}
