import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client.js';
import { errorMessage } from '../api/error-message.js';
import { Button } from '../components/button.js';
import { TextField } from '../components/field.js';
import { AuthFrame } from './auth-frame.js';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token');
  const [password, setPassword] = useState('');
  const reset = useMutation({
    mutationFn: () => api('/auth/reset-password', { method: 'POST', body: { token, newPassword: password } }),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    reset.mutate();
  };
  return (
    <AuthFrame title={t('auth.resetTitle')}>
      {!token ? (
        <p role="alert" className="rounded-lg bg-amber-50 px-3 py-3 text-sm text-amber-800">
          {t('auth.resetMissingToken')}
        </p>
      ) : reset.isSuccess ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-3 py-3 text-sm text-emerald-800">
          {t('auth.resetDone')}
        </p>
      ) : (
        <form onSubmit={onSubmit} className="space-y-5" noValidate>
          <TextField
            label={t('auth.newPassword')}
            hint={t('auth.newPasswordHint')}
            type="password"
            autoComplete="new-password"
            minLength={10}
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          {reset.error ? (
            <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
              {errorMessage(reset.error, t)}
            </p>
          ) : null}
          <Button type="submit" className="w-full" loading={reset.isPending}>
            {t('common.save')}
          </Button>
        </form>
      )}
      <p className="mt-6 text-center text-sm">
        <Link to="/anmelden" className="font-medium text-brand hover:underline">
          {t('auth.backToSignIn')}
        </Link>
      </p>
    </AuthFrame>
  );
}
