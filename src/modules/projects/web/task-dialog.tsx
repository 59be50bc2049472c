import { useMutation } from '@tanstack/react-query';
import { Plus, Trash2, X } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Button } from '../../../web/components/button.js';
import { ConfirmDialog } from '../../../web/components/confirm-dialog.js';
import { SelectField, TextAreaField, TextField } from '../../../web/components/field.js';
import { Modal } from '../../../web/components/modal.js';
import { useMembers } from '../../crm/web/use-members.js';
import { type ChecklistItem, TASK_PRIORITIES, type TaskView } from '../contract.js';
import { TaskComments } from './task-comments.js';
import { TaskDependencies } from './task-dependencies.js';
import { TaskHistory } from './task-history.js';
import { type Board, type TaskChange, useInvalidateTasks } from './use-projects.js';

interface Links {
  projectId?: string | null;
  contactId?: string | null;
  propertyId?: string | null;
  viewingId?: string | null;
}

const newItemId = () => Math.random().toString(36).slice(2, 10);

/**
 * Create or edit a task: title, priority, status, who, when, checklist; in a project also its
 * predecessors. Saving new dates answers with the dependants that moved along.
 */
export function TaskDialog({
  open,
  task,
  links = {},
  board,
  canWrite,
  onClose,
}: {
  open: boolean;
  task: TaskView | null;
  links?: Links;
  board?: Board;
  canWrite: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      wide
      title={task ? t('projects:editTask') : t(links.projectId ? 'projects:newTask' : 'projects:newFollowUp')}
      onClose={onClose}
    >
      {open ? (
        <TaskForm
          key={task?.id ?? 'new'}
          task={task}
          links={links}
          board={board}
          canWrite={canWrite}
          onClose={onClose}
        />
      ) : null}
    </Modal>
  );
}

