import { useQuery } from '@tanstack/react-query';
import { CalendarClock } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { StatTile } from '../../../web/components/stat-tile.js';
import './i18n.js';

/** The broker's day: posts waiting for their scheduled time, linking to that list. */
export default function PlannedPostsTile() {
  const { t } = useTranslation();
  const allowed = hasPermission(useMe().data, 'social.posts.read');
  const count = useQuery({
    queryKey: ['social', 'posts', 'planned-count'],
    queryFn: () => api<{ total: number }>('/social-media/posts?status=geplant&pageSize=1'),
    enabled: allowed,
  });
  if (!allowed) return null;
  return (
    <StatTile
      icon={<CalendarClock className="size-5" />}
      label={t('social:dashboardTile.label')}
      hint={t('social:dashboardTile.hint')}
      value={count.isError ? '–' : String(count.data?.total ?? '')}
      loading={count.isPending}
      to="/social?status=geplant"
    />
  );
}
