import { useMutation } from '@tanstack/react-query';
import { ArrowDown, ArrowUp, FileCheck2, Plus, X } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Button } from '../../../web/components/button.js';
import { SelectField, TextAreaField, TextField } from '../../../web/components/field.js';
import { Modal } from '../../../web/components/modal.js';
import { CATEGORY_LABELS_DE, type DocumentCategory } from '../../documents/domain/categories.js';
import { ASSIGNEE_ROLES, PROJECT_TYPES, TASK_PRIORITIES, type TemplateTask } from '../contract.js';
import type { Template } from './use-projects.js';

type Row = TemplateTask & { rowKey: string };

/** A key no other row has: built-in keys are kept, new rows get `aufgabe-<n>`. */
function freshKey(rows: readonly Row[]): string {
  const taken = new Set(rows.map((r) => r.key));
  let n = rows.length + 1;
  while (taken.has(`aufgabe-${n}`)) n += 1;
  return `aufgabe-${n}`;
}

const blankTask = (rows: readonly Row[]): Row => {
  const key = freshKey(rows);
  const previous = rows.at(-1);
  return {
    key,
    rowKey: key,
    title: '',
    description: '',
    durationDays: 1,
    dependsOn: previous ? [previous.key] : [],
    lagDays: 0,
    assigneeRole: 'owner',
    priority: 'medium',
    documentCategory: null,
  };
};

/** After a move a task may only wait for tasks above it; later ones are dropped from its list. */
function keepEarlierPredecessors(rows: Row[]): Row[] {
  return rows.map((row, index) => {
    const earlier = new Set(rows.slice(0, index).map((r) => r.key));
    const dependsOn = row.dependsOn.filter((key) => earlier.has(key));
    return dependsOn.length === row.dependsOn.length ? row : { ...row, dependsOn };
  });
}

/**
 * Create or edit an office's workflow template: its tasks in order, each with a duration, the
 * earlier tasks it waits for (plus days of waiting), a default role and a priority.
 */
