import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { BellRing } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { formatDay } from './format.js';

interface Reminder {
  id: string;
  documentId: string;
  title: string;
  validUntil: string;
  thresholdDays: number;
}

/** Open expiry reminders above the document list; the same ones went out by e-mail. */
export function RemindersPanel() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const reminders = useQuery({
    queryKey: ['documents', 'reminders'],
    queryFn: () => api<{ items: Reminder[] }>('/documents/reminders'),
  });
  const dismiss = useMutation({
    mutationFn: (id: string) => api(`/documents/reminders/${id}/dismiss`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['documents', 'reminders'] }),
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const canDismiss = hasPermission(useMe().data, 'documents.write');
  const items = reminders.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section
      aria-label={t('documents:reminders.title')}
      className="mb-4 rounded-xl bg-amber-50 p-4 ring-1 ring-amber-200"
    >
      <h2 className="flex items-center gap-2 text-sm font-semibold text-amber-900">
        <BellRing className="size-4" aria-hidden="true" />
        {t('documents:reminders.title')}
      </h2>
      <ul className="mt-2 space-y-1 text-sm text-amber-900">
        {items.map((r) => (
          <li key={r.id} className="flex flex-wrap items-center justify-between gap-2">
            <Link to={`/dokumente/${r.documentId}`} className="hover:underline">
              {t(r.thresholdDays === 0 ? 'documents:reminders.expired' : 'documents:reminders.expires', {
                title: r.title,
                date: formatDay(r.validUntil, i18n.language),
              })}
            </Link>
            {canDismiss ? (
              <button
                type="button"
                className="text-xs font-semibold hover:underline"
                disabled={dismiss.isPending}
                onClick={() => dismiss.mutate(r.id)}
              >
                {t('documents:reminders.dismiss')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
