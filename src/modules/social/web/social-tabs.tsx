import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

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
    <nav aria-label={t('social:title')} className="mb-5 flex gap-1 border-b border-slate-200">
      {TABS.map((tab) => (
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
          {t(`social:tabs.${tab.key}`)}
        </NavLink>
      ))}
    </nav>
  );
}
