import './i18n.js';
import { useTranslation } from 'react-i18next';
import { CheckboxField, TextField } from '../../../web/components/field.js';
import type { SmtpInput } from '../contract.js';

export interface SmtpFields {
  host: string;
  port: string;
  tls: boolean;
  from: string;
}

export const EMPTY_SMTP: SmtpFields = { host: '', port: '465', tls: true, from: '' };

export const smtpBody = (f: SmtpFields): SmtpInput => ({
  smtpHost: f.host.trim(),
  smtpPort: Number(f.port) || (f.tls ? 465 : 587),
  smtpTls: f.tls,
  smtpFrom: f.from.trim() || undefined,
});

/** The outgoing server's fields, shared by connecting a mailbox and adding SMTP later. */
export function SmtpFieldset({ value, onChange }: { value: SmtpFields; onChange: (v: SmtpFields) => void }) {
  const { t } = useTranslation();
  const set = (field: 'host' | 'port' | 'from') => (e: { target: { value: string } }) =>
    onChange({ ...value, [field]: e.target.value });
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-700">{t('inbox:smtpLegend')}</legend>
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField
          label={t('inbox:smtpHost')}
          hint={t('inbox:smtpHostHint')}
          required
          value={value.host}
          onChange={set('host')}
        />
        <TextField
          label={t('inbox:smtpPort')}
          inputMode="numeric"
          value={value.port}
          onChange={set('port')}
        />
        <TextField
          label={t('inbox:smtpFrom')}
          hint={t('inbox:smtpFromHint')}
          type="email"
          value={value.from}
          onChange={set('from')}
        />
      </div>
      <CheckboxField
        label={t('inbox:smtpTls')}
        checked={value.tls}
        onChange={(e) =>
          onChange({ ...value, tls: e.target.checked, port: e.target.checked ? '465' : '587' })
        }
      />
    </fieldset>
  );
}
