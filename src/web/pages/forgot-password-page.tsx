import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.js';
import { errorMessage } from '../api/error-message.js';
import { Button } from '../components/button.js';
import { TextField } from '../components/field.js';
import { AuthFrame } from './auth-frame.js';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const request = useMutation({
    mutationFn: () => api('/auth/request-password-reset', { method: 'POST', body: { email } }),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate();
  };
  return (
    <AuthFrame title={t('auth.forgotTitle')} subtitle={t('auth.forgotSubtitle')}>
      {request.isSuccess ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-3 py-3 text-sm text-emerald-800">
          {t('auth.linkSent')}
        </p>
      ) : (
        <form onSubmit={onSubmit} className="space-y-5" noValidate>
          <TextField
            label={t('auth.email')}
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          {request.error ? (
            <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
              {errorMessage(request.error, t)}
            </p>
          ) : null}
          <Button type="submit" className="w-full" loading={request.isPending}>
            {t('auth.sendLink')}
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
