import './i18n.js';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatTime } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';

/** In the viewing dialog: the agent's own calendar already has something at that time. */
export default function BusyWarning({
  agentId,
  startsAt,
  endsAt,
}: {
  agentId: string;
  startsAt: string;
  endsAt: string;
}) {
  const { t, i18n } = useTranslation();
  const query = useQuery({
    queryKey: ['viewings', 'busy', agentId, startsAt, endsAt],
    queryFn: () =>
      api<{ busy: { startsAt: string; endsAt: string }[] }>(
        `/viewings/busy?${new URLSearchParams({ agentId, from: startsAt, to: endsAt })}`,
      ),
  });
  const busy = query.data?.busy ?? [];
  if (busy.length === 0) return null;
  const times = busy
    .map((b) => `${formatDateTime(b.startsAt, i18n.language)}–${formatTime(b.endsAt, i18n.language)}`)
    .join(', ');
  return (
    <p role="alert" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
      {t('viewings:busyWarning', { times })}
    </p>
  );
}
