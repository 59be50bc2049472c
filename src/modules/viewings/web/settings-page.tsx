import './i18n.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { TextField } from '../../../web/components/field.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { ViewingSettingsView } from '../contract.js';

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
    </>
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
          smsReminders: settings.smsReminders,
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
