import { Menu, MenuButton, MenuItem, MenuItems } from '@headlessui/react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Building2, ChevronDown, Languages, LogOut, Menu as MenuIcon, UserRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { toast } from 'sonner';
import { api } from '../api/client.js';
import { errorMessage } from '../api/error-message.js';
import type { Me } from '../api/session.js';
import { type Language, setLanguage } from '../i18n/index.js';
import { NotificationBell } from './notification-bell.js';

export function TopBar({ me, onOpenSidebar }: { me: Me; onOpenSidebar: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const signOut = useMutation({
    mutationFn: () => api('/auth/sign-out', { method: 'POST' }),
    onSuccess: async () => {
      queryClient.clear();
      await navigate('/anmelden');
    },
  });
  const switchTenant = useMutation({
    mutationFn: (tenantId: string) => api('/me/active-tenant', { method: 'POST', body: { tenantId } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      await navigate('/');
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const changeLanguage = (language: Language) => {
    setLanguage(language);
    void api('/me', { method: 'PATCH', body: { locale: language } }).catch(() => undefined);
  };

  return (
    <div className="sticky top-0 z-30 flex h-16 shrink-0 items-center gap-x-4 border-b border-slate-200 bg-white/90 px-4 backdrop-blur sm:px-6 lg:px-8">
      <button type="button" className="-m-2.5 p-2.5 text-slate-700 lg:hidden" onClick={onOpenSidebar}>
        <span className="sr-only">{t('shell.openMenu')}</span>
        <MenuIcon className="size-6" aria-hidden="true" />
      </button>
      <div className="flex flex-1 items-center gap-3">
        {me.tenants.length > 1 ? (
          <Menu as="div" className="relative">
            <MenuButton className="flex items-center gap-2 rounded-lg px-2 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100">
              <Building2 className="size-4" aria-hidden="true" />
              {me.tenant?.name}
              <span className="sr-only">{t('shell.switchTenant')}</span>
              <ChevronDown className="size-4" aria-hidden="true" />
            </MenuButton>
            <MenuItems
              anchor="bottom start"
              className="z-40 mt-1 w-64 rounded-lg bg-white p-1 shadow-lg ring-1 ring-slate-200 focus:outline-none"
            >
              {me.tenants.map((tenant) => (
                <MenuItem key={tenant.id}>
                  <button
                    type="button"
                    onClick={() => {
                      // An office with its own address is opened there; the address decides the office.
                      if (tenant.url && new URL(tenant.url).host !== window.location.host)
                        window.location.assign(`${tenant.url}/`);
                      else switchTenant.mutate(tenant.id);
                    }}
                    className="flex w-full items-center justify-between rounded-md px-3 py-2 text-left text-sm data-focus:bg-slate-100"
                  >
                    {tenant.name}
                    <span className="text-xs text-slate-500">{t(`roles.${tenant.role}`)}</span>
                  </button>
                </MenuItem>
              ))}
            </MenuItems>
          </Menu>
        ) : (
          <span className="hidden text-sm font-medium text-slate-500 sm:block">{me.tenant?.name}</span>
        )}
      </div>
      {me.tenant ? <NotificationBell /> : null}
      <Menu as="div" className="relative">
        <MenuButton className="flex items-center gap-1.5 rounded-lg px-2 py-1.5 text-sm text-slate-600 hover:bg-slate-100">
          <Languages className="size-4" aria-hidden="true" />
          <span className="uppercase">{i18n.language}</span>
          <span className="sr-only">{t('shell.language')}</span>
        </MenuButton>
        <MenuItems
          anchor="bottom end"
          className="z-40 mt-1 w-36 rounded-lg bg-white p-1 shadow-lg ring-1 ring-slate-200 focus:outline-none"
        >
          {(['de', 'en'] as const).map((language) => (
            <MenuItem key={language}>
              <button
                type="button"
                onClick={() => changeLanguage(language)}
                className="w-full rounded-md px-3 py-2 text-left text-sm data-focus:bg-slate-100"
              >
                {language === 'de' ? 'Deutsch' : 'English'}
              </button>
            </MenuItem>
          ))}
        </MenuItems>
      </Menu>
      <Menu as="div" className="relative">
        <MenuButton className="flex items-center gap-2 rounded-full p-1 pr-2 text-sm hover:bg-slate-100">
          <span className="flex size-8 items-center justify-center rounded-full bg-brand text-xs font-semibold text-white">
            {initials(me.user.name)}
          </span>
          <span className="hidden text-left sm:block">
            <span className="block font-medium text-slate-800">{me.user.name}</span>
            <span className="block text-xs text-slate-500">
              {me.tenant ? t(`roles.${me.tenant.role}`) : ''}
            </span>
          </span>
          <span className="sr-only">{t('shell.userMenu')}</span>
        </MenuButton>
        <MenuItems
          anchor="bottom end"
          className="z-40 mt-1 w-56 rounded-lg bg-white p-1 shadow-lg ring-1 ring-slate-200 focus:outline-none"
        >
          <div className="px-3 py-2 text-xs text-slate-500">{me.user.email}</div>
          <MenuItem>
            <Link
              to="/profil"
              className="flex items-center gap-2 rounded-md px-3 py-2 text-sm data-focus:bg-slate-100"
            >
              <UserRound className="size-4" aria-hidden="true" />
              {t('shell.profile')}
            </Link>
          </MenuItem>
          <MenuItem>
            <button
              type="button"
              onClick={() => signOut.mutate()}
              className="flex w-full items-center gap-2 rounded-md px-3 py-2 text-left text-sm data-focus:bg-slate-100"
            >
              <LogOut className="size-4" aria-hidden="true" />
              {t('auth.signOut')}
            </button>
          </MenuItem>
        </MenuItems>
      </Menu>
    </div>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');
}
