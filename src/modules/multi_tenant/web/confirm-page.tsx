import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Spinner } from '../../../web/components/spinner.js';
import { AuthFrame } from '../../../web/pages/auth-frame.js';
import type { SignupConfirmed } from '../contract.js';
import './i18n.js';

const linkClass =
  'inline-flex w-full justify-center rounded-lg bg-brand px-3 py-2 text-sm font-semibold text-white shadow-sm hover:opacity-90';

/**
 * `/registrieren/bestaetigen#<token>`: the token sits in the fragment, which browsers send to no
 * server and keep out of referrers and access logs; this page posts it once.
 */
export default function ConfirmSignupPage() {
  const { t } = useTranslation();
  const token = typeof window === 'undefined' ? '' : window.location.hash.slice(1);
  const confirm = useMutation({
    mutationFn: () => api<SignupConfirmed>('/offices/signup/confirm', { method: 'POST', body: { token } }),
  });
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current || token.length < 20) return;
    sent.current = true;
    confirm.mutate();
  }, [confirm, token]);

  const signInLink = (email: string, office: string | null = null) => {
    const path = `/anmelden?email=${encodeURIComponent(email)}`;
    // The office lives at its own address: the sign-in there opens it.
    return office ? (
      <a href={`${office}${path}`} className={linkClass}>
        {t('offices:goSignIn')}
      </a>
    ) : (
      <Link to={path} className={linkClass}>
        {t('offices:goSignIn')}
      </Link>
    );
  };
  let body: ReactNode;
  if (token.length < 20)
    body = (
      <p role="alert" className="rounded-lg bg-red-50 px-3 py-3 text-sm text-red-700">
        {t('offices:noToken')}
      </p>
    );
  else if (confirm.isSuccess) {
    const done = confirm.data;
    body = (
      <div className="space-y-4">
        <div role="status" className="space-y-2 rounded-lg bg-emerald-50 px-4 py-4 text-sm text-emerald-900">
          <p className="font-semibold">{t('offices:confirmed', { office: done.officeName })}</p>
          <p>{done.existingAccount ? t('offices:confirmedExisting') : t('offices:confirmedNew')}</p>
          {done.withDemoData ? <p>{t('offices:demoPending')}</p> : null}
        </div>
        {done.officeUrl ? (
          <p className="text-sm text-slate-600">
            {t('offices:officeAt')} <span className="font-medium text-slate-900">{done.officeUrl}</span>
          </p>
        ) : null}
        {signInLink(done.email, done.officeUrl)}
      </div>
    );
  } else if (confirm.isError) {
    const error = confirm.error;
    const alreadyOpen = error instanceof ApiError && error.code === 'already_confirmed';
    const email = alreadyOpen ? ((error.details as { email?: string } | undefined)?.email ?? '') : '';
    body = (
      <div className="space-y-4">
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-3 text-sm text-red-700">
          {errorMessage(error, t)}
        </p>
        {alreadyOpen ? (
          signInLink(email)
        ) : (
          <Link to="/registrieren" className={linkClass}>
            {t('offices:signUpAgain')}
          </Link>
        )}
      </div>
    );
  } else body = <Spinner label={t('offices:confirming')} />;
  return <AuthFrame title={t('offices:confirmTitle')}>{body}</AuthFrame>;
}
