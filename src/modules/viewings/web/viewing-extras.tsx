import './i18n.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CalendarDays, Copy, ExternalLink, QrCode } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { formatDateTime, formatTime } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { CheckboxField, TextField } from '../../../web/components/field.js';
import { Spinner } from '../../../web/components/spinner.js';
import type { ViewingExtras as Extras, VisitorView } from '../contract.js';

const RESPONSE_TONE = { offen: 'gray', bestaetigt: 'green', abgesagt: 'red' } as const;
const STATUS_TONE = {
  queued: 'blue',
  offline: 'amber',
  sent: 'green',
  failed: 'red',
  skipped: 'gray',
} as const;

/**
 * The viewings module's part of the viewing dialog: who comes (answers, check-in, no-show, their
 * link), place and group size, and every message sent with its calendar file.
 */
export default function ViewingExtras({
  viewingId,
  startsAt,
  canWrite,
}: {
  viewingId: string;
  startsAt: string;
  canWrite: boolean;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const key = ['viewings', 'extras', viewingId];
  const query = useQuery({ queryKey: key, queryFn: () => api<Extras>(`/viewings/${viewingId}`) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const visitorAction = useMutation({
    mutationFn: ({ v, action }: { v: VisitorView; action: 'check-in' | 'no-show' | 'came' }) =>
      action === 'check-in'
        ? api(`/viewings/${viewingId}/visitors/${v.participantId}/check-in`, { method: 'POST' })
        : api(`/viewings/${viewingId}/visitors/${v.participantId}/no-show`, {
            method: 'PUT',
            body: { noShow: action === 'no-show' },
          }),
    onSuccess: refresh,
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  if (query.isPending) return <Spinner label={t('common.loading')} />;
  if (query.isError) return <p className="text-sm text-red-700">{errorMessage(query.error, t)}</p>;
  const data = query.data;
  const started = new Date(startsAt).getTime() <= Date.now();
  const nameOf = (participantId: string) =>
    data.visitors.find((v) => v.participantId === participantId)?.name ?? '–';

  return (
    <div className="space-y-5 border-t border-slate-200 pt-4">
      <section aria-labelledby={`visitors-${viewingId}`}>
        <div className="flex items-center justify-between gap-2">
          <h3 id={`visitors-${viewingId}`} className="text-sm font-semibold text-slate-800">
            {t('viewings:visitors')}
          </h3>
          {data.visitors.length > 0 ? (
            <a
              className="inline-flex items-center gap-1 text-sm text-brand hover:underline"
              href={`/api/viewings/${viewingId}/qr-codes`}
              target="_blank"
              rel="noreferrer"
            >
              <QrCode className="size-4" aria-hidden="true" /> {t('viewings:printQr')}
            </a>
          ) : null}
        </div>
        {data.visitors.length === 0 ? (
          <p className="mt-1 text-sm text-slate-500">{t('viewings:noVisitors')}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100">
            {data.visitors.map((v) => (
              <li key={v.participantId} className="flex flex-wrap items-center gap-2 py-2 text-sm">
                <span className="font-medium text-slate-800">{v.name}</span>
                <Badge tone={RESPONSE_TONE[v.response]}>{t(`viewings:response.${v.response}`)}</Badge>
                {v.checkedInAt ? (
                  <Badge tone="green">
                    {t('viewings:checkedIn', { time: formatTime(v.checkedInAt, i18n.language) })}{' '}
                    {v.checkedInBy ? t(`viewings:checkedInBy.${v.checkedInBy}`) : ''}
                  </Badge>
                ) : null}
                {v.noShow ? <Badge tone="red">{t('viewings:noShow')}</Badge> : null}
                {v.feedback ? (
                  <Badge tone="blue">
                    {t('viewings:feedback', { interest: v.feedback.interest })}
                    {v.feedback.wantsOffer ? ` · ${t('viewings:wantsOffer')}` : ''}
                    {v.feedback.wantsSecondViewing ? ` · ${t('viewings:wantsSecond')}` : ''}
                  </Badge>
                ) : null}
                <span className="ml-auto flex flex-wrap gap-1">
                  <button
                    type="button"
                    className="rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
                    title={t('viewings:copyLink')}
                    aria-label={`${t('viewings:copyLink')}: ${v.name}`}
                    onClick={() =>
                      navigator.clipboard
                        .writeText(v.visitorUrl)
                        .then(() => toast.success(t('viewings:linkCopied')))
                        .catch(() => toast.error(v.visitorUrl))
                    }
                  >
                    <Copy className="size-4" aria-hidden="true" />
                  </button>
                  <a
                    className="rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
                    href={v.visitorUrl}
                    target="_blank"
                    rel="noreferrer"
                    title={t('viewings:openLink')}
                    aria-label={`${t('viewings:openLink')}: ${v.name}`}
                  >
                    <ExternalLink className="size-4" aria-hidden="true" />
                  </a>
                  {canWrite && !v.checkedInAt ? (
                    <Button
                      variant="secondary"
                      loading={visitorAction.isPending}
                      onClick={() => visitorAction.mutate({ v, action: 'check-in' })}
                    >
                      {t('viewings:checkIn')}
                    </Button>
                  ) : null}
                  {canWrite && started && !v.checkedInAt ? (
                    <Button
                      variant="ghost"
                      onClick={() => visitorAction.mutate({ v, action: v.noShow ? 'came' : 'no-show' })}
                    >
                      {v.noShow ? t('viewings:undoNoShow') : t('viewings:noShow')}
                    </Button>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <GroupForm data={data} viewingId={viewingId} canWrite={canWrite} onSaved={refresh} />

      <section aria-labelledby={`messages-${viewingId}`}>
        <h3 id={`messages-${viewingId}`} className="text-sm font-semibold text-slate-800">
          {t('viewings:messages')}
        </h3>
        {data.mailDelivery === 'offline' ? (
          <p className="mt-1 rounded-lg bg-amber-50 px-3 py-2 text-xs text-amber-900">
            {t('viewings:offlineNotice')}
          </p>
        ) : null}
        {data.messages.length === 0 ? (
          <p className="mt-1 text-sm text-slate-500">{t('viewings:noMessages')}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 text-sm" aria-label={t('viewings:messages')}>
            {data.messages.map((m) => (
              <li key={m.id} className="flex flex-wrap items-center gap-2 py-1.5">
                <span className="font-medium">
                  {t(`viewings:kind.${m.kind}`)}
                  {m.channel === 'sms' ? ' (SMS)' : ''}
                </span>
                <span className="text-slate-600">{t('viewings:to', { name: nameOf(m.participantId) })}</span>
                <Badge tone={STATUS_TONE[m.status]}>{t(`viewings:status.${m.status}`)}</Badge>
                {m.detail ? <span className="text-xs text-slate-500">{m.detail}</span> : null}
                <span className="text-xs text-slate-500">{formatDateTime(m.createdAt, i18n.language)}</span>
                {m.hasIcs ? (
                  <a
                    className="ml-auto inline-flex items-center gap-1 text-brand hover:underline"
                    href={`/api/viewings/messages/${m.id}/ics`}
                    download
                  >
                    <CalendarDays className="size-4" aria-hidden="true" /> {t('viewings:ics')}
                  </a>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function GroupForm({
  data,
  viewingId,
  canWrite,
  onSaved,
}: {
  data: Extras;
  viewingId: string;
  canWrite: boolean;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [meetingPoint, setMeetingPoint] = useState(data.meetingPoint);
  const [capacity, setCapacity] = useState(String(data.capacity));
  const [bookable, setBookable] = useState(data.bookable);
  useEffect(() => {
    setMeetingPoint(data.meetingPoint);
    setCapacity(String(data.capacity));
    setBookable(data.bookable);
  }, [data.meetingPoint, data.capacity, data.bookable]);
  const save = useMutation({
    mutationFn: () =>
      api(`/viewings/${viewingId}/details`, {
        method: 'PUT',
        body: { meetingPoint, capacity: Number(capacity), bookable },
      }),
    onSuccess: () => {
      toast.success(t('viewings:groupSaved'));
      onSaved();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  return (
    <section aria-labelledby={`group-${viewingId}`} className="space-y-3">
      <h3 id={`group-${viewingId}`} className="text-sm font-semibold text-slate-800">
        {t('viewings:group')}
      </h3>
      <div className="grid gap-3 sm:grid-cols-[2fr_1fr]">
        <TextField
          label={t('viewings:meetingPoint')}
          value={meetingPoint}
          disabled={!canWrite}
          placeholder={data.propertyAddress}
          onChange={(e) => setMeetingPoint(e.target.value)}
          hint={t('viewings:meetingPointHint', { address: data.propertyAddress })}
        />
        <TextField
          label={t('viewings:capacity')}
          type="number"
          min={1}
          max={200}
          value={capacity}
          disabled={!canWrite}
          onChange={(e) => setCapacity(e.target.value)}
        />
      </div>
      <CheckboxField
        label={t('viewings:bookable')}
        checked={bookable}
        disabled={!canWrite}
        onChange={(e) => setBookable(e.target.checked)}
      />
      <div className="flex flex-wrap items-center gap-3">
        {canWrite ? (
          <Button variant="secondary" loading={save.isPending} onClick={() => save.mutate()}>
            {t('viewings:saveGroup')}
          </Button>
        ) : null}
        {data.bookingUrl ? (
          <a
            className="text-sm text-brand hover:underline"
            href={data.bookingUrl}
            target="_blank"
            rel="noreferrer"
          >
            {t('viewings:bookingPage')}
          </a>
        ) : null}
      </div>
    </section>
  );
}
