import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Button } from '../../../web/components/button.js';
import { TextAreaField, TextField } from '../../../web/components/field.js';
import { Modal } from '../../../web/components/modal.js';
import type { DocumentView } from '../contract.js';
import type { createdShareSchema } from '../data-room-contract.js';
import { CopyLink } from './copy-link.js';

type CreatedShare = z.infer<typeof createdShareSchema>;

/** Choose documents and recipient, set expiry, password and watermark; then show the link once. */
export function ShareDialog({
  open,
  onClose,
  documents,
  propertyId,
}: {
  open: boolean;
  onClose: () => void;
  documents: DocumentView[];
  propertyId: string | null;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<string[]>([]);
  const [recipientName, setRecipientName] = useState('');
  const [recipientEmail, setRecipientEmail] = useState('');
  const [validDays, setValidDays] = useState('14');
  const [password, setPassword] = useState('');
  const [watermark, setWatermark] = useState(true);
  const [sendEmail, setSendEmail] = useState(true);
  const [message, setMessage] = useState('');
  const [created, setCreated] = useState<CreatedShare | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: () =>
      api<CreatedShare>('/documents/shares', {
        method: 'POST',
        body: {
          documentIds: picked,
          propertyId,
          recipientName,
          recipientEmail: recipientEmail.trim() || null,
          validDays: Number(validDays),
          password: password || null,
          watermark,
          sendEmail: sendEmail && Boolean(recipientEmail.trim()),
          message: message.trim() || null,
        },
      }),
    onSuccess: async (share) => {
      setCreated(share);
      await queryClient.invalidateQueries({ queryKey: ['documents', 'shares'] });
    },
  });
  const close = () => {
    setCreated(null);
    setPicked([]);
    setRecipientName('');
    setRecipientEmail('');
    setPassword('');
    setMessage('');
    create.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (picked.length === 0) return setLocalError(t('documents:share.pickAtLeastOne'));
    setLocalError(null);
    create.mutate();
  };

  return (
    <Modal open={open} title={t('documents:share.new')} onClose={close} wide>
      {created ? (
        <div className="space-y-3" data-testid="share-created">
          <p className="text-sm font-semibold text-emerald-800">{t('documents:share.created')}</p>
          <p className="text-sm text-slate-600">{t('documents:share.linkOnce')}</p>
          <CopyLink url={created.url} />
          <p className="text-sm text-slate-600">{t(`documents:share.delivery.${created.delivery}`)}</p>
          <div className="flex justify-end">
            <Button onClick={close}>OK</Button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit} className="space-y-4">
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">{t('documents:share.documents')}</legend>
            <ul className="mt-2 max-h-48 space-y-1 overflow-y-auto rounded-lg p-2 ring-1 ring-slate-200">
              {documents.map((doc) => (
                <li key={doc.id}>
                  <label className="flex items-center gap-2 text-sm text-slate-700">
                    <input
                      type="checkbox"
                      checked={picked.includes(doc.id)}
                      onChange={(e) =>
                        setPicked((list) =>
                          e.target.checked ? [...list, doc.id] : list.filter((id) => id !== doc.id),
                        )
                      }
                    />
                    {doc.title}
                    <span className="text-xs text-slate-400">{t(`documents:category.${doc.category}`)}</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label={t('documents:share.recipientName')}
              required
              maxLength={120}
              value={recipientName}
              onChange={(e) => setRecipientName(e.target.value)}
            />
            <TextField
              label={t('documents:share.recipientEmail')}
              type="email"
              hint={t('documents:share.recipientEmailHint')}
              value={recipientEmail}
              onChange={(e) => setRecipientEmail(e.target.value)}
            />
            <TextField
              label={t('documents:share.validDays')}
              type="number"
              min={1}
              max={365}
              required
              value={validDays}
              onChange={(e) => setValidDays(e.target.value)}
            />
            <TextField
              label={t('documents:share.password')}
              type="text"
              autoComplete="off"
              minLength={6}
              hint={t('documents:share.passwordHint')}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={watermark} onChange={(e) => setWatermark(e.target.checked)} />
            {t('documents:share.watermark')}
          </label>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              checked={sendEmail}
              disabled={!recipientEmail.trim()}
              onChange={(e) => setSendEmail(e.target.checked)}
            />
            {t('documents:share.sendEmail')}
          </label>
          {sendEmail && recipientEmail.trim() ? (
            <TextAreaField
              label={t('documents:share.message')}
              maxLength={2000}
              value={message}
              onChange={(e) => setMessage(e.target.value)}
            />
          ) : null}
          {localError || create.error ? (
            <p role="alert" className="text-sm text-red-700">
              {localError ?? errorMessage(create.error, t)}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('documents:share.create')}
            </Button>
          </div>
        </form>
      )}
    </Modal>
  );
}
