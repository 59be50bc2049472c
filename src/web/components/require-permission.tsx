import { Lock } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasPermission, useMe } from '../api/session.js';

/**
 * A page only for roles that may use it: a read-only user who opens "/objekte/neu" by link sees
 * why not, instead of a form that fails on save.
 */
export function RequirePermission({
  permission,
  back,
  children,
}: {
  permission: string;
  back?: { to: string; label: string };
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me) return null;
  if (hasPermission(me, permission)) return <>{children}</>;
  return (
    <div role="alert" className="mx-auto flex max-w-md flex-col items-center gap-3 py-16 text-center">
      <Lock className="size-7 text-slate-400" aria-hidden="true" />
      <p className="text-base font-medium text-slate-800">{t('errors.forbidden')}</p>
      <p className="text-sm text-slate-500">{t('errors.askOwner')}</p>
      {back ? (
        <Link to={back.to} className="text-sm font-medium text-brand underline">
          {back.label}
        </Link>
      ) : null}
    </div>
  );
}
