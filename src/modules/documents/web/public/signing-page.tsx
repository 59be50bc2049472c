import '../i18n.js';
import { useQuery } from '@tanstack/react-query';
import { CheckCircle2, Download } from 'lucide-react';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, api } from '../../../../web/api/client.js';
import { errorMessage } from '../../../../web/api/error-message.js';
import { Badge } from '../../../../web/components/badge.js';
import { Button } from '../../../../web/components/button.js';
import { TextAreaField, TextField } from '../../../../web/components/field.js';
import { Modal } from '../../../../web/components/modal.js';
import { Spinner } from '../../../../web/components/spinner.js';
import type { PublicSigning } from '../../signature-contract.js';
import { FieldBox } from '../field-box.js';
import { PdfPages } from '../pdf-pages.js';
import { Notice, PublicFrame } from './public-frame.js';
import { type PadHandle, SignaturePadField } from './signature-pad-field.js';

/** The signer's page: read the PDF with their fields marked, then draw or type and sign. */
export default function SigningPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const view = useQuery({
    queryKey: ['signing', token],
    queryFn: () => api<PublicSigning>(`/documents/public/sign/${token}`),
    retry: false,
    // After signing, the page waits for the others and for the seal, then offers the download.
    refetchInterval: (q) =>
      q.state.data?.signer.status === 'unterschrieben' && !q.state.data.signedUrl ? 2500 : false,
  });
  if (view.isPending)
    return (
      <PublicFrame>
        <Spinner label={t('common.loading')} />
      </PublicFrame>
    );
  if (!view.data) {
    const error = view.error instanceof ApiError ? view.error : null;
    return (
      <PublicFrame>
        {error?.status === 410 ? (
          <Notice tone="red" title={t('documents:signing.cancelled')} text={error.message} />
        ) : (
          <Notice title={t('documents:room.invalid')} text={t('documents:room.invalidHint')} />
        )}
      </PublicFrame>
    );
  }
  return <SigningView token={token} data={view.data} onChange={() => void view.refetch()} />;
}

