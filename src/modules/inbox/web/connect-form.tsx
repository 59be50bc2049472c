import './i18n.js';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { CheckboxField, SelectField, TextField } from '../../../web/components/field.js';
import { EMPTY_SMTP, type SmtpFields, SmtpFieldset, smtpBody } from './smtp-fieldset.js';

/** Connects a mailbox by IMAP, optionally with its outgoing server for replies. */
export function ConnectForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canManage = hasPermission(useMe().data, 'inbox.manage');
  const [form, setForm] = useState({
    label: 'Anfragen',
    imapHost: '',
    imapPort: '993',
    username: '',
    password: '',
    sinceDays: '0',
  });
  const [tls, setTls] = useState(true);
  const [withSmtp, setWithSmtp] = useState(false);
  const [smtp, setSmtp] = useState<SmtpFields>(EMPTY_SMTP);
  const [office, setOffice] = useState(canManage);
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [field]: e.target.value }));
  const connect = useMutation({
    mutationFn: () =>
      api('/inbox/mailboxes', {
        method: 'POST',
        body: {
          label: form.label,
          imapHost: form.imapHost.trim(),
          imapPort: Number(form.imapPort) || (tls ? 993 : 143),
          imapTls: tls,
          username: form.username.trim(),
          password: form.password,
          office,
          sinceDays: Number(form.sinceDays),
          ...(withSmtp ? { smtp: smtpBody(smtp) } : {}),
        },
      }),
    onSuccess: () => {
      toast.success(t('inbox:connected'));
      setForm((f) => ({ ...f, password: '' }));
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    connect.mutate();
  };
  return (
    <form className="space-y-3" onSubmit={submit}>
      <h2 className="text-base font-semibold text-slate-900">{t('inbox:connectTitle')}</h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label={t('inbox:label')} required value={form.label} onChange={set('label')} />
        <TextField
          label={t('inbox:imapHost')}
          hint={t('inbox:imapHostHint')}
          required
          value={form.imapHost}
          onChange={set('imapHost')}
        />
        <TextField
          label={t('inbox:imapPort')}
          inputMode="numeric"
          value={form.imapPort}
          onChange={set('imapPort')}
        />
        <TextField
          label={t('inbox:username')}
          required
          autoComplete="off"
          value={form.username}
          onChange={set('username')}
        />
        <TextField
          label={t('inbox:password')}
          hint={t('inbox:passwordHint')}
          type="password"
          required
          autoComplete="new-password"
          value={form.password}
          onChange={set('password')}
        />
        <SelectField
          label={t('inbox:sinceDays')}
          value={form.sinceDays}
          onChange={set('sinceDays')}
          options={(['0', '7', '14'] as const).map((v) => ({ value: v, label: t(`inbox:since.${v}`) }))}
        />
      </div>
      <CheckboxField label={t('inbox:imapTls')} checked={tls} onChange={(e) => setTls(e.target.checked)} />
      {canManage ? (
        <CheckboxField
          label={t('inbox:officeBox')}
          checked={office}
          onChange={(e) => setOffice(e.target.checked)}
        />
      ) : null}
      <CheckboxField
        label={t('inbox:withSmtp')}
        checked={withSmtp}
        onChange={(e) => {
          setWithSmtp(e.target.checked);
          if (e.target.checked && !smtp.host && form.imapHost)
            setSmtp((v) => ({ ...v, host: form.imapHost.trim().replace(/^imap\./, 'smtp.') }));
        }}
      />
      {withSmtp ? <SmtpFieldset value={smtp} onChange={setSmtp} /> : null}
      <Button type="submit" loading={connect.isPending}>
        {t('inbox:connect')}
      </Button>
    </form>
  );
}
