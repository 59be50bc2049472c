import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { api } from '../api/client.js';
import { errorMessage } from '../api/error-message.js';
import { Card } from '../components/card.js';
import { QueryState } from '../components/query-state.js';

interface Preference {
  kind: string;
  label: { de: string; en: string };
  email: boolean;
}

/** Per kind: also by e-mail or only in the bell. Saved on each click. */
export function NotificationPreferences() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const preferences = useQuery({
    queryKey: ['notifications', 'preferences'],
    queryFn: () => api<{ items: Preference[] }>('/notifications/preferences'),
  });
  const save = useMutation({
    mutationFn: (item: { kind: string; email: boolean }) =>
      api('/notifications/preferences', { method: 'PUT', body: { items: [item] } }),
    onSuccess: () => {
      toast.success(t('notifications.saved'));
      void client.invalidateQueries({ queryKey: ['notifications', 'preferences'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  return (
    <Card title={t('notifications.preferences')}>
      <p className="mb-4 text-sm text-slate-500">{t('notifications.preferencesHint')}</p>
      <QueryState query={preferences}>
        {(data) => (
          <ul className="space-y-2">
            {data.items.map((item) => (
              <li key={item.kind}>
                <label className="flex items-center gap-3 text-sm text-slate-700">
                  <input
                    type="checkbox"
                    checked={item.email}
                    disabled={save.isPending}
                    onChange={(e) => save.mutate({ kind: item.kind, email: e.target.checked })}
                  />
                  {i18n.language === 'en' ? item.label.en : item.label.de}
                </label>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </Card>
  );
}
