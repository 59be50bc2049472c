import { Building2 } from 'lucide-react';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import type { Me } from './api/session.js';
import { EmptyState } from './components/empty-state.js';
import { Spinner } from './components/spinner.js';
import { AppLayout } from './layout/app-layout.js';
import { ModuleOutlet } from './layout/module-outlet.js';
import { RequireSession } from './layout/require-session.js';
import { useModulePages } from './module-pages.js';
import { AcceptInvitationPage } from './pages/accept-invitation-page.js';
import { DashboardPage } from './pages/dashboard-page.js';
import { ForgotPasswordPage } from './pages/forgot-password-page.js';
import { LoginPage } from './pages/login-page.js';
import { ProfilePage } from './pages/profile-page.js';
import { ResetPasswordPage } from './pages/reset-password-page.js';

function SignedInApp({ me }: { me: Me }) {
  const { t } = useTranslation();
  if (!me.tenant) {
    // On another office's own address the user's offices are a click away.
    const noTenant =
      me.tenants.length > 0 ? (
        <EmptyState
          icon={Building2}
          title={me.user.name}
          text={t('shell.notMemberHere')}
          action={
            <ul className="space-y-2">
              {me.tenants.map((office) => (
                <li key={office.id}>
                  <a
                    href={office.url ? `${office.url}/` : '/'}
                    className="font-medium text-brand hover:underline"
                  >
                    {office.name}
                  </a>
                </li>
              ))}
            </ul>
          }
        />
      ) : (
        <EmptyState icon={Building2} title={me.user.name} text={t('shell.noTenant')} />
      );
    // An operator of the platform, or a network's administrator, may belong to no office and
    // still has the pages their nav names.
    return (
      <AppLayout me={me}>
        {me.superadmin || me.nav.length > 0 ? (
          <Routes>
            <Route index element={noTenant} />
            <Route path="profil" element={<ProfilePage me={me} />} />
            <Route path="*" element={<ModuleOutlet me={me} />} />
          </Routes>
        ) : (
          noTenant
        )}
      </AppLayout>
    );
  }
  return (
    <AppLayout me={me}>
      <Routes>
        <Route index element={<DashboardPage me={me} />} />
        <Route path="profil" element={<ProfilePage me={me} />} />
        <Route path="*" element={<ModuleOutlet me={me} />} />
      </Routes>
    </AppLayout>
  );
}

export function App() {
  const modulePages = useModulePages();
  const publicPages = useMemo(
    () => modulePages.publicPages.map(({ path, load }) => ({ path, Page: lazy(load) })),
    [modulePages],
  );
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/anmelden" element={<LoginPage />} />
        <Route path="/passwort-vergessen" element={<ForgotPasswordPage />} />
        <Route path="/passwort-zuruecksetzen" element={<ResetPasswordPage />} />
        <Route path="/einladung/:invitationId" element={<AcceptInvitationPage />} />
        {publicPages.map(({ path, Page }) => (
          <Route
            key={path}
            path={path}
            element={
              <Suspense fallback={<Spinner />}>
                <Page />
              </Suspense>
            }
          />
        ))}
        <Route path="/*" element={<RequireSession>{(me) => <SignedInApp me={me} />}</RequireSession>} />
      </Routes>
    </BrowserRouter>
  );
}
