import { useQuery } from '@tanstack/react-query';
import { ListTodo, Plus } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListPage } from '../../../platform/http/page-schema.js';
import { api } from '../../../web/api/client.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { useListPages } from '../../../web/api/use-list-pages.js';
import { useUrlFilters } from '../../../web/api/use-url-filters.js';
import { Button } from '../../../web/components/button.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { SelectField, TextField } from '../../../web/components/field.js';
import { LoadMore } from '../../../web/components/load-more.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { TaskView } from '../contract.js';
import { MyDay } from './my-day.js';
import { TaskDialog } from './task-dialog.js';
import { TaskTable } from './task-table.js';

/** "Aufgaben": my day on top, then every task and follow-up across projects with filters. */
export function TasksPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const canWrite = hasPermission(me, 'projects.write');
  const { params, setFilter } = useUrlFilters({ assigneeId: 'me', open: 'true' });
  const [editing, setEditing] = useState<TaskView | null>(null);
  const [creating, setCreating] = useState(false);
  const linkedTask = params.get('aufgabe');
  const linked = useQuery({
    queryKey: ['projects', 'task', linkedTask],
    queryFn: () => api<TaskView>(`/projects/tasks/${linkedTask}`),
    enabled: Boolean(linkedTask),
  });
  useEffect(() => {
    if (linked.data) setEditing(linked.data);
  }, [linked.data]);
  const query = useListPages<TaskView, ListPage<TaskView>>(
    ['projects', 'tasks'],
    '/projects/tasks',
    Object.fromEntries(params),
  );
  const toggle = (key: string, value: string, on: boolean) => setFilter(key, on ? value : '');
  return (
    <>
      <PageHeader
        title={t('projects:tasksTitle')}
        description={t('projects:tasksDescription')}
        actions={
          canWrite ? (
            <Button icon={<Plus className="size-4" />} onClick={() => setCreating(true)}>
              {t('projects:newFollowUp')}
            </Button>
          ) : null
        }
      />
      <div className="mb-6">
        <MyDay onOpen={setEditing} />
      </div>
      <div className="mb-4 flex flex-wrap items-end gap-4">
        <div className="w-full sm:w-72">
          <TextField
            label={t('projects:search')}
            type="search"
            defaultValue={params.get('q') ?? ''}
            onChange={(e) => toggle('q', e.target.value, Boolean(e.target.value))}
          />
        </div>
        <div className="w-full sm:w-48">
          <SelectField
            label={t('projects:filter.due')}
            value={params.get('due') ?? ''}
            onChange={(e) => toggle('due', e.target.value, Boolean(e.target.value))}
            options={[
              { value: '', label: t('projects:all') },
              { value: 'overdue', label: t('projects:filter.dueOverdue') },
              { value: 'today', label: t('projects:filter.dueToday') },
              { value: 'week', label: t('projects:filter.dueWeek') },
            ]}
          />
        </div>
        {(
          [
            ['assigneeId', 'me', 'mine'],
            ['open', 'true', 'open'],
            ['followUps', 'true', 'followUps'],
          ] as const
        ).map(([key, value, label]) => (
          <label key={key} className="flex items-center gap-2 pb-2 text-sm text-slate-700">
            <input
              type="checkbox"
              checked={params.get(key) === value}
              onChange={(e) => toggle(key, value, e.target.checked)}
            />
            {t(`projects:filter.${label}`)}
          </label>
        ))}
      </div>
      <div className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        <QueryState query={query}>
          {(list) =>
            list.items.length === 0 ? (
              <EmptyState icon={ListTodo} title={t('projects:noTasks')} text={t('projects:followUpHint')} />
            ) : (
              <>
                <TaskTable tasks={list.items} showProject onOpen={setEditing} />
                <LoadMore list={query} />
              </>
            )
          }
        </QueryState>
      </div>
      <TaskDialog
        open={creating || editing !== null}
        task={editing}
        canWrite={canWrite}
        onClose={() => {
          setCreating(false);
          setEditing(null);
          if (linkedTask) setFilter('aufgabe', '');
        }}
      />
    </>
  );
}
