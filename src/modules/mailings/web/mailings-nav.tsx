import { useTranslation } from 'react-i18next';
import { SubNav } from '../../../web/components/sub-nav.js';

export function MailingsNav() {
  const { t } = useTranslation();
  return (
    <SubNav
      label={t('mailings:title')}
      tabs={[
        { to: '/angebotsversand', label: t('mailings:tabs.mailings'), end: true },
        { to: '/angebotsversand/vorlagen', label: t('mailings:tabs.templates') },
      ]}
    />
  );
}
