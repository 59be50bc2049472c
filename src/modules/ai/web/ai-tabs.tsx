import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { hasPermission, useMe } from '../../../web/api/session.js';

const TABS = [
  { to: '/ki', key: 'studio', end: true, permission: 'ai.history.read' },
  { to: '/ki/verlauf', key: 'history', end: false, permission: 'ai.history.read' },
  { to: '/ki/kosten', key: 'usage', end: false, permission: 'ai.usage.read' },
  { to: '/ki/anbieter', key: 'providers', end: false, permission: 'ai.history.read' },
] as const;

/** The studio's sub-navigation; the cost page only for those who may see costs. */
export function AiTabs() {
  const { t } = useTranslation();
  const me = useMe().data;
  return (
    <nav aria-label={t('ai:title')} className="mb-5 flex gap-1 border-b border-slate-200">
      {TABS.filter((tab) => hasPermission(me, tab.permission)).map((tab) => (
        <NavLink
          key={tab.key}
          to={tab.to}
          end={tab.end}
          className={({ isActive }) =>
            `-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
              isActive ? 'border-brand text-brand' : 'border-transparent text-slate-600 hover:text-slate-900'
            }`
          }
        >
          {t(`ai:tabs.${tab.key}`)}
        </NavLink>
      ))}
    </nav>
  );
}
