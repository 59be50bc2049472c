import { Lock } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { Me } from '../api/session.js';
import { NavIcon } from './nav-icon.js';

export function Sidebar({ me, onNavigate }: { me: Me; onNavigate?: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'de';
  const branding = me.tenant?.branding;
  const entries = [{ path: '/', label: t('shell.dashboard'), icon: 'layout-dashboard' }].concat(
    me.nav.map((entry) => ({ path: entry.path, label: entry.label[language], icon: entry.icon })),
  );
  return (
    <div className="flex h-full flex-col gap-y-5 overflow-y-auto bg-slate-900 px-4 pb-4">
      <div className="flex h-16 shrink-0 items-center gap-3 px-2">
        {branding?.hasLogo ? (
          <img src="/api/tenant/logo" alt="" className="size-9 rounded-lg bg-white object-contain p-0.5" />
        ) : (
          <div className="flex size-9 items-center justify-center rounded-lg bg-brand text-sm font-bold text-white">
            {(branding?.displayName ?? 'I').slice(0, 1)}
          </div>
        )}
        <div className="min-w-0">
          <p className="truncate text-sm font-semibold text-white">{branding?.displayName ?? 'ImmoXX'}</p>
          <p className="text-xs text-slate-400">ImmoXX</p>
        </div>
      </div>
      <nav aria-label={t('shell.navigation')} className="flex flex-1 flex-col">
        <ul className="space-y-1">
          {entries.map((entry) => (
            <li key={entry.path}>
              <NavLink
                to={entry.path}
                end={entry.path === '/'}
                onClick={onNavigate}
                className={({ isActive }) =>
                  `group flex items-center gap-x-3 rounded-lg px-3 py-2 text-sm font-medium ${
                    isActive ? 'bg-white/10 text-white' : 'text-slate-300 hover:bg-white/5 hover:text-white'
                  }`
                }
              >
                <NavIcon name={entry.icon} className="size-5 shrink-0" />
                {entry.label}
              </NavLink>
            </li>
          ))}
        </ul>
        {me.lockedNav.length > 0 ? (
          <ul className="mt-6 space-y-1 border-t border-white/10 pt-4" data-testid="locked-nav">
            {me.lockedNav.map((entry) => (
              <li key={entry.path}>
                <NavLink
                  to="/abrechnung"
                  onClick={onNavigate}
                  title={t('shell.lockedModule', { plan: entry.upgradeTo ?? '' })}
                  className="flex items-center gap-x-3 rounded-lg px-3 py-2 text-sm font-medium text-slate-500 hover:bg-white/5 hover:text-slate-300"
                >
                  <NavIcon name={entry.icon} className="size-5 shrink-0" />
                  <span className="flex-1">{entry.label[language]}</span>
                  <Lock className="size-3.5" aria-label={t('shell.locked')} />
                </NavLink>
              </li>
            ))}
          </ul>
        ) : null}
      </nav>
    </div>
  );
}