export function TemplateEditor({
  template,
  onClose,
}: {
  template: Template | null;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(template?.name ?? '');
  const [description, setDescription] = useState(template?.description ?? '');
  const [projectType, setProjectType] = useState<Template['projectType']>(template?.projectType ?? 'custom');
  const [rows, setRows] = useState<Row[]>(() =>
    template ? template.tasks.map((task) => ({ ...task, rowKey: task.key })) : [blankTask([])],
  );
  const save = useMutation({
    mutationFn: () => {
      const body = {
        name,
        description,
        projectType,
        tasks: rows.map(({ rowKey: _rowKey, ...task }) => task),
      };
      return template
        ? api(`/projects/templates/${template.id}`, { method: 'PUT', body })
        : api('/projects/templates', { method: 'POST', body });
    },
    onSuccess: () => {
      toast.success(t('projects:templates.saved'));
      onClose(true);
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const change = (index: number, patch: Partial<TemplateTask>) =>
    setRows((list) => list.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const move = (index: number, by: -1 | 1) =>
    setRows((list) => {
      const next = [...list];
      const [row] = next.splice(index, 1);
      if (row) next.splice(index + by, 0, row);
      return keepEarlierPredecessors(next);
    });
  const remove = (index: number) =>
    setRows((list) => {
      const gone = list[index]?.key;
      return list
        .filter((_, i) => i !== index)
        .map((row) => ({ ...row, dependsOn: row.dependsOn.filter((key) => key !== gone) }));
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Modal
      open
      wide
      title={template ? t('projects:templates.edit') : t('projects:templates.new')}
      onClose={() => onClose(false)}
    >
      <form onSubmit={submit} className="space-y-5">
        <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
          <TextField
            label={t('projects:field.name')}
            value={name}
            required
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
          />
          <SelectField
            label={t('projects:field.type')}
            value={projectType}
            onChange={(e) => setProjectType(e.target.value as Template['projectType'])}
            options={PROJECT_TYPES.map((type) => ({ value: type, label: t(`projects:type.${type}`) }))}
          />
        </div>
        <TextAreaField
          label={t('projects:field.description')}
          value={description}
          rows={2}
          maxLength={2000}
          onChange={(e) => setDescription(e.target.value)}
        />
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium text-slate-700">{t('projects:templates.tasks')}</legend>
          <p className="text-xs text-slate-500">{t('projects:templates.waitsForHint')}</p>
          <ol className="space-y-3">
            {rows.map((row, index) => (
              <TaskRow
                key={row.rowKey}
                row={row}
                index={index}
                earlier={rows.slice(0, index)}
                count={rows.length}
                onChange={(patch) => change(index, patch)}
                onMove={(by) => move(index, by)}
                onRemove={() => remove(index)}
              />
            ))}
          </ol>
          <Button
            variant="secondary"
            icon={<Plus className="size-4" />}
            disabled={rows.length >= 100}
            onClick={() => setRows((list) => [...list, blankTask(list)])}
          >
            {t('projects:templates.addTask')}
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

function TaskRow({
  row,
  index,
  earlier,
  count,
  onChange,
  onMove,
  onRemove,
}: {
  row: Row;
  index: number;
  earlier: Row[];
  count: number;
  onChange: (patch: Partial<TemplateTask>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const label = t('projects:templates.task', { n: index + 1 });
  const toggle = (key: string) =>
    onChange({
      dependsOn: row.dependsOn.includes(key)
        ? row.dependsOn.filter((k) => k !== key)
        : [...row.dependsOn, key],
    });
  return (
    <li className="space-y-3 rounded-lg bg-slate-50 p-3">
      <div className="flex items-end gap-1">
        <div className="min-w-0 flex-1">
          <TextField
            label={label}
            value={row.title}
            required
            maxLength={200}
            onChange={(e) => onChange({ title: e.target.value })}
          />
        </div>
        <Button
          variant="ghost"
          className="px-2"
          aria-label={`${t('projects:templates.moveUp')}: ${row.title || label}`}
          disabled={index === 0}
          onClick={() => onMove(-1)}
        >
          <ArrowUp className="size-4" />
        </Button>
        <Button
          variant="ghost"
          className="px-2"
          aria-label={`${t('projects:templates.moveDown')}: ${row.title || label}`}
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          <ArrowDown className="size-4" />
        </Button>
        <Button
          variant="ghost"
          className="px-2"
          aria-label={`${t('projects:templates.remove')}: ${row.title || label}`}
          disabled={count === 1}
          onClick={onRemove}
        >
          <X className="size-4" />
        </Button>
      </div>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <TextField
          label={t('projects:templates.duration')}
          type="number"
          min={1}
          max={365}
          required
          value={row.durationDays}
          onChange={(e) => onChange({ durationDays: Number(e.target.value) })}
        />
        <TextField
          label={t('projects:templates.lag')}
          type="number"
          min={0}
          max={365}
          value={row.lagDays}
          onChange={(e) => onChange({ lagDays: Number(e.target.value) })}
        />
        <SelectField
          label={t('projects:templates.role')}
          value={row.assigneeRole}
          onChange={(e) => onChange({ assigneeRole: e.target.value as TemplateTask['assigneeRole'] })}
          options={ASSIGNEE_ROLES.map((role) => ({
            value: role,
            label: t(`projects:templates.roles.${role}`),
          }))}
        />
        <SelectField
          label={t('projects:field.priority')}
          value={row.priority}
          onChange={(e) => onChange({ priority: e.target.value as TemplateTask['priority'] })}
          options={TASK_PRIORITIES.map((p) => ({ value: p, label: t(`projects:priority.${p}`) }))}
        />
      </div>
      <div>
        <p className="text-sm font-medium text-slate-700">{t('projects:templates.waitsFor')}</p>
        {earlier.length === 0 ? (
          <p className="mt-1 text-sm text-slate-500">{t('projects:templates.noPredecessor')}</p>
        ) : (
          <div className="mt-1.5 flex flex-wrap gap-1.5">
            {earlier.map((other) => {
              const on = row.dependsOn.includes(other.key);
              return (
                <button
                  key={other.rowKey}
                  type="button"
                  aria-pressed={on}
                  onClick={() => toggle(other.key)}
                  className={`max-w-full truncate rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset ${
                    on
                      ? 'bg-brand text-white ring-brand'
                      : 'bg-white text-slate-600 ring-slate-300 hover:bg-slate-100'
                  }`}
                >
                  {other.title || t('projects:templates.task', { n: earlier.indexOf(other) + 1 })}
                </button>
              );
            })}
          </div>
        )}
      </div>
      {row.documentCategory ? (
        <p className="flex items-center gap-1.5 text-xs text-slate-600">
          <FileCheck2 className="size-4 text-emerald-600" aria-hidden="true" />
          {t('projects:templates.completedBy', {
            category: CATEGORY_LABELS_DE[row.documentCategory as DocumentCategory] ?? row.documentCategory,
          })}
        </p>
      ) : null}
    </li>
  );
}
