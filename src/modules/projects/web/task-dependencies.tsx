import { useMutation } from '@tanstack/react-query';
import { X } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Button } from '../../../web/components/button.js';
import { SelectField, TextField } from '../../../web/components/field.js';
import type { TaskView } from '../contract.js';
import { type Board, useInvalidateTasks } from './use-projects.js';

/** A task's predecessors (finish-to-start with lag): list, remove, add; new links may move the task. */
export function TaskDependencies({
  task,
  board,
  canWrite,
}: {
  task: TaskView;
  board: Board;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateTasks();
  const [predecessorId, setPredecessorId] = useState('');
  const [lag, setLag] = useState('0');
  const title = new Map(board.tasks.map((x) => [x.id, x.title]));
  const incoming = board.dependencies.filter((d) => d.successorId === task.id);
  const add = useMutation({
    mutationFn: () =>
      api<{ rescheduled: unknown[] }>('/projects/dependencies', {
        method: 'POST',
        body: { predecessorId, successorId: task.id, lagDays: Number(lag) || 0 },
      }),
    onSuccess: (result) => {
      if (result.rescheduled.length > 0)
        toast.success(t('projects:rescheduled', { count: result.rescheduled.length }));
      setPredecessorId('');
      void invalidate();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(`/projects/dependencies/${id}`, { method: 'DELETE' }),
    onSuccess: () => void invalidate(),
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-700">{t('projects:field.dependsOn')}</legend>
      {incoming.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">{t('projects:noDependencies')}</p>
      ) : null}
      <ul className="mt-1 space-y-1 text-sm">
        {incoming.map((d) => (
          <li key={d.id} className="flex items-center gap-2">
            <span>
              {title.get(d.predecessorId)}
              {d.lagDays > 0 ? ` (+${d.lagDays} ${t('projects:days', { count: d.lagDays })})` : ''}
            </span>
            {canWrite ? (
              <button
                type="button"
                className="text-slate-400 hover:text-red-600"
                aria-label={t('projects:removeDependency')}
                onClick={() => remove.mutate(d.id)}
              >
                <X className="size-4" />
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {canWrite ? (
        <div className="mt-2 grid gap-2 sm:grid-cols-[1fr_8rem_auto] sm:items-end">
          <SelectField
            label={t('projects:addDependency')}
            value={predecessorId}
            onChange={(e) => setPredecessorId(e.target.value)}
            options={[
              { value: '', label: '–' },
              ...board.tasks
                .filter((x) => x.id !== task.id && !incoming.some((d) => d.predecessorId === x.id))
                .map((x) => ({ value: x.id, label: x.title })),
            ]}
          />
          <TextField
            label={t('projects:field.lag')}
            type="number"
            min={0}
            max={365}
            value={lag}
            onChange={(e) => setLag(e.target.value)}
          />
          <Button
            variant="secondary"
            disabled={!predecessorId}
            loading={add.isPending}
            onClick={() => add.mutate()}
          >
            {t('projects:addDependency')}
          </Button>
        </div>
      ) : null}
    </fieldset>
  );
}
