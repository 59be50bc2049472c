import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { formatDate } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { meQueryKey } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { TextField } from '../../../web/components/field.js';
import { QueryState } from '../../../web/components/query-state.js';

interface DeletionView {
  deleteAfter: string | null;
  requestedBy: string | null;
  graceDays: number;
}

const KEY = ['admin', 'office-deletion'];

/**
 * The owner deletes the office: typed confirmation with its name, a grace period in which it can
 * be called off. Buttons, not a form: it sits inside the settings form.
 */
export function OfficeDeletionCard({ officeName }: { officeName: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const client = useQueryClient();
  const [confirmName, setConfirmName] = useState('');
  const view = useQuery({ queryKey: KEY, queryFn: () => api<DeletionView>('/admin/office-deletion') });
  const change = useMutation({
    mutationFn: (request: boolean) =>
      request
        ? api<DeletionView>('/admin/office-deletion', { method: 'POST', body: { confirmName } })
        : api<DeletionView>('/admin/office-deletion', { method: 'DELETE' }),
    onSuccess: async (next) => {
      client.setQueryData(KEY, next);
      setConfirmName('');
      toast.success(
        t(next.deleteAfter ? 'admin:settings.deletion.requested' : 'admin:settings.deletion.canceled'),
      );
      // The banner on every page comes from /api/me.
      await client.invalidateQueries({ queryKey: meQueryKey });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const matches = confirmName.trim() === officeName;
  const submitOnEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (matches) change.mutate(true);
  };
  return (
    <Card title={t('admin:settings.deletion.title')}>
      <QueryState query={view}>
        {(state) =>
          state.deleteAfter ? (
            <div className="space-y-3" data-testid="office-deletion">
              <p className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
                {t('admin:settings.deletion.scheduled', {
                  date: formatDate(state.deleteAfter, lang),
                  name: state.requestedBy ?? '',
                })}
              </p>
              <Button type="button" loading={change.isPending} onClick={() => change.mutate(false)}>
                {t('admin:settings.deletion.cancel')}
              </Button>
            </div>
          ) : (
            <div className="space-y-3">
              <p className="text-sm text-slate-600">
                {t('admin:settings.deletion.text', { days: state.graceDays })}
              </p>
              <TextField
                label={t('admin:settings.deletion.confirm', { name: officeName })}
                value={confirmName}
                autoComplete="off"
                onChange={(e) => setConfirmName(e.target.value)}
                onKeyDown={submitOnEnter}
              />
              <Button
                type="button"
                variant="danger"
                disabled={!matches}
                loading={change.isPending}
                onClick={() => change.mutate(true)}
              >
                {t('admin:settings.deletion.request')}
              </Button>
            </div>
          )
        }
      </QueryState>
    </Card>
  );
}
