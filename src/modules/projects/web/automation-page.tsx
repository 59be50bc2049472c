import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, Workflow } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { z } from 'zod';
import { formatDateTime } from '../../../platform/format/format-de.js';
import type { ListPage } from '../../../platform/http/page-schema.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { useListPages } from '../../../web/api/use-list-pages.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { LoadMore } from '../../../web/components/load-more.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import { AUTOMATION_TRIGGERS, type AutomationTrigger, type runSchema } from '../automation-contract.js';
import { BackToProjects } from './back-to-projects.js';
import { type Rule, RuleEditor } from './rule-editor.js';

type Run = z.infer<typeof runSchema>;
const STATUS_TONE = { queued: 'blue', succeeded: 'green', failed: 'red', skipped: 'amber' } as const;

/** The office's automation rules and what they did (the run log, with retry for failed runs). */
export function AutomationPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const rules = useQuery({
    queryKey: ['projects', 'automation', 'rules'],
    queryFn: () => api<{ items: Rule[] }>('/projects/automation/rules'),
  });
  const runs = useListPages<Run, ListPage<Run>>(
    ['projects', 'automation', 'runs'],
    '/projects/automation/runs',
    {},
    {
      refetchInterval: (items) => (items.some((r) => r.status === 'queued') ? 2000 : false),
    },
  );
  const refresh = () => client.invalidateQueries({ queryKey: ['projects', 'automation'] });
  const toggle = useMutation({
    mutationFn: (rule: Rule) =>
      api(`/projects/automation/rules/${rule.id}`, {
        method: 'PUT',
        body: {
          name: rule.name,
          enabled: !rule.enabled,
          trigger: rule.trigger,
          conditions: rule.conditions,
          actions: rule.actions,
        },
      }),
    onSuccess: refresh,
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const retry = useMutation({
    mutationFn: (id: string) => api(`/projects/automation/runs/${id}/retry`, { method: 'POST' }),
    onSuccess: refresh,
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  return (
    <>
      <BackToProjects />
      <PageHeader
        title={t('projects:automation.title')}
        description={t('projects:automation.description')}
        actions={
          <Button icon={<Plus className="size-4" />} onClick={() => setEditing('new')}>
            {t('projects:automation.new')}
          </Button>
        }
      />
      <div className="space-y-6">
        <div className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <QueryState query={rules}>
            {(data) =>
              data.items.length === 0 ? (
                <EmptyState
                  icon={Workflow}
                  title={t('projects:automation.empty')}
                  text={t('projects:automation.emptyText')}
                />
              ) : (
                <ul className="divide-y divide-slate-100">
                  {data.items.map((rule) => (
                    <li key={rule.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
                      <div>
                        <button
                          type="button"
                          className="font-medium text-slate-900 hover:text-brand"
                          onClick={() => setEditing(rule)}
                        >
                          {rule.name}
                        </button>
                        <p className="text-sm text-slate-500">
                          {AUTOMATION_TRIGGERS[rule.trigger as AutomationTrigger]?.label} →{' '}
                          {rule.actions.map((a) => t(`projects:automation.actions.${a.type}`)).join(', ')}
                        </p>
                      </div>
                      <div className="flex items-center gap-3 text-sm">
                        {rule.failedRuns > 0 ? (
                          <Badge tone="red">
                            {t('projects:automation.failedRuns', { count: rule.failedRuns })}
                          </Badge>
                        ) : null}
                        {rule.lastRun ? (
                          <span className="text-slate-500">
                            {t('projects:automation.lastRun')}:{' '}
                            {formatDateTime(rule.lastRun.createdAt, i18n.language)}
                          </span>
                        ) : null}
                        <label className="flex items-center gap-2 text-slate-700">
                          <input
                            type="checkbox"
                            checked={rule.enabled}
                            onChange={() => toggle.mutate(rule)}
                          />
                          {t('projects:automation.enabled')}
                        </label>
                      </div>
                    </li>
                  ))}
                </ul>
              )
            }
          </QueryState>
        </div>
        <Card title={t('projects:automation.log')}>
          <QueryState query={runs}>
            {(list) =>
              list.items.length === 0 ? (
                <p className="text-sm text-slate-500">{t('projects:automation.noRuns')}</p>
              ) : (
                <>
                  <ul className="divide-y divide-slate-100 text-sm">
                    {list.items.map((run) => (
                      <li key={run.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                        <div className="min-w-0">
                          <p className="font-medium text-slate-800">
                            {run.ruleName}{' '}
                            <span className="font-normal text-slate-500">
                              · {AUTOMATION_TRIGGERS[run.event as AutomationTrigger]?.label ?? run.event}
                            </span>
                          </p>
                          {run.outcome.length > 0 ? (
                            <p className="text-slate-600">{run.outcome.join(' · ')}</p>
                          ) : null}
                          {run.error ? <p className="text-red-700">{run.error}</p> : null}
                        </div>
                        <div className="flex items-center gap-3">
                          <span className="text-xs text-slate-500">
                            {formatDateTime(run.createdAt, i18n.language)}
                          </span>
                          <Badge tone={STATUS_TONE[run.status]}>
                            {t(`projects:automation.status.${run.status}`)}
                          </Badge>
                          {run.status === 'failed' ? (
                            <Button
                              variant="secondary"
                              loading={retry.isPending}
                              onClick={() => retry.mutate(run.id)}
                            >
                              {t('projects:automation.retry')}
                            </Button>
                          ) : null}
                        </div>
                      </li>
                    ))}
                  </ul>
                  <LoadMore list={runs} />
                </>
              )
            }
          </QueryState>
        </Card>
      </div>
      {editing ? (
        <RuleEditor
          rule={editing === 'new' ? null : editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) {
              toast.success(t('projects:saved'));
              void refresh();
            }
          }}
        />
      ) : null}
    </>
  );
}
