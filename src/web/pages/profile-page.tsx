import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { api } from '../api/client.js';
import { errorMessage } from '../api/error-message.js';
import { type Me, meQueryKey } from '../api/session.js';
import { Button } from '../components/button.js';
import { Card } from '../components/card.js';
import { SelectField, TextField } from '../components/field.js';
import { PageHeader } from '../components/page-header.js';
import { setLanguage } from '../i18n/index.js';
import { AnalyticsConsentCard } from './analytics-consent-card.js';
import { NotificationPreferences } from './notification-preferences.js';

export function ProfilePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(me.user.name);
  const [locale, setLocale] = useState(me.user.locale === 'en' ? 'en' : 'de');
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');

  const saveProfile = useMutation({
    mutationFn: () => api('/me', { method: 'PATCH', body: { name, locale } }),
    onSuccess: async () => {
      setLanguage(locale as 'de' | 'en');
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      toast.success(t('common.saved'));
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const changePassword = useMutation({
    mutationFn: () => api('/me/password', { method: 'POST', body: { currentPassword, newPassword } }),
    onSuccess: () => {
      setCurrentPassword('');
      setNewPassword('');
      toast.success(t('profile.passwordChanged'));
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });

  const submit = (mutation: { mutate: () => void }) => (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };

  return (
    <>
      <PageHeader title={t('profile.title')} description={me.user.email} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t('profile.title')}>
          <form onSubmit={submit(saveProfile)} className="space-y-4">
            <TextField
              label={t('profile.name')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              minLength={2}
            />
            <SelectField
              label={t('profile.language')}
              value={locale}
              onChange={(e) => setLocale(e.target.value as 'de' | 'en')}
              options={[
                { value: 'de', label: 'Deutsch' },
                { value: 'en', label: 'English' },
              ]}
            />
            <Button type="submit" loading={saveProfile.isPending}>
              {t('common.save')}
            </Button>
          </form>
        </Card>
        <Card title={t('profile.changePassword')}>
          <form onSubmit={submit(changePassword)} className="space-y-4">
            <TextField
              label={t('auth.currentPassword')}
              type="password"
              autoComplete="current-password"
              value={currentPassword}
              onChange={(e) => setCurrentPassword(e.target.value)}
              required
            />
            <TextField
              label={t('auth.newPassword')}
              hint={t('auth.newPasswordHint')}
              type="password"
              autoComplete="new-password"
              value={newPassword}
              onChange={(e) => setNewPassword(e.target.value)}
              required
              minLength={10}
            />
            <Button type="submit" loading={changePassword.isPending}>
              {t('profile.changePassword')}
            </Button>
          </form>
        </Card>
        {me.tenant ? <NotificationPreferences /> : null}
        <AnalyticsConsentCard />
      </div>
    </>
  );
}
