import { useMutation } from '@tanstack/react-query';
import { Plus, X } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { z } from 'zod';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Button } from '../../../web/components/button.js';
import { SelectField, TextField } from '../../../web/components/field.js';
import { Modal } from '../../../web/components/modal.js';
import { useMembers } from '../../crm/web/use-members.js';
import {
  AUTOMATION_TRIGGERS,
  type AutomationAction,
  type AutomationCondition,
  type AutomationTrigger,
  type ruleSchema,
  TRIGGER_IDS,
} from '../automation-contract.js';
import { RuleActionFields } from './rule-action-fields.js';
import { useTemplates } from './use-projects.js';

export type Rule = z.infer<typeof ruleSchema>;
type ActionType = AutomationAction['type'];
const ACTION_TYPES: ActionType[] = [
  'create_task',
  'complete_tasks',
  'create_project',
  'assign_task',
  'set_task_state',
  'notify',
  'send_email',
  'timeline_note',
];
const OPS: AutomationCondition['op'][] = ['equals', 'not_equals', 'contains', 'at_most', 'at_least'];

type Keyed<T> = T & { rowKey: string };
let rowCounter = 0;
const keyed = <T extends object>(value: T): Keyed<T> => ({ ...value, rowKey: `row-${++rowCounter}` });
const unkeyed = <T extends object>({ rowKey: _key, ...value }: Keyed<T>): T => value as unknown as T;

const blankAction = (type: ActionType): AutomationAction => {
  switch (type) {
    case 'create_task':
      return { type, title: '', dueInDays: 1, priority: 'medium', assignee: 'actor' };
    case 'create_project':
      return { type, templateKey: 'transaktion' };
    case 'complete_tasks':
      return { type, titleContains: '' };
    case 'assign_task':
      return { type, userId: '' };
    case 'set_task_state':
      return { type, group: 'done' };
    case 'notify':
      return { type, recipients: ['owners'], title: '' };
    case 'send_email':
      return { type, subject: '', body: 'Guten Tag {{name}},\n\n…' };
    case 'timeline_note':
      return { type, text: '' };
  }
};

