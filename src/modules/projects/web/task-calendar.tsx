import type { EventClickArg, EventDropArg } from '@fullcalendar/core';
import deLocale from '@fullcalendar/core/locales/de';
import enGbLocale from '@fullcalendar/core/locales/en-gb';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin from '@fullcalendar/interaction';
import FullCalendar from '@fullcalendar/react';
import { useTranslation } from 'react-i18next';
import type { TaskView } from '../contract.js';
import { addDays } from '../domain/day.js';
import { isOverdue } from './labels.js';
import { type Board, useMoveDates } from './use-projects.js';

/** Tasks on their days (month or week); dragging one moves its dates, dependants follow. */
export function TaskCalendar({
  board,
  canWrite,
  onOpen,
}: {
  board: Board;
  canWrite: boolean;
  onOpen: (task: TaskView) => void;
}) {
  const { i18n } = useTranslation();
  const moveDates = useMoveDates();
  const critical = new Set(board.criticalTaskIds);
  const events = board.tasks
    .filter((task) => task.startDate ?? task.dueDate)
    .map((task) => ({
      id: task.id,
      title: task.title,
      start: (task.startDate ?? task.dueDate) as string,
      // FullCalendar's all-day end is exclusive.
      end: addDays((task.dueDate ?? task.startDate) as string, 1),
      allDay: true,
      color:
        task.stateGroup === 'done'
          ? '#86efac'
          : isOverdue(task)
            ? '#dc2626'
            : critical.has(task.id)
              ? '#f59e0b'
              : '#64748b',
      textColor: task.stateGroup === 'done' ? '#14532d' : '#ffffff',
    }));
  const byId = new Map(board.tasks.map((task) => [task.id, task]));
  const onDrop = (info: EventDropArg) => {
    const task = byId.get(info.event.id);
    if (!task) return;
    const days = info.delta.days;
    moveDates(
      task.id,
      {
        ...(task.startDate ? { startDate: addDays(task.startDate, days) } : {}),
        ...(task.dueDate ? { dueDate: addDays(task.dueDate, days) } : {}),
      },
      () => info.revert(),
    );
  };
  return (
    <FullCalendar
      plugins={[dayGridPlugin, interactionPlugin]}
      initialView="dayGridMonth"
      initialDate={events.map((e) => e.start).sort()[0]}
      locale={i18n.language === 'en' ? enGbLocale : deLocale}
      headerToolbar={{ left: 'prev,next today', center: 'title', right: 'dayGridMonth,dayGridWeek' }}
      height="auto"
      events={events}
      editable={canWrite}
      eventDurationEditable={false}
      eventDrop={onDrop}
      eventClick={(info: EventClickArg) => {
        const task = byId.get(info.event.id);
        if (task) onOpen(task);
      }}
    />
  );
}
