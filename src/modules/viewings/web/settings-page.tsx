import './i18n.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { formatDateTime } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { CheckboxField, TextField } from '../../../web/components/field.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { ViewingSettingsView } from '../contract.js';
import { CalendarSyncCard } from './calendar-sync-card.js';

/** The office's viewing defaults: length, reminder times, feedback delay. */
export function SettingsPage() {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['viewings', 'settings'],
    queryFn: () => api<ViewingSettingsView>('/viewings/settings'),
  });
  return (
    <>
      <PageHeader
        title={t('viewings:settingsTitle')}
        actions={
          <Link className="text-sm text-brand hover:underline" to="/besichtigungen">
            {t('viewings:back')}
          </Link>
        }
      />
      <Card>
        <QueryState query={query}>{(settings) => <SettingsForm settings={settings} />}</QueryState>
      </Card>
      <div className="mt-4">
        <Card>
          <CalendarSyncCard />
        </Card>
      </div>
      <div className="mt-4">
        <Card>
          <CalendarFeed />
        </Card>
      </div>
    </>
  );
}

interface FeedState {
  active: boolean;
  createdAt: string | null;
  lastFetchedAt: string | null;
  url: string | null;
}

/** The agent's own ICS subscription: the address is shown once; renewing revokes the old one. */
function CalendarFeed() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const key = ['viewings', 'feed'];
  const query = useQuery({ queryKey: key, queryFn: () => api<FeedState>('/viewings/feed') });
  const [shown, setShown] = useState<string | null>(null);
  const canWrite = hasPermission(useMe().data, 'viewings.write');
  const create = useMutation({
    mutationFn: () => api<FeedState>('/viewings/feed', { method: 'POST' }),
    onSuccess: (state) => {
      setShown(state.url);
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const revoke = useMutation({
    mutationFn: () => api('/viewings/feed', { method: 'DELETE' }),
    onSuccess: () => {
      setShown(null);
      toast.success(t('viewings:feedRevoked'));
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  return (
    <section className="space-y-3">
      <h2 className="text-base font-semibold text-slate-900">{t('viewings:feedTitle')}</h2>
      <p className="text-sm text-slate-600">{t('viewings:feedText')}</p>
      <QueryState query={query}>
        {(state) => (
          <div className="space-y-3">
            {state.active ? (
              <p className="text-sm text-slate-700">
                {t('viewings:feedActive', {
                  created: formatDateTime(state.createdAt, i18n.language),
                  fetched: state.lastFetchedAt
                    ? formatDateTime(state.lastFetchedAt, i18n.language)
                    : t('viewings:never'),
                })}
              </p>
            ) : null}
            {shown ? (
              <div className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
                <p className="font-medium">{t('viewings:feedOnce')}</p>
                <code className="mt-1 block break-all">{shown}</code>
              </div>
            ) : null}
            <div className={canWrite ? 'flex flex-wrap gap-2' : 'hidden'}>
              <Button variant="secondary" loading={create.isPending} onClick={() => create.mutate()}>
                {state.active ? t('viewings:feedRenew') : t('viewings:feedCreate')}
              </Button>
              {state.active ? (
                <Button variant="ghost" loading={revoke.isPending} onClick={() => revoke.mutate()}>
                  {t('viewings:feedRevoke')}
                </Button>
              ) : null}
            </div>
          </div>
        )}
      </QueryState>
    </section>
  );
}

function SettingsForm({ settings }: { settings: ViewingSettingsView }) {
  const { t, i18n } = useTranslation();
  const canManage = hasPermission(useMe().data, 'viewings.manage');
  const queryClient = useQueryClient();
  const hours = (list: number[]) =>
    list.map((h) => h.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'de-DE')).join(', ');
  const [duration, setDuration] = useState(String(settings.durationMinutes));
  const [reminders, setReminders] = useState(hours(settings.reminderHours));
  const [feedback, setFeedback] = useState(String(settings.feedbackHours));
  const [sms, setSms] = useState(settings.smsReminders);
  const parsedReminders = reminders
    .split(/[;\s]+|,(?=\s)|,$/)
    .map((s) => s.trim().replace(',', '.'))
    .filter(Boolean)
    .map(Number);
  const remindersValid = parsedReminders.every((n) => Number.isFinite(n));
  const save = useMutation({
    mutationFn: () =>
      api('/viewings/settings', {
        method: 'PUT',
        body: {
          durationMinutes: Number(duration),
          reminderHours: parsedReminders,
          feedbackHours: Number(feedback),
          smsReminders: sms,
        },
      }),
    onSuccess: () => {
      toast.success(t('viewings:settingsSaved'));
      void queryClient.invalidateQueries({ queryKey: ['viewings', 'settings'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (remindersValid) save.mutate();
  };
  return (
    <form onSubmit={submit} className="grid max-w-xl gap-4">
      <TextField
        label={t('viewings:duration')}
        type="number"
        min={10}
        max={480}
        value={duration}
        disabled={!canManage}
        onChange={(e) => setDuration(e.target.value)}
      />
      <TextField
        label={t('viewings:reminders')}
        value={reminders}
        disabled={!canManage}
        hint={t('viewings:remindersHint')}
        error={remindersValid ? null : t('viewings:remindersHint')}
        onChange={(e) => setReminders(e.target.value)}
      />
      <TextField
        label={t('viewings:feedbackHours')}
        type="number"
        min={0}
        max={168}
        value={feedback}
        disabled={!canManage}
        onChange={(e) => setFeedback(e.target.value)}
      />
      <div>
        <CheckboxField
          label={t('viewings:smsReminders')}
          checked={sms}
          disabled={!canManage}
          onChange={(e) => setSms(e.target.checked)}
        />
        <p
          className={`mt-1 text-xs ${settings.smsGateway === 'online' ? 'text-slate-500' : 'text-amber-800'}`}
        >
          {t(settings.smsGateway === 'online' ? 'viewings:smsOnline' : 'viewings:smsOffline')}
        </p>
      </div>
      {canManage ? (
        <div>
          <Button type="submit" loading={save.isPending}>
            {t('viewings:save')}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
