import type { DateSelectArg, EventClickArg, EventDropArg, EventSourceFuncArg } from '@fullcalendar/core';
import deLocale from '@fullcalendar/core/locales/de';
import enGbLocale from '@fullcalendar/core/locales/en-gb';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin, { type EventResizeDoneArg } from '@fullcalendar/interaction';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { useMutation, useQuery } from '@tanstack/react-query';
import { BarChart3, Plus, Route, Settings } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { useMediaQuery } from '../../../web/components/use-media-query.js';
import type { ViewingView } from '../contract.js';
import { ViewingDialog } from './viewing-dialog.js';
import { useViewingsEnabled } from './viewings-slot.js';

const STATUS_COLOURS = { geplant: '#0f766e', durchgefuehrt: '#64748b', abgesagt: '#dc2626' } as const;

export function ViewingsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const canWrite = hasPermission(me, 'crm.viewings.write');
  const calendar = useRef<FullCalendar>(null);
  const [dialog, setDialog] = useState<{ viewing?: ViewingView; startsAt?: Date; endsAt?: Date } | null>(
    null,
  );
  const refetch = () => calendar.current?.getApi().refetchEvents();
  const phone = useMediaQuery('(max-width: 640px)');
  const viewingsModule = useViewingsEnabled();
  // `?termin=<id>` opens that viewing (links from the timeline, notifications and tests).
  const [params, setParams] = useSearchParams();
  const linked = params.get('termin');
  const linkedViewing = useQuery({
    queryKey: ['crm', 'viewing', linked],
    queryFn: () => api<ViewingView>(`/crm/viewings/${linked}`),
    enabled: Boolean(linked),
  });
  useEffect(() => {
    if (!linkedViewing.data) return;
    setDialog({ viewing: linkedViewing.data });
    calendar.current?.getApi().gotoDate(linkedViewing.data.startsAt);
  }, [linkedViewing.data]);
  useEffect(() => {
    if (linkedViewing.isError) toast.error(errorMessage(linkedViewing.error, t));
  }, [linkedViewing.isError, linkedViewing.error, t]);

  const move = useMutation({
    mutationFn: ({ id, startsAt, endsAt }: { id: string; startsAt: string; endsAt: string }) =>
      api(`/crm/viewings/${id}`, { method: 'PATCH', body: { startsAt, endsAt } }),
    onSuccess: () => toast.success(t('crm:viewings.updated')),
  });
  const onMove = (arg: EventDropArg | EventResizeDoneArg) => {
    const { event } = arg;
    if (!event.start || !event.end) return arg.revert();
    move.mutate(
      { id: event.id, startsAt: event.start.toISOString(), endsAt: event.end.toISOString() },
      {
        onError: (error) => {
          arg.revert();
          toast.error(errorMessage(error, t));
        },
      },
    );
  };
  const loadEvents = async (info: EventSourceFuncArg) => {
    const { items } = await api<{ items: ViewingView[] }>(
      `/crm/viewings?${new URLSearchParams({ from: info.start.toISOString(), to: info.end.toISOString() })}`,
    );
    return items.map((v) => ({
      id: v.id,
      // The visitor first: a narrow week column cuts the end of the title, not who comes.
      title: `${v.contacts.map((c) => c.displayName).join(', ') || t('crm:viewings.noVisitor')} · ${v.propertyTitle}`,
      start: v.startsAt,
      end: v.endsAt,
      backgroundColor: STATUS_COLOURS[v.status],
      borderColor: STATUS_COLOURS[v.status],
      extendedProps: { viewing: v },
    }));
  };

  return (
    <>
      <PageHeader
        title={t('crm:viewings.title')}
        description={t('crm:viewings.description')}
        actions={
          <div className="flex flex-wrap items-center gap-3">
            {viewingsModule ? (
              <>
                <Link
                  className="inline-flex items-center gap-1 text-sm text-brand hover:underline"
                  to="/besichtigungen/tour"
                >
                  <Route className="size-4" aria-hidden="true" /> {t('crm:viewings.tourLink')}
                </Link>
                <Link
                  className="inline-flex items-center gap-1 text-sm text-brand hover:underline"
                  to="/besichtigungen/statistik"
                >
                  <BarChart3 className="size-4" aria-hidden="true" /> {t('crm:viewings.statsLink')}
                </Link>
                <Link
                  className="inline-flex items-center gap-1 text-sm text-brand hover:underline"
                  to="/besichtigungen/einstellungen"
                >
                  <Settings className="size-4" aria-hidden="true" /> {t('crm:viewings.settingsLink')}
                </Link>
              </>
            ) : null}
            {canWrite ? (
              <Button icon={<Plus className="size-4" />} onClick={() => setDialog({})}>
                {t('crm:viewings.new')}
              </Button>
            ) : null}
          </div>
        }
      />
      <Card>
        <ul
          className="mb-3 flex flex-wrap gap-3 text-xs text-slate-600"
          aria-label={t('crm:viewings.legend')}
        >
          {(Object.keys(STATUS_COLOURS) as (keyof typeof STATUS_COLOURS)[]).map((status) => (
            <li key={status} className="inline-flex items-center gap-1.5">
              <span className="size-3 rounded-sm" style={{ backgroundColor: STATUS_COLOURS[status] }} />
              {t(`crm:enum.viewingStatus.${status}`)}
            </li>
          ))}
        </ul>
        <FullCalendar
          ref={calendar}
          plugins={[dayGridPlugin, timeGridPlugin, interactionPlugin]}
          locales={[deLocale, enGbLocale]}
          locale={i18n.language === 'en' ? 'en-gb' : 'de'}
          initialView={phone ? 'timeGridDay' : 'timeGridWeek'}
          headerToolbar={
            phone
              ? { left: 'prev,next', center: 'title', right: 'today' }
              : { left: 'prev,next today', center: 'title', right: 'dayGridMonth,timeGridWeek,timeGridDay' }
          }
          footerToolbar={phone ? { center: 'timeGridDay,timeGridWeek' } : undefined}
          eventContent={(arg) => {
            const v = arg.event.extendedProps.viewing as ViewingView;
            return (
              <div className="overflow-hidden px-0.5 text-xs leading-tight" title={arg.event.title}>
                <div className="font-semibold">
                  {arg.timeText}{' '}
                  {v.contacts.map((c) => c.displayName).join(', ') || t('crm:viewings.noVisitor')}
                </div>
                <div className="truncate opacity-90">{v.propertyTitle}</div>
              </div>
            );
          }}
          slotMinTime="07:00:00"
          slotMaxTime="21:00:00"
          allDaySlot={false}
          nowIndicator
          height="auto"
          editable={canWrite}
          selectable={canWrite}
          events={loadEvents}
          select={(arg: DateSelectArg) => setDialog({ startsAt: arg.start, endsAt: arg.end })}
          eventClick={(arg: EventClickArg) =>
            setDialog({ viewing: arg.event.extendedProps.viewing as ViewingView })
          }
          eventDrop={onMove}
          eventResize={onMove}
        />
      </Card>
      {dialog ? (
        <ViewingDialog
          viewing={dialog.viewing}
          startsAt={dialog.startsAt}
          endsAt={dialog.endsAt}
          canWrite={canWrite}
          onClose={() => {
            setDialog(null);
            if (linked) setParams({});
          }}
          onSaved={() => {
            setDialog(null);
            if (linked) setParams({});
            refetch();
          }}
        />
      ) : null}
    </>
  );
}
