import './i18n.js';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Plus, Trash2 } from 'lucide-react';
import { type FormEvent, type MouseEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { z } from 'zod';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { TextAreaField, TextField } from '../../../web/components/field.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { SignatureField } from '../schema.js';
import type { createdSignatureSchema } from '../signature-contract.js';
import { CopyLink } from './copy-link.js';
import type { DocumentDetail } from './document-detail-page.js';
import { FieldBox } from './field-box.js';
import { PdfPages } from './pdf-pages.js';

type Created = z.infer<typeof createdSignatureSchema>;
interface SignerDraft {
  key: number;
  name: string;
  email: string;
  fields: SignatureField[];
}
const FIELD_SIZE = { signatur: { width: 0.3, height: 0.07 }, datum: { width: 0.15, height: 0.035 } } as const;
const SIGNER_TONES = ['brand', 'amber', 'slate'] as const;

/** Prepare a PDF for signature: who signs, where each one signs, then send. */
export function PrepareSignaturePage() {
  const { documentId = '' } = useParams();
  const query = useQuery({
    queryKey: ['documents', 'one', documentId],
    queryFn: () => api<DocumentDetail>(`/documents/${documentId}`),
  });
  return <QueryState query={query}>{(doc) => <PrepareSignature doc={doc} />}</QueryState>;
}

function PrepareSignature({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation();
  const [signers, setSigners] = useState<SignerDraft[]>([{ key: 1, name: '', email: '', fields: [] }]);
  const [active, setActive] = useState(1);
  const [kind, setKind] = useState<SignatureField['kind']>('signatur');
  const [message, setMessage] = useState('');
  const send = useMutation({
    mutationFn: () =>
      api<Created>('/documents/signatures', {
        method: 'POST',
        body: {
          documentId: doc.id,
          message: message.trim() || null,
          signers: signers.map(({ name, email, fields }) => ({ name, email, fields })),
        },
      }),
  });
  const update = (key: number, change: Partial<SignerDraft>) =>
    setSigners((list) => list.map((s) => (s.key === key ? { ...s, ...change } : s)));

  const place = (page: number, e: MouseEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const size = FIELD_SIZE[kind];
    const x = Math.min(1 - size.width, Math.max(0, (e.clientX - rect.left) / rect.width - size.width / 2));
    const y = Math.min(1 - size.height, Math.max(0, (e.clientY - rect.top) / rect.height - size.height / 2));
    const field: SignatureField = { kind, page, x, y, ...size };
    setSigners((list) => list.map((s) => (s.key === active ? { ...s, fields: [...s.fields, field] } : s)));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate();
  };

  if (send.data)
    return (
      <Card>
        <div className="space-y-3" data-testid="signature-sent">
          <p className="font-semibold text-emerald-800">{t('documents:sign.sent')}</p>
          <p className="text-sm text-slate-600">{t('documents:sign.linksOnce')}</p>
          {send.data.links.map((link) => (
            <CopyLink key={link.signerId} url={link.url} label={link.name} />
          ))}
          <Link
            to={`/dokumente/${doc.id}`}
            className="inline-block text-sm font-semibold text-brand hover:underline"
          >
            ← {doc.title}
          </Link>
        </div>
      </Card>
    );

  return (
    <>
      <Link to={`/dokumente/${doc.id}`} className="text-sm text-slate-500 hover:underline">
        ← {doc.title}
      </Link>
      <h1 className="mb-6 mt-2 text-2xl font-semibold tracking-tight text-slate-900">
        {t('documents:sign.send')}
      </h1>
      <div className="grid gap-6 lg:grid-cols-[2fr_3fr]">
        <form onSubmit={submit} className="space-y-4 lg:sticky lg:top-4 lg:self-start">
          <Card>
            <h2 className="text-sm font-semibold text-slate-900">{t('documents:sign.signers')}</h2>
            <ul className="mt-3 space-y-4">
              {signers.map((s, i) => (
                <li
                  key={s.key}
                  className={`space-y-2 rounded-lg p-3 ring-1 ${active === s.key ? 'ring-2 ring-brand' : 'ring-slate-200'}`}
                >
                  <div className="grid gap-2 sm:grid-cols-2">
                    <TextField
                      label={`${t('documents:sign.name')} ${i + 1}`}
                      required
                      maxLength={120}
                      value={s.name}
                      onFocus={() => setActive(s.key)}
                      onChange={(e) => update(s.key, { name: e.target.value })}
                    />
                    <TextField
                      label={`${t('documents:sign.email')} ${i + 1}`}
                      type="email"
                      required
                      value={s.email}
                      onFocus={() => setActive(s.key)}
                      onChange={(e) => update(s.key, { email: e.target.value })}
                    />
                  </div>
                  <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-500">
                    <button
                      type="button"
                      className="font-medium text-brand hover:underline"
                      onClick={() => setActive(s.key)}
                    >
                      {t('documents:sign.fieldsOf', { count: s.fields.length })}
                    </button>
                    {signers.length > 1 ? (
                      <button
                        type="button"
                        className="inline-flex items-center gap-1 hover:text-red-700"
                        onClick={() => setSigners((list) => list.filter((x) => x.key !== s.key))}
                      >
                        <Trash2 className="size-3" aria-hidden="true" />
                        {t('documents:sign.removeSigner')}
                      </button>
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
            {signers.length < 10 ? (
              <Button
                type="button"
                variant="ghost"
                className="mt-2"
                icon={<Plus className="size-4" />}
                onClick={() => {
                  const key = Math.max(...signers.map((s) => s.key)) + 1;
                  setSigners((list) => [...list, { key, name: '', email: '', fields: [] }]);
                  setActive(key);
                }}
              >
                {t('documents:sign.addSigner')}
              </Button>
            ) : null}
          </Card>
          <Card>
            <TextAreaField
              label={t('documents:sign.message')}
              maxLength={2000}
              value={message}
              onChange={(e) => setMessage(e.target.value)}
            />
          </Card>
          {send.error ? (
            <p role="alert" className="text-sm text-red-700">
              {errorMessage(send.error, t)}
            </p>
          ) : null}
          <Button type="submit" loading={send.isPending}>
            {t('documents:sign.submit')}
          </Button>
        </form>
        <div>
          <p className="mb-2 text-xs text-slate-500">{t('documents:sign.placeHint')}</p>
          <div className="mb-3 flex gap-2" role="radiogroup">
            {(['signatur', 'datum'] as const).map((k) => (
              <Button
                key={k}
                type="button"
                role="radio"
                aria-checked={kind === k}
                variant={kind === k ? 'primary' : 'secondary'}
                onClick={() => setKind(k)}
              >
                {k === 'signatur' ? t('documents:sign.placeSignature') : t('documents:sign.placeDate')}
              </Button>
            ))}
          </div>
          <PdfPages
            url={doc.current.url}
            overlay={(page) => (
              // biome-ignore lint/a11y/noStaticElementInteractions: placing by pointer; the fields have a keyboard-free default
              // biome-ignore lint/a11y/useKeyWithClickEvents: without fields, the server places them at the foot of the last page
              <div
                className="absolute inset-0 cursor-crosshair"
                onClick={(e) => place(page, e)}
                data-testid={`place-page-${page}`}
              >
                {signers.flatMap((s, i) =>
                  s.fields
                    .map((f, index) => ({ f, index }))
                    .filter(({ f }) => f.page === page)
                    .map(({ f, index }) => (
                      <FieldBox
                        key={`${s.key}-${index}`}
                        field={f}
                        tone={SIGNER_TONES[i % SIGNER_TONES.length] ?? 'slate'}
                        label={`${s.name || `${t('documents:sign.name')} ${i + 1}`}: ${
                          f.kind === 'signatur'
                            ? t('documents:sign.fieldSignature')
                            : t('documents:sign.fieldDate')
                        }`}
                        onClick={() => update(s.key, { fields: s.fields.filter((_, j) => j !== index) })}
                      />
                    )),
                )}
              </div>
            )}
          />
        </div>
      </div>
    </>
  );
}
