import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../platform/format/format-de.js';
import { ApiError, api } from '../../../web/api/client.js';
import { errorMessage, fieldErrors } from '../../../web/api/error-message.js';
import { Button } from '../../../web/components/button.js';
import { CheckboxField, TextField } from '../../../web/components/field.js';
import { Spinner } from '../../../web/components/spinner.js';
import { AuthFrame } from '../../../web/pages/auth-frame.js';
import type { SignupAccepted, SignupSettings, SubdomainCheck } from '../contract.js';
import { suggestSubdomain } from '../subdomain.js';
import './i18n.js';

/** Waits until typing pauses before the address is checked, so each key press costs no request. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** `/registrieren`: a broker opens an office; the office exists once the mailed link is followed. */
export default function SignupPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const settings = useQuery({
    queryKey: ['offices', 'signup'],
    queryFn: () => api<SignupSettings>('/offices/signup'),
    retry: false,
  });
  const [officeName, setOfficeName] = useState('');
  const [subdomain, setSubdomain] = useState('');
  const [subdomainTouched, setSubdomainTouched] = useState(false);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [withDemoData, setWithDemoData] = useState(false);
  const [acceptTerms, setAcceptTerms] = useState(false);

  const address = subdomainTouched ? subdomain : officeName.trim() ? suggestSubdomain(officeName) : '';
  const settledAddress = useSettled(address, 350);
  const check = useQuery({
    queryKey: ['offices', 'subdomain', settledAddress],
    queryFn: () =>
      api<SubdomainCheck>(`/offices/signup/subdomain?name=${encodeURIComponent(settledAddress)}`),
    enabled: settings.isSuccess && settledAddress.length > 0,
  });
  const submit = useMutation({
    mutationFn: () =>
      api<SignupAccepted>('/offices/signup', {
        method: 'POST',
        body: {
          officeName,
          subdomain: address,
          name,
          email,
          password,
          withDemoData,
          acceptTerms,
          locale: lang,
        },
      }),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate();
  };

  const frame = (body: ReactNode, title = t('offices:title'), subtitle?: string) => (
    <AuthFrame title={title} subtitle={subtitle}>
      {body}
      <p className="mt-6 text-center text-sm text-slate-600">
        {t('offices:haveAccount')}{' '}
        <Link to="/anmelden" className="font-medium text-brand hover:underline">
          {t('offices:signIn')}
        </Link>
      </p>
    </AuthFrame>
  );
  if (settings.isPending) return frame(<Spinner label={t('common.loading')} />);
  if (settings.isError)
    return frame(
      <p role="alert" className="rounded-lg bg-amber-50 px-3 py-3 text-sm text-amber-900">
        {settings.error instanceof ApiError && settings.error.status === 404
          ? t('offices:disabled')
          : errorMessage(settings.error, t)}
      </p>,
    );
  if (submit.isSuccess)
    return frame(
      <div role="status" className="space-y-3 rounded-lg bg-emerald-50 px-4 py-4 text-sm text-emerald-900">
        <p>{submit.data.message}</p>
        <p>{t('offices:validUntil', { date: formatDateTime(submit.data.expiresAt, lang) })}</p>
      </div>,
      submit.data.delivery === 'offline' ? t('offices:offlineTitle') : t('offices:sentTitle'),
    );

  const errors = fieldErrors(submit.error);
  const taken = submit.error instanceof ApiError && submit.error.code.startsWith('subdomain_');
  const checked = check.data && check.data.subdomain === address ? check.data : null;
  const baseDomain = settings.data.baseDomain;
  const addressHint = checked?.available
    ? `${t('offices:available')} – ${baseDomain ? t('offices:subdomainHint', { address: `${address}.${baseDomain}` }) : address}`
    : t('offices:subdomainNameHint');
  return frame(
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <TextField
        label={t('offices:officeName')}
        autoComplete="organization"
        required
        value={officeName}
        error={errors.officeName}
        onChange={(e) => setOfficeName(e.target.value)}
      />
      <div>
        <TextField
          label={t('offices:subdomain')}
          required
          value={address}
          spellCheck={false}
          autoCapitalize="none"
          error={errors.subdomain ?? (checked && !checked.available ? checked.reason : null)}
          hint={check.isFetching ? t('offices:checking') : addressHint}
          onChange={(e) => {
            setSubdomainTouched(true);
            setSubdomain(e.target.value.toLowerCase());
          }}
        />
        {checked && !checked.available && checked.suggestion ? (
          <button
            type="button"
            className="mt-1 text-xs font-medium text-brand hover:underline"
            onClick={() => {
              setSubdomainTouched(true);
              setSubdomain(checked.suggestion ?? '');
            }}
          >
            {t('offices:useSuggestion', { name: checked.suggestion })}
          </button>
        ) : null}
      </div>
      <TextField
        label={t('offices:name')}
        autoComplete="name"
        required
        value={name}
        error={errors.name}
        onChange={(e) => setName(e.target.value)}
      />
      <TextField
        label={t('offices:email')}
        type="email"
        autoComplete="email"
        required
        value={email}
        error={errors.email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <TextField
        label={t('offices:password')}
        type="password"
        autoComplete="new-password"
        required
        value={password}
        error={errors.password}
        hint={t('offices:passwordHint')}
        onChange={(e) => setPassword(e.target.value)}
      />
      <CheckboxField
        label={t('offices:demoData')}
        checked={withDemoData}
        onChange={(e) => setWithDemoData(e.target.checked)}
      />
      <CheckboxField
        label={t('offices:terms')}
        checked={acceptTerms}
        onChange={(e) => setAcceptTerms(e.target.checked)}
      />
      {submit.error && (taken || Object.keys(errors).length === 0 || errors.acceptTerms) ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
          {errors.acceptTerms ?? errorMessage(submit.error, t)}
        </p>
      ) : null}
      <Button type="submit" className="w-full" loading={submit.isPending}>
        {t('offices:submit')}
      </Button>
    </form>,
    t('offices:title'),
    settings.data.trialDays > 0
      ? t('offices:subtitle', { days: settings.data.trialDays, plan: settings.data.trialPlan })
      : t('offices:subtitleFree'),
  );
}
