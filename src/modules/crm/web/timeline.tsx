import { useMutation, useQueryClient } from '@tanstack/react-query';
import { History } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { useListPages } from '../../../web/api/use-list-pages.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { SelectField, TextAreaField, TextField } from '../../../web/components/field.js';
import { LoadMore } from '../../../web/components/load-more.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { ActivityView } from '../contract.js';
import { formatDateTime } from './format.js';

/** Notes, calls and e-mails of a property or contact, with a form to add one. */
export function Timeline({ propertyId, contactId }: { propertyId?: string; contactId?: string }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const filter: Record<string, string> = propertyId ? { propertyId } : { contactId: contactId ?? '' };
  const key = ['crm', 'activities', filter];
  const query = useListPages<ActivityView>(key, '/crm/activities', filter);
  const [kind, setKind] = useState('notiz');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const add = useMutation({
    mutationFn: () => api('/crm/activities', { method: 'POST', body: { ...filter, kind, subject, body } }),
    onSuccess: async () => {
      toast.success(t('crm:timeline.added'));
      setSubject('');
      setBody('');
      await queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  const canWrite = hasPermission(me, propertyId ? 'crm.properties.write' : 'crm.contacts.write');
  return (
    <div className="space-y-6">
      {canWrite ? (
        <form onSubmit={submit} className="grid gap-3 rounded-lg bg-slate-50 p-4 sm:grid-cols-4">
          <SelectField
            label={t('crm:timeline.kind')}
            value={kind}
            onChange={(e) => setKind(e.target.value)}
            options={['notiz', 'anruf', 'email'].map((k) => ({
              value: k,
              label: t(`crm:enum.activity.${k}`),
            }))}
          />
          <div className="sm:col-span-3">
            <TextField
              label={t('crm:timeline.subject')}
              value={subject}
              onChange={(e) => setSubject(e.target.value)}
              maxLength={200}
              required
            />
          </div>
          <div className="sm:col-span-4">
            <TextAreaField
              label={t('crm:timeline.body')}
              rows={2}
              value={body}
              onChange={(e) => setBody(e.target.value)}
            />
          </div>
          <div className="flex justify-end sm:col-span-4">
            <Button type="submit" loading={add.isPending} disabled={!subject.trim()}>
              {t('crm:timeline.add')}
            </Button>
          </div>
        </form>
      ) : null}
      <QueryState query={query}>
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState icon={History} title={t('crm:timeline.empty')} />
          ) : (
            <ol className="space-y-4 border-l border-slate-200 pl-5">
              {items.map((a) => (
                <li key={a.id} className="relative">
                  <span
                    className="absolute -left-[1.6rem] top-1.5 size-2.5 rounded-full bg-brand"
                    aria-hidden="true"
                  />
                  <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
                    <Badge>{t(`crm:enum.activity.${a.kind}`)}</Badge>
                    <time dateTime={a.occurredAt}>{formatDateTime(a.occurredAt, i18n.language)}</time>
                    {a.userName ? <span>· {a.userName}</span> : null}
                  </div>
                  <p className="mt-1 text-sm font-medium text-slate-900">{a.subject}</p>
                  {a.body ? (
                    <p className="mt-0.5 whitespace-pre-line text-sm text-slate-600">{a.body}</p>
                  ) : null}
                </li>
              ))}
            </ol>
          )
        }
      </QueryState>
      <LoadMore list={query} />
    </div>
  );
}
