import { useMutation, useQueryClient } from '@tanstack/react-query';
import { LayoutTemplate, Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { ConfirmDialog } from '../../../web/components/confirm-dialog.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import { templateSpanDays } from '../domain/template-span.js';
import { BackToProjects } from './back-to-projects.js';
import { TemplateEditor } from './template-editor.js';
import { type Template, useTemplates } from './use-projects.js';

/** Projekte → Vorlagen: the office's workflow templates, edited, reset or made anew. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const canManage = hasPermission(useMe().data, 'projects.manage');
  const templates = useTemplates();
  const [editing, setEditing] = useState<Template | 'new' | null>(null);
  const [resetting, setResetting] = useState<Template | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: ['projects', 'templates'] });
  const reset = useMutation({
    mutationFn: (template: Template) =>
      api<{ template: Template | null }>(`/projects/templates/${template.id}/reset`, { method: 'POST' }),
    onSuccess: async (result) => {
      toast.success(result.template ? t('projects:templates.resetDone') : t('projects:templates.deleted'));
      setResetting(null);
      await refresh();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  return (
    <>
      <BackToProjects />
      <PageHeader
        title={t('projects:templates.title')}
        description={t('projects:templates.description')}
        actions={
          canManage ? (
            <Button icon={<Plus className="size-4" />} onClick={() => setEditing('new')}>
              {t('projects:templates.new')}
            </Button>
          ) : null
        }
      />
      <QueryState query={templates}>
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState icon={LayoutTemplate} title={t('projects:templates.empty')} />
          ) : (
            <ul className="grid gap-4 md:grid-cols-2">
              {items.map((template) => (
                <li
                  key={template.id}
                  className="flex flex-col gap-3 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200"
                >
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <h2 className="text-base font-semibold text-slate-900">{template.name}</h2>
                    <Badge tone={template.builtIn ? 'blue' : 'green'}>
                      {template.builtIn ? t('projects:templates.builtIn') : t('projects:templates.own')}
                    </Badge>
                  </div>
                  {template.description ? (
                    <p className="text-sm text-slate-600">{template.description}</p>
                  ) : null}
                  <p className="text-sm text-slate-500">
                    {t(`projects:type.${template.projectType}`)} ·{' '}
                    {t('projects:templates.summary', {
                      count: template.tasks.length,
                      days: templateSpanDays(template),
                    })}
                  </p>
                  <ol className="list-decimal space-y-0.5 pl-5 text-sm text-slate-700">
                    {template.tasks.map((task) => (
                      <li key={task.key}>{task.title}</li>
                    ))}
                  </ol>
                  {canManage ? (
                    <div className="mt-auto flex flex-wrap gap-2 pt-2">
                      <Button variant="secondary" onClick={() => setEditing(template)}>
                        {t('projects:templates.edit')}
                      </Button>
                      <Button variant="ghost" onClick={() => setResetting(template)}>
                        {template.builtIn ? t('projects:templates.reset') : t('projects:templates.delete')}
                      </Button>
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      {editing ? (
        <TemplateEditor
          template={editing === 'new' ? null : editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) void refresh();
          }}
        />
      ) : null}
      <ConfirmDialog
        open={resetting !== null}
        title={resetting?.builtIn ? t('projects:templates.resetTitle') : t('projects:templates.deleteTitle')}
        text={t(resetting?.builtIn ? 'projects:templates.resetText' : 'projects:templates.deleteText', {
          name: resetting?.name ?? '',
        })}
        confirmLabel={resetting?.builtIn ? t('projects:templates.reset') : t('projects:templates.delete')}
        busy={reset.isPending}
        onConfirm={() => resetting && reset.mutate(resetting)}
        onClose={() => setResetting(null)}
      />
    </>
  );
}
