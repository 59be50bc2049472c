import './i18n.js';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { formatDateTime } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import type { MailboxView } from '../contract.js';
import { EMPTY_SMTP, type SmtpFields, SmtpFieldset, smtpBody } from './smtp-fieldset.js';

/** A connected mailbox: when it was last read, its outgoing server, fetch now, disconnect. */
export function MailboxCard({ box }: { box: MailboxView }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [editSmtp, setEditSmtp] = useState(false);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['inbox'] });
  const fetchNow = useMutation({
    mutationFn: () =>
      api<{ read: number; inquiries: number; unreadable: number }>(`/inbox/mailboxes/${box.id}/fetch`, {
        method: 'POST',
      }),
    onSuccess: (r) => {
      toast.success(t('inbox:fetched', { ...r }));
      refresh();
    },
    onError: (error) => {
      toast.error(errorMessage(error, t));
      refresh();
    },
  });
  const disconnect = useMutation({
    mutationFn: () => api(`/inbox/mailboxes/${box.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      toast.success(t('inbox:disconnected'));
      refresh();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  return (
    <Card>
      <section aria-label={box.label} className="space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 className="font-semibold text-slate-900">{box.label}</h3>
          <Badge tone={box.office ? 'brand' : 'gray'}>
            {box.office ? t('inbox:office') : t('inbox:personal')}
          </Badge>
        </div>
        <p className="text-sm text-slate-600">
          {box.username} · {box.imapHost}
        </p>
        <p className="text-xs text-slate-500">
          {t('inbox:lastSync', {
            when: box.lastSyncAt ? formatDateTime(box.lastSyncAt, i18n.language) : t('inbox:never'),
          })}
        </p>
        <p className="text-sm text-slate-600">
          {box.smtp
            ? t('inbox:smtpSet', { host: box.smtp.host, from: box.smtp.from })
            : t('inbox:smtpMissing')}
        </p>
        {box.lastError ? (
          <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
            {box.lastError}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" loading={fetchNow.isPending} onClick={() => fetchNow.mutate()}>
            {t('inbox:fetchNow')}
          </Button>
          <Button variant="ghost" onClick={() => setEditSmtp((v) => !v)} aria-expanded={editSmtp}>
            {box.smtp ? t('inbox:smtpChange') : t('inbox:smtpAdd')}
          </Button>
          <Button variant="ghost" loading={disconnect.isPending} onClick={() => disconnect.mutate()}>
            {t('inbox:disconnect')}
          </Button>
        </div>
        {editSmtp ? <SmtpForm box={box} onDone={() => setEditSmtp(false)} /> : null}
      </section>
    </Card>
  );
}

/** Host, port and TLS of the outgoing server; the mailbox's login is used, and tested before saving. */
function SmtpForm({ box, onDone }: { box: MailboxView; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<SmtpFields>(() =>
    box.smtp
      ? { host: box.smtp.host, port: String(box.smtp.port), tls: box.smtp.tls, from: box.smtp.from }
      : { ...EMPTY_SMTP, host: box.imapHost.replace(/^imap\./, 'smtp.') },
  );
  const save = useMutation({
    mutationFn: () => api(`/inbox/mailboxes/${box.id}/smtp`, { method: 'PUT', body: smtpBody(fields) }),
    onSuccess: () => {
      toast.success(t('inbox:smtpSaved'));
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
      onDone();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="space-y-3 border-t border-slate-200 pt-3" onSubmit={submit}>
      <SmtpFieldset value={fields} onChange={setFields} />
      <Button type="submit" loading={save.isPending}>
        {t('inbox:smtpSave')}
      </Button>
    </form>
  );
}
