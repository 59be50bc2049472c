import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { formatDateTime } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { SelectField } from '../../../web/components/field.js';
import { QueryState } from '../../../web/components/query-state.js';

interface SupportAccess {
  grant: { expiresAt: string; grantedByName: string; createdAt: string } | null;
  sessions: {
    operatorName: string;
    operatorEmail: string;
    startedAt: string;
    endedAt: string | null;
    expiresAt: string;
  }[];
}

const HOURS = ['1', '4', '24', '72'];

/**
 * The owner lets the platform's support into the office for a few hours, can withdraw it at any
 * time, and sees who of the support was in. Buttons, not a form: it sits inside the settings form.
 */
export function SupportAccessCard() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const client = useQueryClient();
  const [hours, setHours] = useState('4');
  const access = useQuery({
    queryKey: ['admin', 'support-access'],
    queryFn: () => api<SupportAccess>('/admin/support-access'),
  });
  const change = useMutation({
    mutationFn: (grant: boolean) =>
      grant
        ? api<SupportAccess>('/admin/support-access', { method: 'PUT', body: { hours: Number(hours) } })
        : api<SupportAccess>('/admin/support-access', { method: 'DELETE' }),
    onSuccess: (view) => {
      client.setQueryData(['admin', 'support-access'], view);
      toast.success(t(view.grant ? 'admin:settings.support.granted' : 'admin:settings.support.revoked'));
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  return (
    <Card title={t('admin:settings.support.title')}>
      <p className="mb-3 text-sm text-slate-600">{t('admin:settings.support.text')}</p>
      <QueryState query={access}>
        {(view) => (
          <div className="space-y-4">
            {view.grant ? (
              <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
                <span data-testid="support-grant">
                  {t('admin:settings.support.until', {
                    until: formatDateTime(view.grant.expiresAt, lang),
                    name: view.grant.grantedByName,
                  })}
                </span>
                <Button
                  type="button"
                  variant="secondary"
                  loading={change.isPending}
                  onClick={() => change.mutate(false)}
                >
                  {t('admin:settings.support.revoke')}
                </Button>
              </div>
            ) : (
              <div className="flex flex-wrap items-end gap-3">
                <SelectField
                  label={t('admin:settings.support.duration')}
                  value={hours}
                  onChange={(e) => setHours(e.target.value)}
                  options={HOURS.map((h) => ({
                    value: h,
                    label: t('admin:settings.support.hours', { count: Number(h) }),
                  }))}
                />
                <Button type="button" loading={change.isPending} onClick={() => change.mutate(true)}>
                  {t('admin:settings.support.grant')}
                </Button>
              </div>
            )}
            {view.sessions.length > 0 ? (
              <div>
                <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">
                  {t('admin:settings.support.sessions')}
                </h3>
                <ul className="divide-y divide-slate-100 text-sm" data-testid="support-sessions">
                  {view.sessions.map((s) => (
                    <li key={s.startedAt} className="py-1.5">
                      {s.operatorName} ({s.operatorEmail}) · {formatDateTime(s.startedAt, lang)} –{' '}
                      {s.endedAt
                        ? formatDateTime(s.endedAt, lang)
                        : t('admin:settings.support.open', { until: formatDateTime(s.expiresAt, lang) })}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </div>
        )}
      </QueryState>
    </Card>
  );
}
