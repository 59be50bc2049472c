import { FolderKanban, LayoutTemplate, Plug, Plus, SearchX, Workflow } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../platform/format/format-de.js';
import type { ListPage } from '../../../platform/http/page-schema.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { useListPages } from '../../../web/api/use-list-pages.js';
import { useUrlFilters } from '../../../web/api/use-url-filters.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { SelectField, TextField } from '../../../web/components/field.js';
import { LoadMore } from '../../../web/components/load-more.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import { PROJECT_STATUSES, PROJECT_TYPES, type ProjectView } from '../contract.js';
import { NewProjectDialog } from './new-project-dialog.js';

const STATUS_TONE = { planning: 'gray', active: 'green', on_hold: 'amber', completed: 'blue' } as const;

/** The office's projects with progress, overdue tasks and filters kept in the URL. */
export function ProjectsPage() {
  const { t } = useTranslation();
  const { params, setFilter: set } = useUrlFilters();
  const [creating, setCreating] = useState(false);
  const me = useMe().data;
  const filtered = ['q', 'status', 'type'].some((key) => params.get(key));
  const query = useListPages<ProjectView, ListPage<ProjectView>>(
    ['projects', 'list'],
    '/projects',
    Object.fromEntries(params),
  );
  return (
    <>
      <PageHeader
        title={t('projects:title')}
        description={t('projects:description')}
        actions={
          <>
            <Link
              to="/projekte/vorlagen"
              className="inline-flex items-center gap-2 rounded-lg bg-white px-3.5 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
            >
              <LayoutTemplate className="size-4" aria-hidden="true" />
              {t('projects:templates.link')}
            </Link>
            {hasPermission(me, 'projects.manage') ? (
              <Link
                to="/projekte/automationen"
                className="inline-flex items-center gap-2 rounded-lg bg-white px-3.5 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
              >
                <Workflow className="size-4" aria-hidden="true" />
                {t('projects:automation.title')}
              </Link>
            ) : null}
            {hasPermission(me, 'projects.integrations') ? (
              <Link
                to="/projekte/integrationen"
                className="inline-flex items-center gap-2 rounded-lg bg-white px-3.5 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
              >
                <Plug className="size-4" aria-hidden="true" />
                {t('projects:integrationsLink')}
              </Link>
            ) : null}
            {hasPermission(me, 'projects.write') ? (
              <Button icon={<Plus className="size-4" />} onClick={() => setCreating(true)}>
                {t('projects:newProject')}
              </Button>
            ) : null}
          </>
        }
      />
      <div className="mb-4 grid gap-4 sm:grid-cols-[2fr_1fr_1fr]">
        <TextField
          label={t('projects:search')}
          type="search"
          placeholder={t('projects:searchPlaceholder')}
          defaultValue={params.get('q') ?? ''}
          onChange={(e) => set('q', e.target.value)}
        />
        <SelectField
          label={t('projects:field.status')}
          value={params.get('status') ?? ''}
          onChange={(e) => set('status', e.target.value)}
          options={[
            { value: '', label: t('projects:all') },
            ...PROJECT_STATUSES.map((s) => ({ value: s, label: t(`projects:status.${s}`) })),
          ]}
        />
        <SelectField
          label={t('projects:field.type')}
          value={params.get('type') ?? ''}
          onChange={(e) => set('type', e.target.value)}
          options={[
            { value: '', label: t('projects:all') },
            ...PROJECT_TYPES.map((s) => ({ value: s, label: t(`projects:type.${s}`) })),
          ]}
        />
      </div>
      <QueryState query={query}>
        {(list) =>
          list.items.length === 0 ? (
            <div className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
              {filtered ? (
                <EmptyState icon={SearchX} title={t('projects:emptySearch')} />
              ) : (
                <EmptyState icon={FolderKanban} title={t('projects:empty')} text={t('projects:emptyText')} />
              )}
            </div>
          ) : (
            <>
              <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
                {list.items.map((project) => (
                  <li key={project.id}>
                    <ProjectCard project={project} />
                  </li>
                ))}
              </ul>
              <LoadMore list={query} />
            </>
          )
        }
      </QueryState>
      <NewProjectDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

export function ProjectCard({ project }: { project: ProjectView }) {
  const { t, i18n } = useTranslation();
  const done = project.taskCount - project.openTaskCount;
  const percent = project.taskCount ? Math.round((done / project.taskCount) * 100) : 0;
  return (
    <Link
      to={`/projekte/${project.id}`}
      className="block h-full rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 transition hover:ring-brand/40"
    >
      <div className="flex items-start justify-between gap-2">
        <h2 className="font-semibold text-slate-900">{project.name}</h2>
        <Badge tone={STATUS_TONE[project.status]}>{t(`projects:status.${project.status}`)}</Badge>
      </div>
      <p className="mt-1 text-sm text-slate-500">
        {t(`projects:type.${project.type}`)}
        {project.propertyTitle ? ` · ${project.propertyTitle}` : ''}
      </p>
      <div
        className="mt-4 h-2 rounded-full bg-slate-100"
        role="progressbar"
        aria-valuenow={percent}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <div className="h-2 rounded-full bg-brand" style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-2 flex flex-wrap justify-between gap-2 text-xs text-slate-500">
        <span>{t('projects:progress', { done, total: project.taskCount })}</span>
        {project.overdueTaskCount > 0 ? (
          <span className="font-semibold text-red-600">
            {t('projects:overdueCount', { count: project.overdueTaskCount })}
          </span>
        ) : null}
        <span>
          {formatDate(project.startDate, i18n.language)} – {formatDate(project.endDate, i18n.language)}
        </span>
      </p>
    </Link>
  );
}
