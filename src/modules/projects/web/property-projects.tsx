import './i18n.js';
import { useQuery } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListPage } from '../../../platform/http/page-schema.js';
import { api } from '../../../web/api/client.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { ProjectView, TaskView } from '../contract.js';
import { NewProjectDialog } from './new-project-dialog.js';
import { ProjectCard } from './projects-page.js';
import { TaskDialog } from './task-dialog.js';
import { TaskTable } from './task-table.js';

/** On a property's or contact's page: its projects and its follow-ups, each one click away from a new one. */
export default function RecordProjects(props: { propertyId: string } | { contactId: string }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const canWrite = hasPermission(me, 'projects.write');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<TaskView | null>(null);
  const [newFollowUp, setNewFollowUp] = useState(false);
  const propertyId = 'propertyId' in props ? props.propertyId : undefined;
  const filter = 'propertyId' in props ? `propertyId=${props.propertyId}` : `contactId=${props.contactId}`;
  const projects = useQuery({
    queryKey: ['projects', 'list', 'record', filter],
    queryFn: () => api<ListPage<ProjectView>>(`/projects?${filter}&pageSize=50`),
    enabled: Boolean(propertyId),
  });
  const followUps = useQuery({
    queryKey: ['projects', 'tasks', 'record', filter],
    queryFn: () => api<ListPage<TaskView>>(`/projects/tasks?${filter}&followUps=true&pageSize=50`),
  });
  return (
    <div className="space-y-6">
      {propertyId ? (
        <section>
          <div className="mb-3 flex items-center justify-between gap-2">
            <h2 className="text-sm font-semibold text-slate-900">{t('projects:propertyProjects')}</h2>
            {canWrite ? (
              <Button
                variant="secondary"
                icon={<Plus className="size-4" />}
                onClick={() => setCreating(true)}
              >
                {t('projects:newProject')}
              </Button>
            ) : null}
          </div>
          <QueryState query={projects}>
            {(list) =>
              list.items.length === 0 ? (
                <p className="text-sm text-slate-500">{t('projects:emptyText')}</p>
              ) : (
                <ul className="grid gap-3 md:grid-cols-2">
                  {list.items.map((project) => (
                    <li key={project.id}>
                      <ProjectCard project={project} />
                    </li>
                  ))}
                </ul>
              )
            }
          </QueryState>
          <NewProjectDialog open={creating} onClose={() => setCreating(false)} propertyId={propertyId} />
        </section>
      ) : null}
      <section>
        <div className="mb-3 flex items-center justify-between gap-2">
          <h2 className="text-sm font-semibold text-slate-900">{t('projects:followUps')}</h2>
          {canWrite ? (
            <Button
              variant="secondary"
              icon={<Plus className="size-4" />}
              onClick={() => setNewFollowUp(true)}
            >
              {t('projects:newFollowUp')}
            </Button>
          ) : null}
        </div>
        <QueryState query={followUps}>
          {(list) =>
            list.items.length === 0 ? (
              <p className="text-sm text-slate-500">{t('projects:followUpHint')}</p>
            ) : (
              <TaskTable tasks={list.items} onOpen={setEditing} />
            )
          }
        </QueryState>
      </section>
      <TaskDialog
        open={newFollowUp || editing !== null}
        task={editing}
        links={'propertyId' in props ? { propertyId: props.propertyId } : { contactId: props.contactId }}
        canWrite={canWrite}
        onClose={() => {
          setNewFollowUp(false);
          setEditing(null);
        }}
      />
    </div>
  );
}