/** Create or edit a rule: when (trigger), if (conditions on the event's fields), then (actions). */
export function RuleEditor({ rule, onClose }: { rule: Rule | null; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const members = useMembers();
  const templates = useTemplates();
  const [name, setName] = useState(rule?.name ?? '');
  const [trigger, setTrigger] = useState<AutomationTrigger>(
    (rule?.trigger as AutomationTrigger) ?? 'document.filed',
  );
  // Rows carry a key of their own so React keeps each row's inputs when one above is removed.
  const [conditions, setConditions] = useState<Keyed<AutomationCondition>[]>(() =>
    (rule?.conditions ?? []).map(keyed),
  );
  const [actions, setActions] = useState<Keyed<AutomationAction>[]>(() =>
    (rule?.actions ?? [blankAction('create_task')]).map(keyed),
  );
  const fields = Object.entries(AUTOMATION_TRIGGERS[trigger].fields) as [string, string][];
  const people = (members.data?.items ?? []).map((m) => ({ value: m.userId, label: m.name }));
  const save = useMutation({
    mutationFn: () => {
      const body = {
        name,
        enabled: rule?.enabled ?? true,
        trigger,
        conditions: conditions.map(unkeyed),
        actions: actions.map(unkeyed),
      };
      return rule
        ? api(`/projects/automation/rules/${rule.id}`, { method: 'PUT', body })
        : api('/projects/automation/rules', { method: 'POST', body });
    },
    onSuccess: () => onClose(true),
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const setAction = (index: number, next: AutomationAction) =>
    setActions((list) => list.map((a, i) => (i === index ? { ...next, rowKey: a.rowKey } : a)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Modal
      open
      wide
      title={rule ? t('projects:automation.edit') : t('projects:automation.new')}
      onClose={() => onClose(false)}
    >
      <form onSubmit={submit} className="space-y-5">
        <TextField
          label={t('projects:field.name')}
          value={name}
          required
          maxLength={120}
          onChange={(e) => setName(e.target.value)}
        />
        <SelectField
          label={t('projects:automation.when')}
          value={trigger}
          onChange={(e) => {
            setTrigger(e.target.value as AutomationTrigger);
            setConditions([]);
          }}
          options={TRIGGER_IDS.map((id) => ({ value: id, label: AUTOMATION_TRIGGERS[id].label }))}
        />
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700">{t('projects:automation.if')}</legend>
          {conditions.length === 0 ? (
            <p className="text-sm text-slate-500">{t('projects:automation.always')}</p>
          ) : null}
          {conditions.map((condition, index) => (
            <div key={condition.rowKey} className="grid grid-cols-[1fr_1fr_1fr_auto] items-end gap-2">
              <SelectField
                label={t('projects:automation.field')}
                value={condition.field}
                onChange={(e) =>
                  setConditions((list) =>
                    list.map((c, i) => (i === index ? { ...c, field: e.target.value } : c)),
                  )
                }
                options={fields.map(([value, label]) => ({ value, label }))}
              />
              <SelectField
                label={t('projects:automation.op')}
                value={condition.op}
                onChange={(e) =>
                  setConditions((list) =>
                    list.map((c, i) =>
                      i === index ? { ...c, op: e.target.value as AutomationCondition['op'] } : c,
                    ),
                  )
                }
                options={OPS.map((op) => ({ value: op, label: t(`projects:automation.ops.${op}`) }))}
              />
              <TextField
                label={t('projects:automation.value')}
                value={condition.value}
                onChange={(e) =>
                  setConditions((list) =>
                    list.map((c, i) => (i === index ? { ...c, value: e.target.value } : c)),
                  )
                }
              />
              <Button
                variant="ghost"
                aria-label={t('projects:delete')}
                onClick={() => setConditions((list) => list.filter((_, i) => i !== index))}
              >
                <X className="size-4" />
              </Button>
            </div>
          ))}
          <Button
            variant="secondary"
            icon={<Plus className="size-4" />}
            disabled={fields.length === 0}
            onClick={() =>
              setConditions((list) => [
                ...list,
                keyed({ field: fields[0]?.[0] ?? '', op: 'equals', value: '' }),
              ])
            }
          >
            {t('projects:automation.addCondition')}
          </Button>
        </fieldset>
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium text-slate-700">{t('projects:automation.thenDo')}</legend>
          {actions.map((action, index) => (
            <div key={action.rowKey} className="space-y-2 rounded-lg bg-slate-50 p-3">
              <div className="flex items-end gap-2">
                <div className="flex-1">
                  <SelectField
                    label={t('projects:automation.action')}
                    value={action.type}
                    onChange={(e) => setAction(index, blankAction(e.target.value as ActionType))}
                    options={ACTION_TYPES.map((type) => ({
                      value: type,
                      label: t(`projects:automation.actions.${type}`),
                    }))}
                  />
                </div>
                {actions.length > 1 ? (
                  <Button
                    variant="ghost"
                    aria-label={t('projects:delete')}
                    onClick={() => setActions((list) => list.filter((_, i) => i !== index))}
                  >
                    <X className="size-4" />
                  </Button>
                ) : null}
              </div>
              <RuleActionFields
                action={action}
                people={people}
                templates={(templates.data?.items ?? []).map((x) => ({ value: x.key, label: x.name }))}
                onChange={(next) => setAction(index, next)}
              />
            </div>
          ))}
          <Button
            variant="secondary"
            icon={<Plus className="size-4" />}
            onClick={() => setActions((list) => [...list, keyed(blankAction('notify'))])}
          >
            {t('projects:automation.addAction')}
          </Button>
        </fieldset>
        <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
          <Button variant="secondary" onClick={() => onClose(false)}>
            {t('projects:cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('projects:save')}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
