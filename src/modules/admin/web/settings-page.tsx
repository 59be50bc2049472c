import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, ImageUp, Trash2 } from 'lucide-react';
import { type ChangeEvent, type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, meQueryKey, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { SelectField, TextAreaField, TextField } from '../../../web/components/field.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { TenantSettingsView } from '../contract.js';
import { ApiKeysCard } from './api-keys-card.js';
import { DomainCard } from './domain-card.js';
import { OfficeDeletionCard } from './office-deletion-card.js';
import { SupportAccessCard } from './support-access-card.js';

const LEGAL_FIELDS = [
  'legalName',
  'representative',
  'registerEntry',
  'vatId',
  'licence34c',
  'supervisoryAuthority',
  'chamber',
  'privacyPolicy',
] as const;

export function SettingsPage() {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['admin', 'settings'],
    queryFn: () => api<TenantSettingsView>('/admin/settings'),
  });
  return (
    <>
      <PageHeader title={t('admin:settings.title')} description={t('admin:settings.description')} />
      <QueryState query={query}>{(settings) => <SettingsForm settings={settings} />}</QueryState>
    </>
  );
}

function SettingsForm({ settings }: { settings: TenantSettingsView }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const canManage = hasPermission(me, 'admin.settings.manage');
  const canExport = hasPermission(me, 'admin.office.export');
  const canGrantSupport = hasPermission(me, 'admin.support.grant');
  const canManageApiKeys = hasPermission(me, 'admin.api_keys.manage');
  const canDelete = hasPermission(me, 'admin.office.delete');
  const queryClient = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [form, setForm] = useState(settings);
  useEffect(() => setForm(settings), [settings]);
  const set =
    (field: keyof TenantSettingsView) =>
    (e: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      setForm((f) => ({ ...f, [field]: e.target.value }));
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['admin', 'settings'] });
    await queryClient.invalidateQueries({ queryKey: meQueryKey });
  };
  const save = useMutation({
    mutationFn: () =>
      api<TenantSettingsView>('/admin/settings', {
        method: 'PUT',
        body: {
          displayName: form.displayName,
          primaryColor: form.primaryColor,
          accentColor: form.accentColor,
          defaultLocale: form.defaultLocale,
          contactEmail: form.contactEmail || null,
          contactPhone: form.contactPhone || null,
          address: form.address || null,
          ...Object.fromEntries(LEGAL_FIELDS.map((field) => [field, form[field] || null])),
        },
      }),
    onSuccess: async () => {
      toast.success(t('common.saved'));
      await refresh();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const uploadLogo = useMutation({
    mutationFn: (file: File) => api('/admin/settings/logo', { method: 'PUT', raw: file }),
    onSuccess: async () => {
      toast.success(t('admin:settings.logoUploaded'));
      await refresh();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const removeLogo = useMutation({
    mutationFn: () => api('/admin/settings/logo', { method: 'DELETE' }),
    onSuccess: refresh,
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={onSubmit} className="space-y-6">
      {!canManage ? (
        <p className="rounded-lg bg-slate-100 px-3 py-2 text-sm text-slate-600">
          {t('admin:settings.readOnly')}
        </p>
      ) : null}
      <fieldset disabled={!canManage} className="grid gap-6 lg:grid-cols-2">
        <Card title={t('admin:settings.branding')}>
          <div className="space-y-4">
            <TextField
              label={t('admin:settings.displayName')}
              value={form.displayName}
              onChange={set('displayName')}
              required
            />
            <div className="grid grid-cols-2 gap-4">
              <ColorField
                label={t('admin:settings.primaryColor')}
                value={form.primaryColor}
                onChange={set('primaryColor')}
              />
              <ColorField
                label={t('admin:settings.accentColor')}
                value={form.accentColor}
                onChange={set('accentColor')}
              />
            </div>
            <SelectField
              label={t('admin:settings.defaultLocale')}
              value={form.defaultLocale}
              onChange={set('defaultLocale')}
              options={[
                { value: 'de', label: 'Deutsch' },
                { value: 'en', label: 'English' },
              ]}
            />
          </div>
        </Card>
        <Card title={t('admin:settings.contact')}>
          <div className="space-y-4">
            <TextField
              label={t('admin:settings.contactEmail')}
              type="email"
              value={form.contactEmail ?? ''}
              onChange={set('contactEmail')}
            />
            <TextField
              label={t('admin:settings.contactPhone')}
              type="tel"
              value={form.contactPhone ?? ''}
              onChange={set('contactPhone')}
            />
            <TextField
              label={t('admin:settings.address')}
              value={form.address ?? ''}
              onChange={set('address')}
            />
          </div>
        </Card>
        <Card title={t('admin:settings.legal.title')} className="lg:col-span-2">
          {settings.legalMissing.length > 0 ? (
            <p role="alert" className="mb-4 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {t('admin:settings.legal.missing', { fields: settings.legalMissing.join(', ') })}
            </p>
          ) : null}
          <p className="mb-4 text-sm text-slate-600">
            {t('admin:settings.legal.hint')}{' '}
            <a className="text-brand underline" href={settings.imprintUrl} target="_blank" rel="noreferrer">
              {t('admin:settings.legal.imprintLink')}
            </a>
            {' · '}
            <a className="text-brand underline" href={settings.privacyUrl} target="_blank" rel="noreferrer">
              {t('admin:settings.legal.privacyLink')}
            </a>
          </p>
          <div className="grid gap-4 md:grid-cols-2">
            {LEGAL_FIELDS.filter((f) => f !== 'privacyPolicy').map((field) => (
              <TextField
                key={field}
                label={t(`admin:settings.legal.${field}`)}
                hint={t(`admin:settings.legal.${field}Hint`, { defaultValue: '' }) || undefined}
                value={form[field] ?? ''}
                onChange={set(field)}
              />
            ))}
            <div className="md:col-span-2">
              <TextAreaField
                label={t('admin:settings.legal.privacyPolicy')}
                hint={t('admin:settings.legal.privacyPolicyHint')}
                rows={8}
                value={form.privacyPolicy ?? ''}
                onChange={set('privacyPolicy')}
              />
            </div>
          </div>
        </Card>
        <Card title={t('admin:settings.logo')}>
          <div className="flex items-center gap-5">
            {settings.hasLogo ? (
              <img
                src={`/api/tenant/logo?v=${encodeURIComponent(String(uploadLogo.submittedAt))}`}
                alt={t('admin:settings.logo')}
                className="size-20 shrink-0 rounded-lg object-contain ring-1 ring-slate-200"
              />
            ) : (
              <div className="flex size-20 shrink-0 items-center justify-center rounded-lg bg-slate-100 text-center text-xs text-slate-500">
                {t('admin:settings.noLogo')}
              </div>
            )}
            <div className="space-y-2">
              <input
                ref={fileInput}
                type="file"
                accept="image/png,image/jpeg,image/webp"
                className="sr-only"
                aria-label={t('admin:settings.uploadLogo')}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) uploadLogo.mutate(file);
                  e.target.value = '';
                }}
              />
              <div className="flex gap-2">
                <Button
                  variant="secondary"
                  icon={<ImageUp className="size-4" />}
                  loading={uploadLogo.isPending}
                  onClick={() => fileInput.current?.click()}
                >
                  {t('admin:settings.uploadLogo')}
                </Button>
                {settings.hasLogo ? (
                  <Button
                    variant="ghost"
                    icon={<Trash2 className="size-4" />}
                    loading={removeLogo.isPending}
                    onClick={() => removeLogo.mutate()}
                  >
                    {t('admin:settings.removeLogo')}
                  </Button>
                ) : null}
              </div>
              <p className="text-xs text-slate-500">{t('admin:settings.logoHint')}</p>
            </div>
          </div>
        </Card>
      </fieldset>
      {canManage ? (
        <div className="flex justify-end">
          <Button type="submit" loading={save.isPending}>
            {save.isPending ? t('common.saving') : t('common.save')}
          </Button>
        </div>
      ) : null}
      {canManage ? <DomainCard /> : null}
      {canManageApiKeys ? <ApiKeysCard /> : null}
      {canGrantSupport ? <SupportAccessCard /> : null}
      {canExport ? (
        <Card title={t('admin:settings.export.title')}>
          <p className="mb-3 text-sm text-slate-600">{t('admin:settings.export.text')}</p>
          <a
            href="/api/admin/office-export.zip"
            download
            className="inline-flex items-center gap-2 rounded-lg bg-white px-3.5 py-2 text-sm font-semibold text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
          >
            <Download className="size-4" aria-hidden="true" />
            {t('admin:settings.export.download')}
          </a>
        </Card>
      ) : null}
      {canDelete && me?.tenant ? <OfficeDeletionCard officeName={me.tenant.name} /> : null}
    </form>
  );
}

function ColorField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (e: ChangeEvent<HTMLInputElement>) => void;
}) {
  return (
    <div className="flex items-end gap-2">
      <input
        type="color"
        value={value}
        onChange={onChange}
        aria-label={label}
        className="h-10 w-12 cursor-pointer rounded-lg border border-slate-300 bg-white p-1"
      />
      <div className="flex-1">
        <TextField label={label} value={value} onChange={onChange} pattern="#[0-9a-fA-F]{6}" />
      </div>
    </div>
  );
}
