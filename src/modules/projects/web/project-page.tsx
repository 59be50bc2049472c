import { useMutation } from '@tanstack/react-query';
import { Plus, Trash2 } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import { formatDate } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { useUrlFilters } from '../../../web/api/use-url-filters.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { ConfirmDialog } from '../../../web/components/confirm-dialog.js';
import { QueryState } from '../../../web/components/query-state.js';
import { PROJECT_STATUSES, type TaskView } from '../contract.js';
import { BackToProjects } from './back-to-projects.js';
import { GanttView } from './gantt-view.js';
import { KanbanBoard } from './kanban-board.js';
import { TaskCalendar } from './task-calendar.js';
import { TaskDialog } from './task-dialog.js';
import { TaskTable } from './task-table.js';
import { useBoard, useInvalidateTasks } from './use-projects.js';

const TABS = ['kanban', 'list', 'gantt', 'calendar'] as const;

/** One project: its header and four views of the same tasks (Kanban, list, Gantt, calendar). */
export function ProjectPage() {
  const { projectId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { params, setFilter, setParams } = useUrlFilters();
  const tab = (TABS as readonly string[]).includes(params.get('ansicht') ?? '')
    ? (params.get('ansicht') as (typeof TABS)[number])
    : 'kanban';
  const board = useBoard(projectId);
  const me = useMe().data;
  const canWrite = hasPermission(me, 'projects.write');
  const invalidate = useInvalidateTasks();
  const [editing, setEditing] = useState<TaskView | null>(null);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState(false);
  // A notification links to `?aufgabe=<id>`: open that task once the board is there.
  const linkedTask = params.get('aufgabe');
  useEffect(() => {
    const task = linkedTask ? board.data?.tasks.find((x) => x.id === linkedTask) : undefined;
    if (task) setEditing(task);
  }, [linkedTask, board.data]);
  const critical = useMemo(() => new Set(board.data?.criticalTaskIds ?? []), [board.data]);
  const stateName = useMemo(
    () => new Map((board.data?.states ?? []).map((s) => [s.id, s.name])),
    [board.data],
  );

  const setStatus = useMutation({
    mutationFn: (status: string) => api(`/projects/${projectId}`, { method: 'PATCH', body: { status } }),
    onSuccess: () => void invalidate(),
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const remove = useMutation({
    mutationFn: () => api(`/projects/${projectId}`, { method: 'DELETE' }),
    onSuccess: () => {
      void invalidate();
      navigate('/projekte');
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });

  return (
    <QueryState query={board}>
      {(data) => {
        const done = data.tasks.filter((task) => task.stateGroup === 'done').length;
        return (
          <>
            <BackToProjects />
            <div className="mb-4 flex flex-wrap items-start justify-between gap-4">
              <div>
                <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{data.project.name}</h1>
                <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-500">
                  <Badge tone="brand">{t(`projects:type.${data.project.type}`)}</Badge>
                  {data.project.propertyId ? (
                    <Link className="hover:text-brand" to={`/objekte/${data.project.propertyId}`}>
                      {data.project.propertyTitle}
                    </Link>
                  ) : null}
                  <span>
                    {formatDate(data.project.startDate, i18n.language)} –{' '}
                    {formatDate(data.project.endDate, i18n.language)}
                  </span>
                  <span>{t('projects:progress', { done, total: data.tasks.length })}</span>
                  {data.project.overdueTaskCount > 0 ? (
                    <Badge tone="red">
                      {t('projects:overdueCount', { count: data.project.overdueTaskCount })}
                    </Badge>
                  ) : null}
                </p>
              </div>
              <div className="flex flex-wrap items-end gap-2">
                <label className="text-sm text-slate-600">
                  <span className="sr-only">{t('projects:field.status')}</span>
                  <select
                    className="rounded-lg border-0 py-2 pl-3 pr-8 text-sm ring-1 ring-inset ring-slate-300"
                    value={data.project.status}
                    disabled={!canWrite}
                    aria-label={t('projects:field.status')}
                    onChange={(e) => setStatus.mutate(e.target.value)}
                  >
                    {PROJECT_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {t(`projects:status.${s}`)}
                      </option>
                    ))}
                  </select>
                </label>
                {canWrite ? (
                  <>
                    <Button icon={<Plus className="size-4" />} onClick={() => setCreating(true)}>
                      {t('projects:newTask')}
                    </Button>
                    <Button
                      variant="ghost"
                      icon={<Trash2 className="size-4" />}
                      aria-label={t('projects:deleteProject')}
                      onClick={() => setDeleting(true)}
                    />
                  </>
                ) : null}
              </div>
            </div>
            <div role="tablist" className="mb-4 flex gap-1 overflow-x-auto border-b border-slate-200">
              {TABS.map((id) => (
                <button
                  key={id}
                  type="button"
                  role="tab"
                  aria-selected={tab === id}
                  onClick={() => setParams(id === 'kanban' ? {} : { ansicht: id }, { replace: true })}
                  className={`-mb-px shrink-0 border-b-2 px-4 py-2 text-sm font-medium ${
                    tab === id
                      ? 'border-brand text-brand'
                      : 'border-transparent text-slate-500 hover:text-slate-800'
                  }`}
                >
                  {t(`projects:tabs.${id}`)}
                </button>
              ))}
            </div>
            <div role="tabpanel">
              {data.tasks.length === 0 ? (
                <p className="rounded-xl bg-white p-8 text-center text-sm text-slate-500 ring-1 ring-slate-200">
                  {t('projects:noTasks')}
                </p>
              ) : null}
              {data.tasks.length > 0 && tab === 'kanban' ? (
                <KanbanBoard board={data} canWrite={canWrite} onOpen={setEditing} />
              ) : null}
              {data.tasks.length > 0 && tab === 'list' ? (
                <div className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
                  <TaskTable
                    tasks={data.tasks}
                    stateName={stateName}
                    critical={critical}
                    onOpen={setEditing}
                  />
                </div>
              ) : null}
              {data.tasks.length > 0 && tab === 'gantt' ? (
                <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
                  <GanttView board={data} canWrite={canWrite} onOpen={setEditing} />
                </div>
              ) : null}
              {data.tasks.length > 0 && tab === 'calendar' ? (
                <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
                  <TaskCalendar board={data} canWrite={canWrite} onOpen={setEditing} />
                </div>
              ) : null}
            </div>
            <TaskDialog
              open={creating || editing !== null}
              task={editing}
              links={{ projectId }}
              board={data}
              canWrite={canWrite}
              onClose={() => {
                setCreating(false);
                setEditing(null);
                if (linkedTask) setFilter('aufgabe', '');
              }}
            />
            <ConfirmDialog
              open={deleting}
              title={t('projects:deleteProject')}
              text={t('projects:deleteProjectText')}
              confirmLabel={t('projects:delete')}
              busy={remove.isPending}
              onConfirm={() => remove.mutate()}
              onClose={() => setDeleting(false)}
            />
          </>
        );
      }}
    </QueryState>
  );
}
