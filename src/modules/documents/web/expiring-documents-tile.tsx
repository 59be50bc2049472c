import { useQuery } from '@tanstack/react-query';
import { FileClock } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { StatTile } from '../../../web/components/stat-tile.js';
import './i18n.js';

/** The broker's day: certificates and extracts that expired or soon will, linking to that list. */
export default function ExpiringDocumentsTile() {
  const { t } = useTranslation();
  const allowed = hasPermission(useMe().data, 'documents.read');
  const count = useQuery({
    queryKey: ['documents', 'expiring-count'],
    queryFn: () => api<{ total: number }>('/documents?expiring=true&pageSize=1'),
    enabled: allowed,
  });
  if (!allowed) return null;
  return (
    <StatTile
      icon={<FileClock className="size-5" />}
      label={t('documents:dashboardTile.label')}
      hint={t('documents:dashboardTile.hint')}
      value={count.isError ? '–' : String(count.data?.total ?? '')}
      loading={count.isPending}
      to="/dokumente?expiring=true"
    />
  );
}
