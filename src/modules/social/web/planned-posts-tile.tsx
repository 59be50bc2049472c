import { CalendarClock } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { CountTile } from '../../../web/components/count-tile.js';
import './i18n.js';

/** The broker's day: posts waiting for their scheduled time, linking to that list. */
export default function PlannedPostsTile() {
  const { t } = useTranslation();
  return (
    <CountTile
      permission="social.posts.read"
      queryKey={['social', 'posts', 'status=geplant']}
      listPath="/social-media/posts?status=geplant"
      to="/social?status=geplant"
      icon={<CalendarClock className="size-5" />}
      label={t('social:dashboardTile.label')}
      hint={t('social:dashboardTile.hint')}
    />
  );
}
