import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../../web/components/field.js';
import type { AutomationAction } from '../automation-contract.js';
import { STATE_GROUPS, TASK_PRIORITIES } from '../contract.js';

/** The fields of one action of a rule, by its type. */
export function RuleActionFields({
  action,
  people,
  templates,
  onChange,
}: {
  action: AutomationAction;
  people: { value: string; label: string }[];
  templates: { value: string; label: string }[];
  onChange: (next: AutomationAction) => void;
}) {
  const { t } = useTranslation();
  switch (action.type) {
    case 'create_task':
      return (
        <div className="grid gap-2 sm:grid-cols-2">
          <TextField
            label={t('projects:field.title')}
            required
            value={action.title}
            onChange={(e) => onChange({ ...action, title: e.target.value })}
          />
          <TextField
            label={t('projects:automation.dueInDays')}
            type="number"
            min={0}
            max={365}
            value={action.dueInDays}
            onChange={(e) => onChange({ ...action, dueInDays: Number(e.target.value) })}
          />
          <SelectField
            label={t('projects:field.priority')}
            value={action.priority}
            onChange={(e) => onChange({ ...action, priority: e.target.value as typeof action.priority })}
            options={TASK_PRIORITIES.map((p) => ({ value: p, label: t(`projects:priority.${p}`) }))}
          />
          <SelectField
            label={t('projects:field.assignee')}
            value={action.assignee ?? ''}
            onChange={(e) => onChange({ ...action, assignee: e.target.value || null })}
            options={[
              { value: 'actor', label: t('projects:automation.actor') },
              { value: '', label: t('projects:nobody') },
              ...people,
            ]}
          />
        </div>
      );
    case 'create_project':
      return (
        <SelectField
          label={t('projects:field.template')}
          value={action.templateKey}
          onChange={(e) => onChange({ ...action, templateKey: e.target.value })}
          options={templates}
        />
      );
    case 'complete_tasks':
      return (
        <TextField
          label={t('projects:automation.titleContains')}
          required
          value={action.titleContains}
          onChange={(e) => onChange({ ...action, titleContains: e.target.value })}
        />
      );
    case 'assign_task':
      return (
        <SelectField
          label={t('projects:field.assignee')}
          value={action.userId}
          onChange={(e) => onChange({ ...action, userId: e.target.value })}
          options={[{ value: '', label: '–' }, ...people]}
        />
      );
    case 'set_task_state':
      return (
        <SelectField
          label={t('projects:field.state')}
          value={action.group}
          onChange={(e) => onChange({ ...action, group: e.target.value as typeof action.group })}
          options={STATE_GROUPS.map((g) => ({ value: g, label: t(`projects:group.${g}`) }))}
        />
      );
    case 'notify':
      return (
        <div className="grid gap-2 sm:grid-cols-2">
          <TextField
            label={t('projects:field.title')}
            required
            value={action.title}
            onChange={(e) => onChange({ ...action, title: e.target.value })}
          />
          <SelectField
            label={t('projects:automation.recipient')}
            value={action.recipients[0] ?? 'owners'}
            onChange={(e) => onChange({ ...action, recipients: [e.target.value] })}
            options={[
              { value: 'owners', label: t('projects:automation.owners') },
              { value: 'actor', label: t('projects:automation.actor') },
              ...people,
            ]}
          />
        </div>
      );
    case 'send_email':
      return (
        <div className="space-y-2">
          <TextField
            label={t('projects:automation.subject')}
            required
            value={action.subject}
            onChange={(e) => onChange({ ...action, subject: e.target.value })}
          />
          <label className="block text-sm font-medium text-slate-700">
            {t('projects:automation.body')}
            <textarea
              className="mt-1.5 block w-full rounded-lg border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300"
              rows={4}
              value={action.body}
              onChange={(e) => onChange({ ...action, body: e.target.value })}
            />
          </label>
          <p className="text-xs text-slate-500">{t('projects:automation.placeholders')}</p>
        </div>
      );
    case 'timeline_note':
      return (
        <TextField
          label={t('projects:automation.note')}
          required
          value={action.text}
          onChange={(e) => onChange({ ...action, text: e.target.value })}
        />
      );
  }
}
