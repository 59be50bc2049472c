import { Dialog, DialogPanel } from '@headlessui/react';
import { X } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatTime } from '../../platform/format/format-de.js';
import { api } from '../api/client.js';
import type { Me } from '../api/session.js';
import { Button } from '../components/button.js';
import { Sidebar } from './sidebar.js';
import { TopBar } from './top-bar.js';
import { useBranding } from './use-branding.js';

export function AppLayout({ me, children }: { me: Me; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const [sidebarOpen, setSidebarOpen] = useState(false);
  useBranding(me);
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {t('shell.skipToContent')}
      </a>
      <Dialog open={sidebarOpen} onClose={setSidebarOpen} className="relative z-50 lg:hidden">
        <div className="fixed inset-0 bg-slate-900/60" aria-hidden="true" />
        <div className="fixed inset-0 flex">
          <DialogPanel className="relative mr-16 flex w-full max-w-xs flex-1">
            <button
              type="button"
              className="absolute left-full top-4 ml-3 p-1 text-white"
              onClick={() => setSidebarOpen(false)}
            >
              <span className="sr-only">{t('common.close')}</span>
              <X className="size-6" aria-hidden="true" />
            </button>
            <Sidebar me={me} onNavigate={() => setSidebarOpen(false)} />
          </DialogPanel>
        </div>
      </Dialog>
      <div className="hidden lg:fixed lg:inset-y-0 lg:z-40 lg:flex lg:w-64 lg:flex-col">
        <Sidebar me={me} />
      </div>
      <div className="lg:pl-64">
        <TopBar me={me} onOpenSidebar={() => setSidebarOpen(true)} />
        <main id="main" className="px-4 py-8 sm:px-6 lg:px-8">
          <div className="mx-auto max-w-6xl">
            {me.support ? <SupportBanner support={me.support} /> : null}
            {me.tenant?.deleteAfter ? (
              <p
                role="alert"
                data-testid="deletion-banner"
                className="mb-6 rounded-lg bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200"
              >
                {t('shell.officeDeletion', {
                  date: formatDate(me.tenant.deleteAfter, i18n.language === 'en' ? 'en' : 'de'),
                })}
              </p>
            ) : null}
            {me.tenant?.deactivated ? (
              <p role="alert" className="mb-6 rounded-lg bg-red-50 px-4 py-3 text-sm text-red-800">
                {t('shell.officeDeactivated')}
              </p>
            ) : null}
            {children}
          </div>
        </main>
      </div>
    </div>
  );
}

/** Always in view while an operator works in an office as support; ending it goes back to the operators' pages. */
function SupportBanner({ support }: { support: NonNullable<Me['support']> }) {
  const { t, i18n } = useTranslation();
  const end = async () => {
    await api('/me/support-session/end', { method: 'POST' });
    window.location.assign('/superadmin');
  };
  return (
    <div
      role="status"
      data-testid="support-banner"
      className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-lg bg-amber-100 px-4 py-3 text-sm text-amber-950 ring-1 ring-amber-300"
    >
      <p>
        {t('shell.supportBanner', {
          office: support.tenantName,
          until: formatTime(support.expiresAt, i18n.language === 'en' ? 'en' : 'de'),
        })}
      </p>
      <Button variant="secondary" onClick={() => void end()}>
        {t('shell.supportEnd')}
      </Button>
    </div>
  );
}
