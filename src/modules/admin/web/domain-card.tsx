import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { formatDateTime } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { TextField } from '../../../web/components/field.js';
import { QueryState } from '../../../web/components/query-state.js';

interface DomainView {
  domain: {
    hostname: string;
    verifiedAt: string | null;
    lastCheckAt: string | null;
    lastError: string | null;
    txtName: string;
    txtValue: string;
    cnameTarget: string;
    wellKnownUrl: string;
  } | null;
}

const KEY = ['admin', 'domain'];

/** A DNS record to copy, in monospace so a 0 and an O cannot be mixed up. */
function Record({ label, value }: { label: string; value: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="break-all font-mono text-xs text-slate-800">{value}</dd>
    </div>
  );
}

/**
 * The office's own domain: register it, see the DNS records to set, check them, remove it.
 * Buttons, not a form: it sits inside the settings form.
 */
export function DomainCard() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const client = useQueryClient();
  const [hostname, setHostname] = useState('');
  const view = useQuery({ queryKey: KEY, queryFn: () => api<DomainView>('/admin/domain') });
  const onSuccess = (message: string) => (next: DomainView) => {
    client.setQueryData(KEY, next);
    toast.success(message);
  };
  const onError = (error: unknown) => toast.error(errorMessage(error, t));
  const register = useMutation({
    mutationFn: () => api<DomainView>('/admin/domain', { method: 'PUT', body: { hostname } }),
    onSuccess: (next) => {
      setHostname('');
      onSuccess(t('admin:settings.domain.registered'))(next);
    },
    onError,
  });
  const verify = useMutation({
    mutationFn: () => api<DomainView>('/admin/domain/verify', { method: 'POST' }),
    onSuccess: (next) => {
      client.setQueryData(KEY, next);
      if (next.domain?.verifiedAt) toast.success(t('admin:settings.domain.verifiedToast'));
      else toast.error(t('admin:settings.domain.notYet'));
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: () => api<DomainView>('/admin/domain', { method: 'DELETE' }),
    onSuccess: onSuccess(t('admin:settings.domain.removed')),
    onError,
  });
  const submitOnEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (hostname.trim()) register.mutate();
  };
  const entry = (
    <div className="flex flex-wrap items-end gap-3">
      <div className="min-w-0 flex-1">
        <TextField
          label={t('admin:settings.domain.hostname')}
          placeholder="www.ihr-maklerbuero.de"
          value={hostname}
          onChange={(e) => setHostname(e.target.value)}
          onKeyDown={submitOnEnter}
        />
      </div>
      <Button
        type="button"
        loading={register.isPending}
        disabled={!hostname.trim()}
        onClick={() => register.mutate()}
      >
        {t('admin:settings.domain.register')}
      </Button>
    </div>
  );
  return (
    <Card title={t('admin:settings.domain.title')}>
      <p className="mb-3 text-sm text-slate-600">{t('admin:settings.domain.text')}</p>
      <QueryState query={view}>
        {({ domain }) =>
          domain ? (
            <div className="space-y-3" data-testid="office-domain">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-medium text-slate-900">{domain.hostname}</span>
                <span
                  className={`rounded-full px-2 py-0.5 text-xs font-medium ${
                    domain.verifiedAt ? 'bg-emerald-100 text-emerald-800' : 'bg-amber-100 text-amber-900'
                  }`}
                >
                  {domain.verifiedAt
                    ? t('admin:settings.domain.active', { at: formatDateTime(domain.verifiedAt, lang) })
                    : t('admin:settings.domain.pending')}
                </span>
              </div>
              {domain.verifiedAt ? null : (
                <>
                  <p className="text-sm text-slate-600">{t('admin:settings.domain.howTo')}</p>
                  <dl className="grid gap-2 rounded-lg bg-slate-50 p-3 sm:grid-cols-2">
                    <Record label={t('admin:settings.domain.txtName')} value={domain.txtName} />
                    <Record label={t('admin:settings.domain.txtValue')} value={domain.txtValue} />
                    <Record label={t('admin:settings.domain.cname')} value={domain.cnameTarget} />
                    <Record label={t('admin:settings.domain.wellKnown')} value={domain.wellKnownUrl} />
                  </dl>
                </>
              )}
              {domain.lastError && !domain.verifiedAt ? (
                <p className="rounded-lg bg-red-50 p-3 text-sm text-red-800" role="status">
                  {t('admin:settings.domain.lastCheck', {
                    at: domain.lastCheckAt ? formatDateTime(domain.lastCheckAt, lang) : '',
                  })}{' '}
                  {domain.lastError}
                </p>
              ) : null}
              <div className="flex flex-wrap gap-2">
                {domain.verifiedAt ? null : (
                  <Button type="button" loading={verify.isPending} onClick={() => verify.mutate()}>
                    {t('admin:settings.domain.verify')}
                  </Button>
                )}
                <Button
                  type="button"
                  variant="secondary"
                  loading={remove.isPending}
                  onClick={() => remove.mutate()}
                >
                  {t('admin:settings.domain.remove')}
                </Button>
              </div>
            </div>
          ) : (
            entry
          )
        }
      </QueryState>
    </Card>
  );
}
