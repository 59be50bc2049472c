import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { type HostOffice, useHostOfficeQuery } from '../api/host-office.js';

/** On an office's own address the signed-out pages wear its name, logo and colours. */
function useHostOffice(): HostOffice | undefined {
  const data = useHostOfficeQuery().data;
  useEffect(() => {
    if (!data) return;
    // On the office's own domain nobody can sign in (the session cookie is the platform's):
    // the same page at the office's platform address.
    if (data.appUrl) {
      window.location.replace(`${data.appUrl}${window.location.pathname}${window.location.search}`);
      return;
    }
    document.documentElement.style.setProperty('--brand', data.primaryColor);
    document.documentElement.style.setProperty('--brand-accent', data.accentColor);
    document.title = `${data.name} · ImmoXX`;
  }, [data]);
  return data;
}

/** The frame of the signed-out pages: form on the left, a calm brand panel on the right. */
export function AuthFrame({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const office = useHostOffice();
  return (
    <div className="flex min-h-screen">
      <div className="flex flex-1 flex-col justify-center px-6 py-12 lg:flex-none lg:px-20 xl:px-24">
        <div className="mx-auto w-full max-w-sm">
          <div className="flex items-center gap-2">
            {office?.hasLogo ? (
              <img src="/api/office/logo" alt="" className="h-9 max-w-32 object-contain" />
            ) : (
              <img src="/favicon.svg" alt="" className="size-9" />
            )}
            <span className="text-lg font-semibold tracking-tight" data-testid="frame-office">
              {office?.name ?? 'ImmoXX'}
            </span>
          </div>
          <h1 className="mt-10 text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
          {subtitle ? <p className="mt-2 text-sm text-slate-500">{subtitle}</p> : null}
          <div className="mt-8">{children}</div>
        </div>
      </div>
      <div className="relative hidden flex-1 overflow-hidden bg-gradient-to-br from-teal-800 via-teal-700 to-sky-800 lg:block">
        <svg
          className="absolute inset-x-0 bottom-0 w-full text-white/10"
          viewBox="0 0 800 300"
          preserveAspectRatio="none"
          aria-hidden="true"
        >
          <path
            d="M0 220 C 150 160, 300 260, 450 200 S 700 150, 800 190 L800 300 L0 300 Z"
            fill="currentColor"
          />
          <path
            d="M0 250 C 200 210, 350 290, 550 240 S 720 220, 800 235 L800 300 L0 300 Z"
            fill="currentColor"
          />
        </svg>
        <div className="relative flex h-full flex-col justify-end p-16 text-white">
          <p className="text-3xl font-semibold leading-tight">{t('app.tagline')}</p>
          <p className="mt-3 max-w-md text-teal-100">
            CRM · Social Media · KI-Exposés · 3D · Dokumente · Finanzierung
          </p>
        </div>
      </div>
    </div>
  );
}
