import './i18n.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FileText } from 'lucide-react';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage, fieldErrors } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { ConfirmDialog } from '../../../web/components/confirm-dialog.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { TextAreaField, TextField } from '../../../web/components/field.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { TemplateView } from '../contract.js';
import { MailingsNav } from './mailings-nav.js';

type Draft = { id: string | null; name: string; subject: string; body: string };

/** The office's e-mail templates with a placeholder palette. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const canWrite = hasPermission(useMe().data, 'mailings.write');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [deleting, setDeleting] = useState<TemplateView | null>(null);
  const queryClient = useQueryClient();
  const templates = useQuery({
    queryKey: ['mailings', 'templates'],
    queryFn: () => api<{ items: TemplateView[] }>('/mailings/templates'),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(`/mailings/templates/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      toast.success(t('mailings:templates.deleted'));
      setDeleting(null);
      void queryClient.invalidateQueries({ queryKey: ['mailings', 'templates'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  return (
    <>
      <PageHeader
        title={t('mailings:title')}
        actions={
          canWrite && !draft ? (
            <Button onClick={() => setDraft({ id: null, name: '', subject: '', body: '' })}>
              {t('mailings:templates.new')}
            </Button>
          ) : null
        }
      />
      <MailingsNav />
      {draft ? <TemplateEditor draft={draft} onDone={() => setDraft(null)} /> : null}
      <QueryState query={templates}>
        {(data) =>
          data.items.length === 0 ? (
            <Card>
              <EmptyState icon={FileText} title={t('mailings:templates.empty')} />
            </Card>
          ) : (
            <div className="grid gap-3 lg:grid-cols-2">
              {data.items.map((tpl) => (
                <Card key={tpl.id}>
                  <div className="space-y-2">
                    <h3 className="font-semibold text-slate-900">{tpl.name}</h3>
                    <p className="text-sm text-slate-700">{tpl.subject}</p>
                    <pre className="line-clamp-4 whitespace-pre-wrap font-sans text-xs text-slate-500">
                      {tpl.body}
                    </pre>
                    {canWrite ? (
                      <div className="flex gap-2">
                        <Button variant="secondary" onClick={() => setDraft({ ...tpl })}>
                          {t('mailings:templates.edit')}
                        </Button>
                        <Button variant="ghost" onClick={() => setDeleting(tpl)}>
                          {t('mailings:templates.delete')}
                        </Button>
                      </div>
                    ) : null}
                  </div>
                </Card>
              ))}
            </div>
          )
        }
      </QueryState>
      <ConfirmDialog
        open={deleting !== null}
        title={t('mailings:templates.confirmDelete', { name: deleting?.name ?? '' })}
        text=""
        confirmLabel={t('mailings:templates.delete')}
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}

function TemplateEditor({ draft, onDone }: { draft: Draft; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(draft);
  const body = useRef<HTMLTextAreaElement>(null);
  const placeholders = useQuery({
    queryKey: ['mailings', 'placeholders'],
    queryFn: () => api<{ items: { name: string; label: string }[] }>('/mailings/placeholders'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const save = useMutation({
    mutationFn: () =>
      api(form.id ? `/mailings/templates/${form.id}` : '/mailings/templates', {
        method: form.id ? 'PUT' : 'POST',
        body: { name: form.name, subject: form.subject, body: form.body },
      }),
    onSuccess: () => {
      toast.success(t('mailings:templates.saved'));
      void queryClient.invalidateQueries({ queryKey: ['mailings', 'templates'] });
      onDone();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const errors = fieldErrors(save.error);
  /** Inserts at the cursor of the text, where the broker is writing. */
  const insert = (name: string) => {
    const el = body.current;
    const token = `{{${name}}}`;
    const at = el?.selectionStart ?? form.body.length;
    setForm((f) => ({ ...f, body: f.body.slice(0, at) + token + f.body.slice(el?.selectionEnd ?? at) }));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <div className="mb-4">
      <Card>
        <form className="space-y-3" onSubmit={submit}>
          <TextField
            label={t('mailings:templates.name')}
            required
            value={form.name}
            error={errors.name}
            onChange={(e) => setForm((f) => ({ ...f, name: e.target.value }))}
          />
          <TextField
            label={t('mailings:templates.subject')}
            required
            value={form.subject}
            error={errors.subject}
            onChange={(e) => setForm((f) => ({ ...f, subject: e.target.value }))}
          />
          <div>
            <p className="mb-1 text-sm font-medium text-slate-700">{t('mailings:templates.placeholders')}</p>
            <div className="flex flex-wrap gap-1.5">
              {(placeholders.data?.items ?? []).map((p) => (
                <button
                  key={p.name}
                  type="button"
                  title={p.label}
                  onClick={() => insert(p.name)}
                  className="rounded-full bg-slate-100 px-2.5 py-1 font-mono text-xs text-slate-700 hover:bg-slate-200"
                >
                  {`{{${p.name}}}`}
                </button>
              ))}
            </div>
          </div>
          <TextAreaField
            ref={body}
            label={t('mailings:templates.body')}
            rows={14}
            required
            value={form.body}
            error={errors.body}
            hint={t('mailings:templates.unsubscribeNote', { placeholder: '{{abmelde_link}}' })}
            onChange={(e) => setForm((f) => ({ ...f, body: e.target.value }))}
          />
          <div className="flex justify-end gap-2">
            <Button variant="ghost" type="button" onClick={onDone}>
              {t('mailings:templates.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('mailings:templates.save')}
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
