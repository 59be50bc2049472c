import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../api/client.js';
import { errorMessage } from '../api/error-message.js';
import { meQueryKey } from '../api/session.js';
import { Button } from '../components/button.js';
import { TextField } from '../components/field.js';
import { useModulePages } from '../module-pages.js';
import { AuthFrame } from './auth-frame.js';

/** Only same-site paths are followed after sign-in. */
const safeNext = (next: string | null) => (next?.startsWith('/') && !next.startsWith('//') ? next : '/');

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const linkParts = useModulePages().signInLinks;
  const signInLinks = useMemo(
    () => (linkParts ?? []).map((part) => ({ module: part.module, Link: lazy(part.load) })),
    [linkParts],
  );
  // The sign-up confirmation sends the new owner here with the address filled in.
  const [email, setEmail] = useState(() => params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => api('/auth/sign-in', { method: 'POST', body: { email, password } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      await navigate(safeNext(params.get('next')), { replace: true });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  const error = signIn.error;
  const message =
    error instanceof ApiError && error.code === 'sign_in_throttled'
      ? t('auth.locked', {
          minutes: Math.ceil(
            ((error.details as { retryAfterSeconds?: number })?.retryAfterSeconds ?? 60) / 60,
          ),
        })
      : error
        ? errorMessage(error, t)
        : null;
  return (
    <AuthFrame title={t('auth.signInTitle')} subtitle={t('auth.signInSubtitle')}>
      <form onSubmit={onSubmit} className="space-y-5" noValidate>
        <TextField
          label={t('auth.email')}
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label={t('auth.password')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {message ? (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
            {message}
          </p>
        ) : null}
        <Button type="submit" className="w-full" loading={signIn.isPending}>
          {signIn.isPending ? t('auth.signingIn') : t('auth.signIn')}
        </Button>
        <p className="text-center text-sm">
          <Link to="/passwort-vergessen" className="font-medium text-brand hover:underline">
            {t('auth.forgot')}
          </Link>
        </p>
        {signInLinks.map(({ module, Link: ModuleLink }) => (
          <Suspense key={module} fallback={null}>
            <ModuleLink />
          </Suspense>
        ))}
      </form>
    </AuthFrame>
  );
}
