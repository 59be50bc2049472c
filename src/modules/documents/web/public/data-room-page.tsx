import '../i18n.js';
import { useQuery } from '@tanstack/react-query';
import { Download, FileText, ShieldCheck } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, api } from '../../../../web/api/client.js';
import { errorMessage } from '../../../../web/api/error-message.js';
import { Button } from '../../../../web/components/button.js';
import { TextField } from '../../../../web/components/field.js';
import { Spinner } from '../../../../web/components/spinner.js';
import type { PublicRoom } from '../../data-room-contract.js';
import { formatBytes, formatDateTime } from '../format.js';
import { Notice, PublicFrame } from './public-frame.js';

const grantKey = (token: string) => `immoxx.data-room.${token.slice(0, 12)}`;

/** What a buyer sees behind a data-room link: the password if there is one, then the documents. */
export default function DataRoomPage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const [grant, setGrant] = useState(() => sessionStorage.getItem(grantKey(token)) ?? '');
  const room = useQuery({
    queryKey: ['data-room', token, grant],
    queryFn: () =>
      api<PublicRoom>(
        `/documents/public/data-room/${token}${grant ? `?grant=${encodeURIComponent(grant)}` : ''}`,
      ),
    retry: false,
  });
  const [password, setPassword] = useState('');
  const [unlockError, setUnlockError] = useState<string | null>(null);
  const [unlocking, setUnlocking] = useState(false);

  const unlock = async (e: FormEvent) => {
    e.preventDefault();
    setUnlocking(true);
    setUnlockError(null);
    try {
      const answer = await api<{ grant: string }>(`/documents/public/data-room/${token}/unlock`, {
        method: 'POST',
        body: { password },
      });
      sessionStorage.setItem(grantKey(token), answer.grant);
      setGrant(answer.grant);
    } catch (error) {
      setUnlockError(errorMessage(error, t));
    } finally {
      setUnlocking(false);
    }
  };

  const error = room.error instanceof ApiError ? room.error : null;
  if (room.isPending)
    return (
      <PublicFrame>
        <Spinner label={t('common.loading')} />
      </PublicFrame>
    );
  if (error?.code === 'password_required')
    return (
      <PublicFrame>
        <form
          onSubmit={unlock}
          className="mx-auto max-w-sm space-y-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200"
        >
          <h1 className="text-lg font-semibold text-slate-900">{t('documents:room.passwordTitle')}</h1>
          <p className="text-sm text-slate-500">{t('documents:room.passwordHint')}</p>
          <TextField
            label={t('documents:room.password')}
            type="password"
            autoComplete="off"
            required
            value={password}
            error={unlockError}
            onChange={(e) => setPassword(e.target.value)}
          />
          <Button type="submit" loading={unlocking}>
            {t('documents:room.open')}
          </Button>
        </form>
      </PublicFrame>
    );
  if (error || !room.data)
    return (
      <PublicFrame>
        {error?.status === 410 ? (
          <Notice tone="red" title={t('documents:room.gone')} text={error.message} />
        ) : error?.status === 404 ? (
          <Notice title={t('documents:room.invalid')} text={t('documents:room.invalidHint')} />
        ) : (
          <Notice tone="red" title={errorMessage(room.error, t)} />
        )}
      </PublicFrame>
    );

  const data = room.data;
  return (
    <PublicFrame office={data.office}>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
        {t('documents:room.greeting', { name: data.recipientName })}
      </h1>
      <p className="mt-1 text-sm text-slate-500">
        {t('documents:room.validUntil', { date: formatDateTime(data.expiresAt, i18n.language) })} ·{' '}
        {t('documents:room.logged')}
      </p>
      {data.watermark ? (
        <p className="mt-3 flex items-center gap-2 text-sm text-slate-600">
          <ShieldCheck className="size-4 text-brand" aria-hidden="true" />
          {t('documents:room.watermark')}
        </p>
      ) : null}
      <ul className="mt-6 divide-y divide-slate-100 rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        {data.documents.map((doc) => (
          <li key={doc.id} className="flex items-center justify-between gap-4 px-4 py-3">
            <div className="flex min-w-0 items-center gap-3">
              <FileText className="size-5 shrink-0 text-slate-400" aria-hidden="true" />
              <div className="min-w-0">
                <p className="truncate font-medium text-slate-900">{doc.title}</p>
                <p className="text-xs text-slate-500">
                  {t(`documents:category.${doc.category}`)} · {doc.fileName} ·{' '}
                  {formatBytes(doc.sizeBytes, i18n.language)}
                </p>
              </div>
            </div>
            <a
              href={doc.url}
              className="inline-flex items-center gap-2 rounded-lg bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
            >
              <Download className="size-4" aria-hidden="true" />
              {t('documents:room.download')}
            </a>
          </li>
        ))}
      </ul>
      <p className="mt-6 text-sm text-slate-500">
        {t('documents:room.contact', {
          office: [data.office.name, data.office.phone, data.office.email].filter(Boolean).join(' · '),
        })}
      </p>
    </PublicFrame>
  );
}
