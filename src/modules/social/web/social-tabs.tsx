import { useTranslation } from 'react-i18next';
import { SubNav } from '../../../web/components/sub-nav.js';

const TABS = [
  { to: '/social', key: 'posts', end: true },
  { to: '/social/kalender', key: 'calendar', end: false },
  { to: '/social/statistik', key: 'analytics', end: false },
  { to: '/social/konten', key: 'accounts', end: false },
] as const;

/** The hub's own sub-navigation; the main menu has a single "Social Media" entry. */
export function SocialTabs() {
  const { t } = useTranslation();
  return (
    <SubNav
      label={t('social:title')}
      tabs={TABS.map((tab) => ({ ...tab, label: t(`social:tabs.${tab.key}`) }))}
    />
  );
}
