import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { SubNav } from '../../../web/components/sub-nav.js';

const TABS = [
  { to: '/ki', key: 'studio', end: true, permission: 'ai.history.read' },
  { to: '/ki/medien', key: 'media', end: false, permission: 'ai.history.read' },
  { to: '/ki/verlauf', key: 'history', end: false, permission: 'ai.history.read' },
  { to: '/ki/kosten', key: 'usage', end: false, permission: 'ai.usage.read' },
  { to: '/ki/anbieter', key: 'providers', end: false, permission: 'ai.history.read' },
] as const;

/** The studio's sub-navigation; the cost page only for those who may see costs. */
export function AiTabs() {
  const { t } = useTranslation();
  const me = useMe().data;
  const tabs = TABS.filter((tab) => hasPermission(me, tab.permission)).map((tab) => ({
    ...tab,
    label: t(`ai:tabs.${tab.key}`),
  }));
  return <SubNav label={t('ai:title')} tabs={tabs} />;
}
