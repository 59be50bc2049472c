import {
  type CollisionDetection,
  closestCorners,
  DndContext,
  type DragEndEvent,
  type DragOverEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import type { TaskStateView, TaskView } from '../contract.js';
import { TaskCard } from './task-card.js';
import { type Board, useInvalidateTasks } from './use-projects.js';

type Columns = Record<string, TaskView[]>;

/**
 * What the pointer is over decides (a card before its column), so an empty column next to a full
 * one can be hit; without a pointer (keyboard), the nearest corners as usual.
 */
const collision: CollisionDetection = (args) => {
  const under = pointerWithin(args);
  const cards = under.filter((c) => !String(c.id).startsWith('column:'));
  if (cards.length > 0) return cards;
  if (under.length > 0) return under;
  return closestCorners(args);
};

const columnsOf = (board: Board): Columns =>
  Object.fromEntries(
    board.states.map((s) => [s.id, board.tasks.filter((t) => t.stateId === s.id && !t.parentId)]),
  );

const columnOfTask = (columns: Columns, id: string) =>
  Object.keys(columns).find((key) => columns[key]?.some((t) => t.id === id));

/**
 * One column per office state; cards drag between columns and within one (mouse, touch or
 * keyboard). A drop sends one move — the state and the card it lands below — and nothing else.
 */
export function KanbanBoard({
  board,
  canWrite,
  onOpen,
}: {
  board: Board;
  canWrite: boolean;
  onOpen: (task: TaskView) => void;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateTasks();
  const [columns, setColumns] = useState<Columns>(() => columnsOf(board));
  const [dragging, setDragging] = useState<TaskView | null>(null);
  useEffect(() => setColumns(columnsOf(board)), [board]);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const stateName = useMemo(() => new Map(board.states.map((s) => [s.id, s.name])), [board.states]);
  const critical = useMemo(() => new Set(board.criticalTaskIds), [board.criticalTaskIds]);

  const containerOf = (id: string) => (id.startsWith('column:') ? id.slice(7) : columnOfTask(columns, id));

  const onDragStart = (event: DragStartEvent) =>
    setDragging(board.tasks.find((task) => task.id === event.active.id) ?? null);

  const onDragOver = ({ active, over }: DragOverEvent) => {
    if (!over) return;
    const from = containerOf(String(active.id));
    const to = containerOf(String(over.id));
    if (!from || !to || from === to) return;
    setColumns((current) => {
      const moving = current[from]?.find((task) => task.id === active.id);
      if (!moving) return current;
      const target = current[to] ?? [];
      const overIndex = target.findIndex((task) => task.id === over.id);
      const index = overIndex < 0 ? target.length : overIndex;
      return {
        ...current,
        [from]: (current[from] ?? []).filter((task) => task.id !== active.id),
        [to]: [...target.slice(0, index), { ...moving, stateId: to }, ...target.slice(index)],
      };
    });
  };

  const onDragEnd = async ({ active, over }: DragEndEvent) => {
    setDragging(null);
    if (!over) return;
    const column = containerOf(String(active.id));
    if (!column) return;
    let list = columns[column] ?? [];
    const from = list.findIndex((task) => task.id === active.id);
    const to =
      over.id === `column:${column}` ? list.length - 1 : list.findIndex((task) => task.id === over.id);
    if (to >= 0 && from !== to) {
      const reordered = [...list];
      const [moved] = reordered.splice(from, 1);
      if (moved) reordered.splice(to, 0, moved);
      list = reordered;
      setColumns((current) => ({ ...current, [column]: list }));
    }
    const index = list.findIndex((task) => task.id === active.id);
    const original = board.tasks.find((task) => task.id === active.id);
    const afterId = index > 0 ? (list[index - 1]?.id ?? null) : null;
    const originalAbove = original
      ? board.tasks.filter((task) => task.stateId === original.stateId && !task.parentId)
      : [];
    const unchanged =
      original?.stateId === column &&
      (originalAbove[originalAbove.findIndex((task) => task.id === original.id) - 1]?.id ?? null) === afterId;
    if (unchanged) return;
    try {
      await api(`/projects/tasks/${active.id}/move`, { method: 'POST', body: { stateId: column, afterId } });
    } catch (error) {
      toast.error(errorMessage(error, t));
      setColumns(columnsOf(board));
    }
    await invalidate();
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collision}
      // Scroll the board sideways only at its very edge, so a column in view can be hit without it sliding away.
      autoScroll={{ threshold: { x: 0.08, y: 0.2 } }}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={(event) => void onDragEnd(event)}
      onDragCancel={() => {
        setDragging(null);
        setColumns(columnsOf(board));
      }}
      accessibility={{
        screenReaderInstructions: { draggable: t('projects:moveHint') },
        announcements: {
          onDragStart: ({ active }) => `${board.tasks.find((x) => x.id === active.id)?.title ?? ''}`,
          onDragOver: ({ over }) =>
            over
              ? t('projects:columnOf', { name: stateName.get(containerOf(String(over.id)) ?? '') ?? '' })
              : '',
          onDragEnd: ({ over }) =>
            over
              ? t('projects:columnOf', { name: stateName.get(containerOf(String(over.id)) ?? '') ?? '' })
              : '',
          onDragCancel: () => t('projects:cancel'),
        },
      }}
    >
      <div className="flex gap-3 overflow-x-auto pb-4" data-testid="kanban">
        {board.states.map((state) => (
          <Column
            key={state.id}
            state={state}
            tasks={columns[state.id] ?? []}
            canWrite={canWrite}
            critical={critical}
            onOpen={onOpen}
          />
        ))}
      </div>
      <DragOverlay>
        {dragging ? <TaskCard task={dragging} critical={critical.has(dragging.id)} lifted /> : null}
      </DragOverlay>
    </DndContext>
  );
}

function Column({
  state,
  tasks,
  canWrite,
  critical,
  onOpen,
}: {
  state: TaskStateView;
  tasks: TaskView[];
  canWrite: boolean;
  critical: Set<string>;
  onOpen: (task: TaskView) => void;
}) {
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: `column:${state.id}`, disabled: !canWrite });
  return (
    <section
      ref={setNodeRef}
      aria-label={t('projects:columnOf', { name: state.name })}
      data-state={state.name}
      className={`flex w-72 shrink-0 flex-col rounded-xl bg-slate-100/80 p-2 ${isOver ? 'ring-2 ring-brand/40' : ''}`}
    >
      <h3 className="flex items-center justify-between px-2 py-1.5 text-sm font-semibold text-slate-700">
        {state.name}
        <span className="rounded-full bg-white px-2 text-xs font-medium text-slate-500">{tasks.length}</span>
      </h3>
      <SortableContext items={tasks.map((task) => task.id)} strategy={verticalListSortingStrategy}>
        <ul className="flex min-h-16 flex-col gap-2">
          {tasks.length === 0 ? (
            <li className="px-2 py-4 text-center text-xs text-slate-400">{t('projects:emptyColumn')}</li>
          ) : null}
          {tasks.map((task) => (
            <SortableCard
              key={task.id}
              task={task}
              disabled={!canWrite}
              critical={critical.has(task.id)}
              onOpen={onOpen}
            />
          ))}
        </ul>
      </SortableContext>
    </section>
  );
}

function SortableCard({
  task,
  disabled,
  critical,
  onOpen,
}: {
  task: TaskView;
  disabled: boolean;
  critical: boolean;
  onOpen: (task: TaskView) => void;
}) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: task.id,
    disabled,
  });
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={isDragging ? 'opacity-40' : ''}
      data-task={task.title}
      {...attributes}
      {...listeners}
    >
      <TaskCard task={task} critical={critical} onOpen={() => onOpen(task)} />
    </li>
  );
}
