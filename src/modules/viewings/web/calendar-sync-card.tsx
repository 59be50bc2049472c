import './i18n.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { toast } from 'sonner';
import { formatDateTime } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { SelectField, TextField } from '../../../web/components/field.js';
import { QueryState } from '../../../web/components/query-state.js';

interface CalendarState {
  connection: {
    provider: 'caldav' | 'google';
    serverUrl: string;
    calendarName: string;
    username: string;
    lastSyncAt: string | null;
    lastError: string | null;
    viewingsInCalendar: number;
    busyTimes: number;
  } | null;
  googleAvailable: boolean;
}

interface SyncResult {
  pushed: number;
  moved: number;
  deleted: number;
  busy: number;
}

const KEY = ['viewings', 'calendar'];

/**
 * Two-way sync with the agent's own calendar: CalDAV (iCloud, Nextcloud, mailbox.org …) or
 * Google. Viewings go in, moves and deletions there come back, other appointments block slots.
 */
export function CalendarSyncCard() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const canWrite = hasPermission(useMe().data, 'viewings.write');
  const query = useQuery({ queryKey: KEY, queryFn: () => api<CalendarState>('/viewings/calendar') });
  const [params, setParams] = useSearchParams();

  // Back from Google's consent page: say how it went once, then tidy the address bar.
  useEffect(() => {
    const ok = params.get('kalender');
    const failed = params.get('kalenderfehler');
    if (!ok && !failed) return;
    if (ok) toast.success(t('viewings:calendarConnected'));
    else toast.error(t('viewings:calendarConnectFailed', { reason: failed }));
    const next = new URLSearchParams(params);
    next.delete('kalender');
    next.delete('kalenderfehler');
    setParams(next, { replace: true });
  }, [params, setParams, t]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });
  const syncNow = useMutation({
    mutationFn: () => api<SyncResult>('/viewings/calendar/sync', { method: 'POST' }),
    onSuccess: (r) => {
      toast.success(t('viewings:calendarSynced', { ...r }));
      void refresh();
      void queryClient.invalidateQueries({ queryKey: ['crm', 'viewings'] });
    },
    onError: (error) => {
      toast.error(errorMessage(error, t));
      void refresh();
    },
  });
  const disconnect = useMutation({
    mutationFn: () => api('/viewings/calendar', { method: 'DELETE' }),
    onSuccess: () => {
      toast.success(t('viewings:calendarDisconnected'));
      void refresh();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const google = useMutation({
    mutationFn: () => api<{ authorizeUrl: string }>('/viewings/calendar/google/start', { method: 'POST' }),
    onSuccess: (r) => window.location.assign(r.authorizeUrl),
    onError: (error) => toast.error(errorMessage(error, t)),
  });

  return (
    <section className="space-y-3">
      <h2 className="text-base font-semibold text-slate-900">{t('viewings:calendarTitle')}</h2>
      <p className="text-sm text-slate-600">{t('viewings:calendarText')}</p>
      <QueryState query={query}>
        {(state) =>
          state.connection ? (
            <div className="space-y-3">
              <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
                <dt className="text-slate-500">{t('viewings:calendarProvider')}</dt>
                <dd className="text-slate-900">
                  {state.connection.provider === 'google'
                    ? 'Google Kalender'
                    : `${state.connection.calendarName} · ${state.connection.username}`}
                </dd>
                <dt className="text-slate-500">{t('viewings:calendarLastSync')}</dt>
                <dd className="text-slate-900">
                  {state.connection.lastSyncAt
                    ? formatDateTime(state.connection.lastSyncAt, i18n.language)
                    : t('viewings:calendarPending')}
                </dd>
                <dt className="text-slate-500">{t('viewings:calendarCounts')}</dt>
                <dd className="text-slate-900">
                  {t('viewings:calendarCountsValue', {
                    viewings: state.connection.viewingsInCalendar,
                    busy: state.connection.busyTimes,
                  })}
                </dd>
              </dl>
              {state.connection.lastError ? (
                <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
                  {state.connection.lastError}
                </p>
              ) : null}
              <div className={canWrite ? 'flex flex-wrap gap-2' : 'hidden'}>
                <Button variant="secondary" loading={syncNow.isPending} onClick={() => syncNow.mutate()}>
                  {t('viewings:calendarSyncNow')}
                </Button>
                <Button variant="ghost" loading={disconnect.isPending} onClick={() => disconnect.mutate()}>
                  {t('viewings:calendarDisconnect')}
                </Button>
              </div>
              <p className="text-xs text-slate-500">{t('viewings:calendarDisconnectHint')}</p>
            </div>
          ) : canWrite ? (
            <div className="space-y-4">
              <CaldavConnectForm onConnected={() => void refresh()} />
              <div className="border-t border-slate-200 pt-3">
                {state.googleAvailable ? (
                  <Button variant="secondary" loading={google.isPending} onClick={() => google.mutate()}>
                    {t('viewings:calendarGoogle')}
                  </Button>
                ) : (
                  <p className="text-sm text-slate-500">{t('viewings:calendarGoogleOffline')}</p>
                )}
              </div>
            </div>
          ) : (
            <p className="text-sm text-slate-500">{t('viewings:calendarNone')}</p>
          )
        }
      </QueryState>
    </section>
  );
}

/** Step 1: server, user, app password → the account's calendars; step 2: pick one and connect. */
function CaldavConnectForm({ onConnected }: { onConnected: () => void }) {
  const { t } = useTranslation();
  const [serverUrl, setServerUrl] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [calendars, setCalendars] = useState<{ url: string; name: string }[] | null>(null);
  const [calendarUrl, setCalendarUrl] = useState('');
  const login = { serverUrl: serverUrl.trim(), username: username.trim(), password };
  const discover = useMutation({
    mutationFn: () =>
      api<{ calendars: { url: string; name: string }[] }>('/viewings/calendar/caldav/discover', {
        method: 'POST',
        body: login,
      }),
    onSuccess: (r) => {
      setCalendars(r.calendars);
      setCalendarUrl(r.calendars[0]?.url ?? '');
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const connect = useMutation({
    mutationFn: () => api('/viewings/calendar/caldav', { method: 'POST', body: { ...login, calendarUrl } }),
    onSuccess: () => {
      toast.success(t('viewings:calendarConnected'));
      setPassword('');
      onConnected();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (calendars) connect.mutate();
    else discover.mutate();
  };
  return (
    <form className="space-y-3" onSubmit={submit}>
      <p className="text-sm font-medium text-slate-800">{t('viewings:caldavTitle')}</p>
      <TextField
        label={t('viewings:caldavServer')}
        hint={t('viewings:caldavServerHint')}
        type="url"
        required
        value={serverUrl}
        placeholder="https://caldav.icloud.com"
        onChange={(e) => {
          setServerUrl(e.target.value);
          setCalendars(null);
        }}
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label={t('viewings:caldavUser')}
          required
          autoComplete="username"
          value={username}
          onChange={(e) => {
            setUsername(e.target.value);
            setCalendars(null);
          }}
        />
        <TextField
          label={t('viewings:caldavPassword')}
          hint={t('viewings:caldavPasswordHint')}
          type="password"
          required
          autoComplete="current-password"
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
            setCalendars(null);
          }}
        />
      </div>
      {calendars ? (
        <SelectField
          label={t('viewings:caldavCalendar')}
          value={calendarUrl}
          onChange={(e) => setCalendarUrl(e.target.value)}
          options={calendars.map((c) => ({ value: c.url, label: c.name }))}
        />
      ) : null}
      <Button type="submit" loading={discover.isPending || connect.isPending}>
        {calendars ? t('viewings:caldavConnect') : t('viewings:caldavFind')}
      </Button>
    </form>
  );
}
