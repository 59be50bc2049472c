import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../../web/api/error-message.js';
import { Button } from '../../../web/components/button.js';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../web/components/field.js';
import type { ContactView } from '../contract.js';
import {
  CONTACT_KINDS,
  CONTACT_ROLES,
  LEAD_SOURCES,
  LEAD_STATUSES,
  SALUTATIONS,
} from '../domain/contact-enums.js';
import { useMembers } from './use-members.js';

const TEXT_KEYS = [
  'firstName',
  'lastName',
  'companyName',
  'email',
  'phone',
  'mobile',
  'street',
  'postalCode',
  'city',
] as const;

/** Create or edit a contact; empty text fields are sent as null so they can be cleared. */
export function ContactForm({
  initial,
  submitLabel,
  busy,
  error,
  onSubmit,
  onCancel,
  readOnly = false,
}: {
  initial?: ContactView;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (body: Record<string, unknown>) => void;
  onCancel?: () => void;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const members = useMembers();
  const [kind, setKind] = useState(initial?.kind ?? 'person');
  const [salutation, setSalutation] = useState(initial?.salutation ?? '');
  const [text, setText] = useState<Record<string, string>>(() =>
    Object.fromEntries(TEXT_KEYS.map((k) => [k, initial?.[k] ?? ''])),
  );
  const [roles, setRoles] = useState<string[]>(initial?.roles ?? ['interessent']);
  const [leadStatus, setLeadStatus] = useState(initial?.leadStatus ?? 'neu');
  const [source, setSource] = useState(initial?.source ?? '');
  const [agent, setAgent] = useState(initial?.assignedAgentId ?? '');
  const [notes, setNotes] = useState(initial?.notes ?? '');
  const [consent, setConsent] = useState(initial?.consentGiven ?? false);
  const [consentPurpose, setConsentPurpose] = useState(initial?.consentPurpose ?? '');
  const errors = fieldErrors(error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = {
      kind,
      salutation: salutation || null,
      roles,
      leadStatus,
      source: source || null,
      assignedAgentId: agent || null,
      notes,
      consentGiven: consent,
      consentPurpose: consentPurpose.trim() || null,
    };
    for (const k of TEXT_KEYS) body[k] = text[k]?.trim() || null;
    onSubmit(body);
  };
  const input = (k: (typeof TEXT_KEYS)[number], type = 'text') => (
    <TextField
      label={t(`crm:contacts.${k}`)}
      name={k}
      type={type}
      value={text[k] ?? ''}
      disabled={readOnly}
      error={errors[k]}
      onChange={(e) => setText((v) => ({ ...v, [k]: e.target.value }))}
    />
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={submitLabel}>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t('crm:contacts.kind')}
          value={kind}
          disabled={readOnly}
          onChange={(e) => setKind(e.target.value as typeof kind)}
          options={CONTACT_KINDS.map((k) => ({ value: k, label: t(`crm:enum.contactKind.${k}`) }))}
        />
        <SelectField
          label={t('crm:contacts.salutation')}
          value={salutation}
          disabled={readOnly}
          onChange={(e) => setSalutation(e.target.value)}
          options={[
            { value: '', label: '–' },
            ...SALUTATIONS.map((s) => ({ value: s, label: t(`crm:enum.salutation.${s}`) })),
          ]}
        />
        {input('firstName')}
        {input('lastName')}
        {kind === 'firma' ? <div className="sm:col-span-2">{input('companyName')}</div> : null}
        {input('email', 'email')}
        {input('phone', 'tel')}
        {input('mobile', 'tel')}
        {input('street')}
        {input('postalCode')}
        {input('city')}
        <SelectField
          label={t('crm:contacts.leadStatus')}
          value={leadStatus}
          disabled={readOnly}
          onChange={(e) => setLeadStatus(e.target.value as typeof leadStatus)}
          options={LEAD_STATUSES.map((s) => ({ value: s, label: t(`crm:enum.leadStatus.${s}`) }))}
        />
        <SelectField
          label={t('crm:contacts.source')}
          value={source}
          disabled={readOnly}
          onChange={(e) => setSource(e.target.value)}
          options={[
            { value: '', label: '–' },
            ...LEAD_SOURCES.map((s) => ({ value: s, label: t(`crm:enum.source.${s}`) })),
          ]}
        />
        <SelectField
          label={t('crm:form.assignedAgent')}
          value={agent}
          disabled={readOnly}
          onChange={(e) => setAgent(e.target.value)}
          options={[
            { value: '', label: t('crm:form.unassigned') },
            ...(members.data?.items ?? []).map((m) => ({ value: m.userId, label: m.name })),
          ]}
        />
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">{t('crm:contacts.roles')}</legend>
        <div className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-3">
          {CONTACT_ROLES.map((r) => (
            <CheckboxField
              key={r}
              label={t(`crm:enum.role.${r}`)}
              checked={roles.includes(r)}
              disabled={readOnly}
              onChange={(e) =>
                setRoles((list) => (e.target.checked ? [...list, r] : list.filter((x) => x !== r)))
              }
            />
          ))}
        </div>
      </fieldset>
      <TextAreaField
        label={t('crm:contacts.notes')}
        rows={3}
        value={notes}
        disabled={readOnly}
        onChange={(e) => setNotes(e.target.value)}
      />
      <CheckboxField
        label={t('crm:contacts.consent')}
        checked={consent}
        disabled={readOnly}
        onChange={(e) => setConsent(e.target.checked)}
      />
      {consent ? (
        <TextField
          label={t('crm:contacts.consentPurpose')}
          value={consentPurpose}
          disabled={readOnly}
          error={errors.consentPurpose}
          onChange={(e) => setConsentPurpose(e.target.value)}
        />
      ) : null}
      {Object.keys(errors).length > 0 ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
          {Object.values(errors).join(' · ')}
        </p>
      ) : null}
      {readOnly ? null : (
        <div className="flex justify-end gap-2">
          {onCancel ? (
            <Button variant="secondary" onClick={onCancel}>
              {t('crm:common.cancel')}
            </Button>
          ) : null}
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </div>
      )}
    </form>
  );
}
