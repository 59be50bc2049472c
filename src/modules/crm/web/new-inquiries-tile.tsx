import { Inbox } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { CountTile } from '../../../web/components/count-tile.js';
import './i18n.js';

/** The broker's day: inquiries nobody has answered yet (lead status "neu"), linking to that list. */
export default function NewInquiriesTile() {
  const { t } = useTranslation();
  return (
    <CountTile
      permission="crm.contacts.read"
      queryKey={['crm', 'contacts', 'leadStatus=neu']}
      listPath="/crm/contacts?leadStatus=neu"
      to="/kontakte?leadStatus=neu"
      icon={<Inbox className="size-5" />}
      label={t('crm:dashboardTile.label')}
      hint={t('crm:dashboardTile.hint')}
    />
  );
}
