import { useQuery } from '@tanstack/react-query';
import { CheckCircle2, Circle, Database, Mail, Users, Workflow } from 'lucide-react';
import { type ComponentType, lazy, type ReactNode, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Member } from '../../modules/admin/contract.js';
import { api } from '../api/client.js';
import { hasPermission, type Me } from '../api/session.js';
import { Badge } from '../components/badge.js';
import { Card } from '../components/card.js';
import { Spinner } from '../components/spinner.js';
import { StatTile } from '../components/stat-tile.js';
import { type DashboardPart, useModulePages } from '../module-pages.js';

interface ModulesResponse {
  modules: { id: string; title: { de: string; en: string }; enabled: boolean; core: boolean }[];
  jobEngine: string;
  database: string;
  mail: 'smtp' | 'offline';
}

export function DashboardPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'de';
  const canSeeTeam = hasPermission(me, 'admin.members.read');
  const canManageTeam = hasPermission(me, 'admin.members.manage');
  const canSeeJobs = hasPermission(me, 'admin.jobs.read');
  const members = useQuery({
    queryKey: ['admin', 'members'],
    queryFn: () => api<{ items: Member[] }>('/admin/members'),
    enabled: canSeeTeam,
  });
  const invitations = useQuery({
    queryKey: ['admin', 'invitations'],
    queryFn: () => api<{ items: unknown[] }>('/admin/invitations'),
    enabled: canManageTeam,
  });
  const deadJobs = useQuery({
    queryKey: ['admin', 'jobs', 'dead'],
    queryFn: () => api<{ total: number }>('/admin/jobs?status=dead&pageSize=1'),
    enabled: canSeeJobs,
  });
  const modules = useQuery({ queryKey: ['modules'], queryFn: () => api<ModulesResponse>('/modules') });
  const firstName = me.user.name.split(' ')[0] ?? me.user.name;
  const moduleCards = useModuleParts(me, useModulePages().dashboardCards);
  const moduleTiles = useModuleParts(me, useModulePages().dashboardTiles);
  const value = (loading: boolean, text: string | undefined) =>
    loading ? <Spinner className="size-4" /> : (text ?? '–');

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
          {t('dashboard.greeting', { name: firstName })}
        </h1>
        <p className="mt-1 text-sm text-slate-500">
          {t('dashboard.subtitle', { tenant: me.tenant?.branding.displayName ?? '' })}
        </p>
      </div>
      {moduleCards.map(({ module, Card: ModuleCard }) => (
        <Suspense key={module} fallback={<Spinner label={t('common.loading')} />}>
          <ModuleCard />
        </Suspense>
      ))}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {moduleTiles.map(({ module, Card: ModuleTile }) => (
          <Suspense key={module} fallback={<Spinner label={t('common.loading')} />}>
            <ModuleTile />
          </Suspense>
        ))}
        {canSeeTeam ? (
          <StatTile
            icon={<Users className="size-5" />}
            label={t('dashboard.team')}
            value={value(
              members.isPending,
              members.data ? t('dashboard.teamMembers', { count: members.data.items.length }) : undefined,
            )}
            to="/team"
          />
        ) : null}
        {canManageTeam ? (
          <StatTile
            icon={<Mail className="size-5" />}
            label={t('dashboard.invitations')}
            value={value(
              invitations.isPending,
              invitations.data ? String(invitations.data.items.length) : undefined,
            )}
            to="/team"
          />
        ) : null}
        {canSeeJobs ? (
          <StatTile
            icon={<Workflow className="size-5" />}
            label={t('dashboard.jobs')}
            value={value(
              deadJobs.isPending,
              deadJobs.data
                ? deadJobs.data.total > 0
                  ? t('dashboard.jobsFailed', { count: deadJobs.data.total })
                  : t('dashboard.jobsAllGood')
                : undefined,
            )}
            to="/auftraege"
          />
        ) : null}
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        {canManageTeam && !moduleCards.some((card) => card.replacesSetup) ? (
          <Card title={t('dashboard.setup')}>
            <ul className="space-y-3 text-sm">
              <SetupItem
                done={Boolean(me.tenant?.branding.hasLogo)}
                to="/einstellungen"
                label={t('dashboard.setupBranding')}
              />
              <SetupItem
                done={(members.data?.items.length ?? 0) > 1}
                to="/team"
                label={t('dashboard.setupInvite')}
              />
            </ul>
          </Card>
        ) : null}
        <Card title={t('dashboard.system')}>
          {modules.data ? (
            <dl className="space-y-3 text-sm">
              <Row
                label={t('dashboard.database')}
                icon={<Database className="size-4" />}
                value={modules.data.database === 'pglite' ? 'PGlite (eingebettet)' : 'PostgreSQL'}
              />
              <Row
                label={t('dashboard.jobEngine')}
                icon={<Workflow className="size-4" />}
                value={modules.data.jobEngine}
              />
              <Row
                label={t('dashboard.mail')}
                icon={<Mail className="size-4" />}
                value={
                  <Badge tone={modules.data.mail === 'smtp' ? 'green' : 'amber'}>
                    {modules.data.mail === 'smtp' ? t('dashboard.mailSmtp') : t('dashboard.mailOffline')}
                  </Badge>
                }
              />
              <div className="border-t border-slate-100 pt-3">
                <dt className="mb-2 text-slate-500">{t('dashboard.modules')}</dt>
                <dd className="flex flex-wrap gap-2">
                  {modules.data.modules.map((m) => (
                    <Badge key={m.id} tone={m.enabled ? 'brand' : 'gray'}>
                      {m.title[language]} · {m.enabled ? t('dashboard.moduleOn') : t('dashboard.moduleOff')}
                    </Badge>
                  ))}
                </dd>
              </div>
            </dl>
          ) : (
            <Spinner label={t('common.loading')} />
          )}
        </Card>
      </div>
    </div>
  );
}

/** The cards or tiles modules put on the dashboard, for the modules this user has. */
function useModuleParts(
  me: Me,
  parts: DashboardPart[] = [],
): { module: string; Card: ComponentType; replacesSetup: boolean }[] {
  // A user has a module when it shows in their navigation or they hold one of its permissions
  // (a module without pages, such as the onboarding checklist's).
  const mine = new Set([
    ...me.nav.map((entry) => entry.module),
    ...me.permissions.map((permission) => permission.split('.')[0] ?? ''),
  ]);
  const wanted = parts.filter((part) => mine.has(part.module));
  const key = wanted.map((part) => part.module).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the lazy components are made once per set of modules
  return useMemo(
    () =>
      wanted.map((part) => ({
        module: part.module,
        Card: lazy(part.load),
        replacesSetup: part.replacesSetup === true,
      })),
    [key],
  );
}

function SetupItem({ done, to, label }: { done: boolean; to: string; label: string }) {
  return (
    <li>
      <Link to={to} className="flex items-center gap-3 rounded-lg p-1 hover:bg-slate-50">
        {done ? (
          <CheckCircle2 className="size-5 text-emerald-600" aria-hidden="true" />
        ) : (
          <Circle className="size-5 text-slate-300" aria-hidden="true" />
        )}
        <span className={done ? 'text-slate-400 line-through' : 'text-slate-700'}>{label}</span>
      </Link>
    </li>
  );
}

function Row({ label, value, icon }: { label: string; value: ReactNode; icon: ReactNode }) {
  return (
    <div className="flex items-center justify-between gap-4">
      <dt className="flex items-center gap-2 text-slate-500">
        {icon}
        {label}
      </dt>
      <dd className="text-right font-medium text-slate-800">{value}</dd>
    </div>
  );
}
