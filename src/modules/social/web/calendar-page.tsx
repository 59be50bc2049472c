import type { EventClickArg, EventDropArg, EventSourceFuncArg } from '@fullcalendar/core';
import deLocale from '@fullcalendar/core/locales/de';
import enGbLocale from '@fullcalendar/core/locales/en-gb';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin from '@fullcalendar/interaction';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { useMutation } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { readAllPages } from '../../../web/api/use-list-pages.js';
import { Card } from '../../../web/components/card.js';
import { PageHeader } from '../../../web/components/page-header.js';
import type { PostView } from '../contract.js';
import { PLATFORM_COLOURS } from './social-badges.js';
import { SocialTabs } from './social-tabs.js';

/** Every channel is its own event: channels of one post can go out at different times. */
export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const canPublish = hasPermission(useMe().data, 'social.posts.publish');
  const calendar = useRef<FullCalendar>(null);

  const move = useMutation({
    mutationFn: ({ id, scheduledAt }: { id: string; scheduledAt: string }) =>
      api(`/social-media/targets/${id}`, { method: 'PATCH', body: { scheduledAt } }),
    onSuccess: () => toast.success(t('social:calendar.moved')),
  });
  const onDrop = (arg: EventDropArg) => {
    if (!arg.event.start) return arg.revert();
    move.mutate(
      { id: arg.event.id, scheduledAt: arg.event.start.toISOString() },
      {
        onError: (error) => {
          arg.revert();
          toast.error(errorMessage(error, t));
        },
      },
    );
  };
  const loadEvents = async (info: EventSourceFuncArg) => {
    const items = await readAllPages<PostView>('/social-media/posts', {
      from: info.start.toISOString(),
      to: info.end.toISOString(),
    });
    return items.flatMap((post) =>
      post.targets
        .filter((target) => target.scheduledAt || target.publishedAt)
        .map((target) => ({
          id: target.id,
          title: `${t(`social:platform.${target.platform}`)} · ${post.title}`,
          start: target.publishedAt ?? target.scheduledAt ?? undefined,
          allDay: false,
          editable: canPublish && target.status === 'geplant',
          backgroundColor: PLATFORM_COLOURS[target.platform],
          borderColor: PLATFORM_COLOURS[target.platform],
          classNames: target.status === 'veroeffentlicht' ? ['opacity-70'] : [],
          extendedProps: { postId: post.id, status: target.status },
        })),
    );
  };

  return (
    <>
      <PageHeader title={t('social:title')} description={t('social:calendar.description')} />
      <SocialTabs />
      <Card>
        <FullCalendar
          ref={calendar}
          plugins={[dayGridPlugin, timeGridPlugin, interactionPlugin]}
          locales={[deLocale, enGbLocale]}
          locale={i18n.language === 'en' ? 'en-gb' : 'de'}
          initialView="dayGridMonth"
          headerToolbar={{ left: 'prev,next today', center: 'title', right: 'dayGridMonth,timeGridWeek' }}
          height="auto"
          nowIndicator
          eventDurationEditable={false}
          events={loadEvents}
          eventDrop={onDrop}
          eventClick={(arg: EventClickArg) =>
            navigate(`/social/beitraege/${arg.event.extendedProps.postId as string}`)
          }
          eventTimeFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
        />
      </Card>
    </>
  );
}