function TaskForm({
  task,
  links,
  board,
  canWrite,
  onClose,
}: {
  task: TaskView | null;
  links: Links;
  board?: Board | undefined;
  canWrite: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateTasks();
  const members = useMembers();
  const [title, setTitle] = useState(task?.title ?? '');
  const [description, setDescription] = useState(task?.description ?? '');
  const [priority, setPriority] = useState<string>(task?.priority ?? 'medium');
  const [stateId, setStateId] = useState(task?.stateId ?? '');
  const [assigneeId, setAssigneeId] = useState(task?.assigneeId ?? '');
  const [startDate, setStartDate] = useState(task?.startDate ?? '');
  const [dueDate, setDueDate] = useState(task?.dueDate ?? '');
  const [estimate, setEstimate] = useState(task?.estimateHours?.toString().replace('.', ',') ?? '');
  const [checklist, setChecklist] = useState<ChecklistItem[]>(task?.checklist ?? []);
  const [newItem, setNewItem] = useState('');
  const [deleting, setDeleting] = useState(false);
  const datesWrong = Boolean(startDate && dueDate && dueDate < startDate);
  const addItem = () => {
    if (newItem.trim())
      setChecklist((list) => [...list, { id: newItemId(), text: newItem.trim(), done: false }]);
    setNewItem('');
  };

  const save = useMutation({
    mutationFn: async () => {
      const body = {
        title,
        description,
        priority,
        assigneeId: assigneeId || null,
        startDate: startDate || null,
        dueDate: dueDate || null,
        estimateHours: estimate ? Number(estimate.replace(',', '.')) : null,
        checklist,
        ...(stateId ? { stateId } : {}),
      };
      if (task) return api<TaskChange>(`/projects/tasks/${task.id}`, { method: 'PATCH', body });
      return {
        task: await api<TaskView>('/projects/tasks', { method: 'POST', body: { ...body, ...links } }),
        rescheduled: [],
      };
    },
    onSuccess: (change) => {
      toast.success(
        change.rescheduled.length > 0
          ? t('projects:rescheduled', { count: change.rescheduled.length })
          : t('projects:saved'),
      );
      void invalidate();
      onClose();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const remove = useMutation({
    mutationFn: () => api(`/projects/tasks/${task?.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void invalidate();
      onClose();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!datesWrong) save.mutate();
  };

  return (
    <form onSubmit={submit} className="space-y-4">
      <TextField
        label={t('projects:field.title')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        required
        maxLength={200}
        disabled={!canWrite}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          label={t('projects:field.priority')}
          value={priority}
          onChange={(e) => setPriority(e.target.value)}
          disabled={!canWrite}
          options={TASK_PRIORITIES.map((p) => ({ value: p, label: t(`projects:priority.${p}`) }))}
        />
        {board ? (
          <SelectField
            label={t('projects:field.state')}
            value={stateId}
            onChange={(e) => setStateId(e.target.value)}
            disabled={!canWrite}
            options={[
              ...(task ? [] : [{ value: '', label: t('projects:group.todo') }]),
              ...board.states.map((s) => ({ value: s.id, label: s.name })),
            ]}
          />
        ) : null}
        <SelectField
          label={t('projects:field.assignee')}
          value={assigneeId}
          onChange={(e) => setAssigneeId(e.target.value)}
          disabled={!canWrite}
          options={[
            { value: '', label: t('projects:nobody') },
            ...(members.data?.items ?? []).map((m) => ({ value: m.userId, label: m.name })),
          ]}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          label={t('projects:field.start')}
          type="date"
          value={startDate}
          onChange={(e) => setStartDate(e.target.value)}
          disabled={!canWrite}
        />
        <TextField
          label={t('projects:field.due')}
          type="date"
          value={dueDate}
          onChange={(e) => setDueDate(e.target.value)}
          disabled={!canWrite}
          error={datesWrong ? t('projects:dueBeforeStart') : null}
        />
        <TextField
          label={t('projects:field.estimate')}
          inputMode="decimal"
          value={estimate}
          onChange={(e) => setEstimate(e.target.value)}
          pattern="[0-9]+([,.][0-9]+)?"
          disabled={!canWrite}
        />
      </div>
      <TextAreaField
        label={t('projects:field.description')}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        rows={3}
        disabled={!canWrite}
      />
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">{t('projects:field.checklist')}</legend>
        <ul className="mt-2 space-y-1">
          {checklist.map((item) => (
            <li key={item.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={item.done}
                disabled={!canWrite}
                aria-label={item.text}
                onChange={(e) =>
                  setChecklist((list) =>
                    list.map((x) => (x.id === item.id ? { ...x, done: e.target.checked } : x)),
                  )
                }
              />
              <span className={item.done ? 'text-slate-400 line-through' : ''}>{item.text}</span>
              {canWrite ? (
                <button
                  type="button"
                  className="ml-auto text-slate-400 hover:text-red-600"
                  aria-label={t('projects:delete')}
                  onClick={() => setChecklist((list) => list.filter((x) => x.id !== item.id))}
                >
                  <X className="size-4" />
                </button>
              ) : null}
            </li>
          ))}
        </ul>
        {canWrite ? (
          <div className="mt-2 flex gap-2">
            <input
              className="block w-full rounded-lg border-0 px-3 py-1.5 text-sm ring-1 ring-inset ring-slate-300"
              value={newItem}
              placeholder={t('projects:addItem')}
              aria-label={t('projects:addItem')}
              onChange={(e) => setNewItem(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  addItem();
                }
              }}
            />
            <Button variant="secondary" icon={<Plus className="size-4" />} onClick={addItem}>
              {t('projects:addItem')}
            </Button>
          </div>
        ) : null}
      </fieldset>
      {task && board ? <TaskDependencies task={task} board={board} canWrite={canWrite} /> : null}
      {task ? (
        <TaskComments
          taskId={task.id}
          propertyId={task.propertyId ?? board?.project.propertyId ?? null}
          canWrite={canWrite}
        />
      ) : null}
      {task ? <TaskHistory taskId={task.id} /> : null}
      <div className="flex flex-wrap justify-between gap-2 border-t border-slate-100 pt-4">
        {task && canWrite ? (
          <Button variant="ghost" icon={<Trash2 className="size-4" />} onClick={() => setDeleting(true)}>
            {t('projects:delete')}
          </Button>
        ) : (
          <span />
        )}
        <div className="flex gap-2">
          <Button variant="secondary" onClick={onClose}>
            {t('projects:cancel')}
          </Button>
          {canWrite ? (
            <Button type="submit" loading={save.isPending} disabled={datesWrong}>
              {task ? t('projects:save') : t('projects:create')}
            </Button>
          ) : null}
        </div>
      </div>
      <ConfirmDialog
        open={deleting}
        title={t('projects:deleteTask')}
        text={t('projects:deleteTaskText')}
        confirmLabel={t('projects:delete')}
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setDeleting(false)}
      />
    </form>
  );
}
