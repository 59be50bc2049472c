import { useQuery } from '@tanstack/react-query';
import { Inbox } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { StatTile } from '../../../web/components/stat-tile.js';
import './i18n.js';

/** The broker's day: inquiries nobody has answered yet (lead status "neu"), linking to that list. */
export default function NewInquiriesTile() {
  const { t } = useTranslation();
  const allowed = hasPermission(useMe().data, 'crm.contacts.read');
  const count = useQuery({
    queryKey: ['crm', 'contacts', 'new-inquiries'],
    queryFn: () => api<{ total: number }>('/crm/contacts?leadStatus=neu&pageSize=1'),
    enabled: allowed,
  });
  if (!allowed) return null;
  return (
    <StatTile
      icon={<Inbox className="size-5" />}
      label={t('crm:dashboardTile.label')}
      hint={t('crm:dashboardTile.hint')}
      value={count.isError ? '–' : String(count.data?.total ?? '')}
      loading={count.isPending}
      to="/kontakte?leadStatus=neu"
    />
  );
}