function SigningView({
  token,
  data,
  onChange,
}: {
  token: string;
  data: PublicSigning;
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const open = data.signer.status === 'offen' && data.requestStatus === 'offen';
  return (
    <PublicFrame office={data.office}>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{data.title}</h1>
      <p className="mt-1 text-sm text-slate-500">
        {t('documents:signing.from', { office: data.office.name })}
      </p>
      {data.message ? (
        <p className="mt-3 whitespace-pre-wrap text-sm text-slate-700">{data.message}</p>
      ) : null}
      {data.others.length > 0 ? (
        <p className="mt-3 flex flex-wrap items-center gap-2 text-sm text-slate-600">
          {t('documents:signing.others')}:
          {data.others.map((o) => (
            <Badge
              key={o.name}
              tone={o.status === 'unterschrieben' ? 'green' : o.status === 'abgelehnt' ? 'red' : 'gray'}
            >
              {o.name} – {t(`documents:sign.signerStatus.${o.status}`)}
            </Badge>
          ))}
        </p>
      ) : null}
      <div className="mt-6 grid gap-6 lg:grid-cols-[3fr_2fr]">
        <div>
          {open ? <p className="mb-2 text-sm text-slate-600">{t('documents:signing.yourFields')}</p> : null}
          <PdfPages
            url={data.signedUrl ?? data.documentUrl}
            overlay={(page) =>
              open
                ? data.fields
                    .filter((f) => f.page === page)
                    .map((f) => (
                      <FieldBox
                        key={`${f.x}-${f.y}-${f.kind}`}
                        field={f}
                        label={
                          f.kind === 'signatur'
                            ? t('documents:sign.fieldSignature')
                            : t('documents:sign.fieldDate')
                        }
                        tone="amber"
                      />
                    ))
                : null
            }
          />
        </div>
        <div className="lg:sticky lg:top-4 lg:self-start">
          {open ? (
            <SignForm token={token} defaultName={data.signer.name} onDone={onChange} />
          ) : (
            <Outcome data={data} />
          )}
        </div>
      </div>
    </PublicFrame>
  );
}

function Outcome({ data }: { data: PublicSigning }) {
  const { t } = useTranslation();
  if (data.signer.status === 'abgelehnt') return <Notice title={t('documents:signing.declined')} />;
  if (data.requestStatus === 'abgelehnt')
    return <Notice tone="red" title={t('documents:signing.endedDeclined')} />;
  return (
    <div
      className="space-y-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200"
      data-testid="signing-outcome"
    >
      <p className="flex items-center gap-2 font-semibold text-emerald-800">
        <CheckCircle2 className="size-5" aria-hidden="true" />
        {data.signedUrl ? t('documents:signing.complete') : t('documents:signing.done')}
      </p>
      {data.signedUrl ? (
        <a
          href={`${data.signedUrl}?download=1`}
          className="inline-flex items-center gap-2 rounded-lg bg-brand px-3.5 py-2 text-sm font-semibold text-white hover:opacity-90"
        >
          <Download className="size-4" aria-hidden="true" />
          {t('documents:signing.downloadSigned')}
        </a>
      ) : (
        <p className="text-sm text-slate-600">
          {data.requestStatus === 'wird_versiegelt'
            ? t('documents:signing.sealing')
            : t('documents:signing.waiting')}
        </p>
      )}
    </div>
  );
}

function SignForm({
  token,
  defaultName,
  onDone,
}: {
  token: string;
  defaultName: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const pad = useRef<PadHandle>(null);
  const [method, setMethod] = useState<'gezeichnet' | 'getippt'>('gezeichnet');
  const [typedName, setTypedName] = useState(defaultName);
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (method === 'gezeichnet' && (pad.current?.isEmpty() ?? true))
      return setError(t('documents:signing.drawFirst'));
    setBusy(true);
    try {
      await api(`/documents/public/sign/${token}`, {
        method: 'POST',
        body:
          method === 'gezeichnet'
            ? { method, image: pad.current?.toPng(), consent }
            : { method, typedName, consent },
      });
      onDone();
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };
  const decline = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`/documents/public/sign/${token}/decline`, { method: 'POST', body: { reason } });
      setDeclining(false);
      onDone();
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="space-y-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h2 className="font-semibold text-slate-900">{t('documents:signing.title')}</h2>
      <div role="tablist" className="flex gap-1 border-b border-slate-200">
        {(['gezeichnet', 'getippt'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={method === m}
            onClick={() => setMethod(m)}
            className={`-mb-px border-b-2 px-3 py-1.5 text-sm font-medium ${
              method === m ? 'border-brand text-brand' : 'border-transparent text-slate-500'
            }`}
          >
            {m === 'gezeichnet' ? t('documents:signing.draw') : t('documents:signing.type')}
          </button>
        ))}
      </div>
      {method === 'gezeichnet' ? (
        <div>
          <SignaturePadField ref={pad} label={t('documents:signing.drawHint')} />
          <div className="mt-1 flex items-center justify-between text-xs text-slate-500">
            <span>{t('documents:signing.drawHint')}</span>
            <button type="button" className="hover:underline" onClick={() => pad.current?.clear()}>
              {t('documents:signing.clear')}
            </button>
          </div>
        </div>
      ) : (
        <div>
          <TextField
            label={t('documents:signing.typedName')}
            value={typedName}
            minLength={2}
            maxLength={120}
            required
            onChange={(e) => setTypedName(e.target.value)}
          />
          <p className="mt-2 truncate border-b border-slate-400 pb-1 text-2xl font-semibold italic text-[#102a6b]">
            {typedName}
          </p>
        </div>
      )}
      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          className="mt-1"
          checked={consent}
          required
          onChange={(e) => setConsent(e.target.checked)}
        />
        {t('documents:signing.consent')}
      </label>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" loading={busy} disabled={!consent}>
          {t('documents:signing.submit')}
        </Button>
        <Button type="button" variant="ghost" onClick={() => setDeclining(true)}>
          {t('documents:signing.decline')}
        </Button>
      </div>
      <Modal open={declining} title={t('documents:signing.declineTitle')} onClose={() => setDeclining(false)}>
        <div className="space-y-4">
          <TextAreaField
            label={t('documents:signing.declineReason')}
            value={reason}
            minLength={3}
            onChange={(e) => setReason(e.target.value)}
          />
          <Button
            variant="danger"
            loading={busy}
            disabled={reason.trim().length < 3}
            onClick={() => void decline()}
          >
            {t('documents:signing.decline')}
          </Button>
        </div>
      </Modal>
    </form>
  );
}
