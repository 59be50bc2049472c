import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Button } from '../../../web/components/button.js';
import { CheckboxField, TextField } from '../../../web/components/field.js';
import { Modal } from '../../../web/components/modal.js';
import type { ApiKeyScope, CreateApiKeyBody } from '../contract.js';

/** Rights that only read: the usual start for a reporting tool or a website. */
const isReadScope = (id: string) => /\.(read|view)$/.test(id);

/** Name, optional last day and the rights of a new API key, grouped by module. */
export function NewApiKeyDialog({
  open,
  scopes,
  onClose,
  onIssued,
}: {
  open: boolean;
  scopes: ApiKeyScope[];
  onClose: () => void;
  onIssued: (token: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const [name, setName] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const groups = useMemo(() => {
    const byModule = new Map<string, { title: string; scopes: ApiKeyScope[] }>();
    for (const scope of scopes) {
      const group = byModule.get(scope.module) ?? { title: scope.moduleTitle[lang], scopes: [] };
      group.scopes.push(scope);
      byModule.set(scope.module, group);
    }
    return [...byModule.entries()];
  }, [scopes, lang]);
  const issue = useMutation({
    mutationFn: () => {
      const body: CreateApiKeyBody = { name, scopes: [...chosen], expiresOn: expiresOn || null };
      return api<{ token: string }>('/admin/api-keys', { method: 'POST', body });
    },
    onSuccess: (answer) => {
      setName('');
      setExpiresOn('');
      setChosen(new Set());
      onIssued(answer.token);
    },
  });
  const toggle = (id: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The dialog is portalled out of the settings form, but React still bubbles the submit to it.
    event.stopPropagation();
    issue.mutate();
  };
  return (
    <Modal open={open} title={t('admin:settings.apiKeys.newTitle')} onClose={onClose} wide>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t('admin:settings.apiKeys.name')}
            hint={t('admin:settings.apiKeys.nameHint')}
            value={name}
            required
            maxLength={80}
            autoFocus
            onChange={(e) => setName(e.target.value)}
          />
          <TextField
            label={t('admin:settings.apiKeys.expiresOn')}
            hint={t('admin:settings.apiKeys.expiresOnHint')}
            type="date"
            value={expiresOn}
            onChange={(e) => setExpiresOn(e.target.value)}
          />
        </div>
        <fieldset>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <legend className="text-sm font-medium text-slate-700">
              {t('admin:settings.apiKeys.rights', { count: chosen.size })}
            </legend>
            <div className="flex gap-2">
              <Button
                type="button"
                variant="ghost"
                onClick={() => setChosen(new Set(scopes.filter((s) => isReadScope(s.id)).map((s) => s.id)))}
              >
                {t('admin:settings.apiKeys.readOnly')}
              </Button>
              <Button type="button" variant="ghost" onClick={() => setChosen(new Set())}>
                {t('admin:settings.apiKeys.none')}
              </Button>
            </div>
          </div>
          <div className="mt-2 max-h-[45vh] space-y-3 overflow-y-auto rounded-lg border border-slate-200 p-3">
            {groups.map(([module, group]) => (
              <div key={module}>
                <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{group.title}</p>
                <div className="mt-1 grid gap-1 sm:grid-cols-2">
                  {group.scopes.map((scope) => (
                    <CheckboxField
                      key={scope.id}
                      label={scope.label[lang]}
                      checked={chosen.has(scope.id)}
                      onChange={(e) => toggle(scope.id, e.target.checked)}
                    />
                  ))}
                </div>
              </div>
            ))}
          </div>
        </fieldset>
        {issue.error ? (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
            {errorMessage(issue.error, t)}
          </p>
        ) : null}
        <div className="flex justify-end gap-2 pt-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={issue.isPending}>
            {t('admin:settings.apiKeys.create')}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
