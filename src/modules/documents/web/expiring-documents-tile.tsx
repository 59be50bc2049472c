import { FileClock } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { CountTile } from '../../../web/components/count-tile.js';
import './i18n.js';

/** The broker's day: certificates and extracts that expired or soon will, linking to that list. */
export default function ExpiringDocumentsTile() {
  const { t } = useTranslation();
  return (
    <CountTile
      permission="documents.read"
      queryKey={['documents', 'expiring=true']}
      listPath="/documents?expiring=true"
      to="/dokumente?expiring=true"
      icon={<FileClock className="size-5" />}
      label={t('documents:dashboardTile.label')}
      hint={t('documents:dashboardTile.hint')}
    />
  );
}
