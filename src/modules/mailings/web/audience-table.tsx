import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Users } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { formatDate } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { SelectField, TextField } from '../../../web/components/field.js';
import { Modal } from '../../../web/components/modal.js';
import type { AudienceEntry, AudienceView } from '../contract.js';
import { CONSENT_SOURCES } from '../domain/mailing-enums.js';

/** The matching contacts: ticked ones get the offer; the others say why they may not. */
export function AudienceTable({
  audience,
  excluded,
  onToggle,
}: {
  audience: AudienceView;
  excluded: Set<string>;
  onToggle: (contactId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [consentFor, setConsentFor] = useState<AudienceEntry | null>(null);
  if (audience.items.length === 0) return <EmptyState icon={Users} title={t('mailings:audienceEmpty')} />;
  return (
    <div>
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-900">{t('mailings:audience')}</h3>
        <p className="text-sm text-slate-600" data-testid="audience-count">
          {t('mailings:audienceCount', { eligible: audience.eligible, total: audience.items.length })}
        </p>
      </div>
      <ul className="max-h-96 divide-y divide-slate-200 overflow-y-auto rounded-lg border border-slate-200">
        {audience.items.map((a) => (
          <li
            key={a.contactId}
            data-contact={a.name}
            className="flex flex-col gap-2 px-3 py-2 sm:flex-row sm:items-center sm:gap-3"
          >
            <label className="flex min-w-0 flex-1 items-center gap-3">
              <input
                type="checkbox"
                className="size-4 rounded border-slate-300 text-brand focus:ring-brand"
                checked={a.skip === null && !excluded.has(a.contactId)}
                disabled={a.skip !== null}
                onChange={() => onToggle(a.contactId)}
                aria-label={a.name}
              />
              <span className="min-w-0">
                <Link
                  to={`/kontakte/${a.contactId}`}
                  className="block truncate font-medium text-slate-900 hover:underline"
                >
                  {a.name}
                </Link>
                <span className="block truncate text-xs text-slate-500">
                  {a.email ?? '–'} · {t('mailings:score')} {a.score} %
                  {a.reasons.length ? ` · ${a.reasons.slice(0, 2).join(', ')}` : ''}
                </span>
              </span>
            </label>
            <div className="flex flex-wrap items-center gap-2 pl-7 sm:pl-0">
              {a.consent && !a.consent.revokedAt ? (
                <Badge tone="green">
                  {t('mailings:consent')}{' '}
                  {t('mailings:consentSince', { date: formatDate(a.consent.grantedAt, i18n.language) })}
                </Badge>
              ) : null}
              {a.skip ? (
                <Badge tone={a.skip === 'bereits_angeboten' ? 'gray' : 'amber'}>
                  {t(`mailings:skip.${a.skip}`)}
                </Badge>
              ) : null}
              {a.skip === 'keine_einwilligung' || a.skip === 'abgemeldet' ? (
                <Button variant="ghost" onClick={() => setConsentFor(a)}>
                  {t('mailings:recordConsent')}
                </Button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      {consentFor ? <ConsentDialog entry={consentFor} onClose={() => setConsentFor(null)} /> : null}
    </div>
  );
}

function ConsentDialog({ entry, onClose }: { entry: AudienceEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [source, setSource] = useState<(typeof CONSENT_SOURCES)[number]>('formular');
  const [evidence, setEvidence] = useState('');
  const save = useMutation({
    mutationFn: () =>
      api('/mailings/consents', { method: 'PUT', body: { contactId: entry.contactId, source, evidence } }),
    onSuccess: () => {
      toast.success(t('mailings:consentDialog.saved'));
      void queryClient.invalidateQueries({ queryKey: ['mailings', 'audience'] });
      onClose();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Modal open title={t('mailings:consentDialog.title', { name: entry.name })} onClose={onClose}>
      <form className="space-y-3" onSubmit={submit}>
        <p className="text-sm text-slate-600">{t('mailings:consentDialog.text')}</p>
        <SelectField
          label={t('mailings:consentDialog.source')}
          value={source}
          onChange={(e) => setSource(e.target.value as typeof source)}
          options={CONSENT_SOURCES.map((s) => ({
            value: s,
            label: t(`mailings:consentDialog.sources.${s}`),
          }))}
        />
        <TextField
          label={t('mailings:consentDialog.evidence')}
          hint={t('mailings:consentDialog.evidenceHint')}
          required
          minLength={5}
          value={evidence}
          onChange={(e) => setEvidence(e.target.value)}
        />
        <div className="flex justify-end gap-2">
          <Button variant="ghost" type="button" onClick={onClose}>
            {t('mailings:templates.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('mailings:consentDialog.save')}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
