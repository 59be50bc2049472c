import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../../web/api/error-message.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../web/components/field.js';
import type { PropertyView } from '../contract.js';
import {
  CONDITIONS,
  ENERGY_CARRIERS,
  ENERGY_CERTIFICATE_TYPES,
  ENERGY_CLASSES,
  FEATURES,
  FEDERAL_STATES,
  MARKETING_TYPES,
  OBJECT_SUBTYPES,
  OBJECT_TYPES,
  type ObjectType,
} from '../domain/property-enums.js';
import { parseGermanNumber } from './format.js';
import { useMembers } from './use-members.js';

const NUMBER_FIELDS = [
  'latitude',
  'longitude',
  'livingArea',
  'usableArea',
  'plotArea',
  'rooms',
  'bedrooms',
  'bathrooms',
  'floor',
  'totalFloors',
  'yearBuilt',
  'purchasePrice',
  'coldRent',
  'warmRent',
  'additionalCosts',
  'hausgeld',
  'energyValue',
  'energyYearBuilt',
] as const;
const NULLABLE_TEXT_FIELDS = [
  'objectSubtype',
  'street',
  'houseNumber',
  'district',
  'federalState',
  'condition',
  'depositText',
  'commissionText',
  'energyCertificateType',
  'energyCarrier',
  'energyClass',
  'energyIssuedAt',
  'energyValidUntil',
  'assignedAgentId',
] as const;
const PLAIN_TEXT_FIELDS = [
  'title',
  'externalId',
  'marketingType',
  'objectType',
  'postalCode',
  'city',
  'description',
  'locationDescription',
  'equipmentDescription',
  'internalNotes',
] as const;

type Values = Record<string, string>;

function toValues(p: Partial<PropertyView> | undefined): Values {
  const values: Values = {};
  for (const key of [...NUMBER_FIELDS, ...NULLABLE_TEXT_FIELDS, ...PLAIN_TEXT_FIELDS]) {
    const v = p?.[key as keyof PropertyView];
    values[key] = v === null || v === undefined ? '' : String(v);
  }
  values.marketingType ||= 'kauf';
  values.objectType ||= 'wohnung';
  return values;
}

/** Empty inputs become null (clears the field); numbers are parsed with a German decimal comma. */
function toPayload(
  values: Values,
  features: string[],
  flags: Record<string, boolean | null>,
  isNew: boolean,
) {
  const body: Record<string, unknown> = { features, ...flags };
  for (const key of NUMBER_FIELDS) {
    const raw = values[key]?.trim() ?? '';
    // NaN is sent as a string so the server's validation names the field instead of silently clearing it.
    const parsed = raw ? parseGermanNumber(raw) : null;
    body[key] = parsed === null ? null : Number.isNaN(parsed) ? raw : parsed;
  }
  for (const key of NULLABLE_TEXT_FIELDS) body[key] = values[key]?.trim() || null;
  for (const key of PLAIN_TEXT_FIELDS) {
    const v = values[key]?.trim() ?? '';
    if (key === 'externalId' && !v) continue;
    body[key] = v;
  }
  if (isNew) for (const key of Object.keys(body)) if (body[key] === null) delete body[key];
  return body;
}

export function PropertyForm({
  initial,
  submitLabel,
  busy,
  error,
  onSubmit,
  readOnly = false,
}: {
  initial?: PropertyView;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (body: Record<string, unknown>) => void;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const members = useMembers();
  const [values, setValues] = useState<Values>(() => toValues(initial));
  const [features, setFeatures] = useState<string[]>(initial?.features ?? []);
  const [showAddress, setShowAddress] = useState(initial?.showAddress ?? false);
  const [hotWater, setHotWater] = useState<boolean>(initial?.energyIncludesHotWater ?? false);
  const errors = fieldErrors(error);
  const set = (key: string) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));
  const field = (key: string, type: 'text' | 'number' | 'date' = 'text', extra: object = {}) => (
    <TextField
      label={t(`crm:form.${key}`)}
      name={key}
      type={type === 'number' ? 'text' : type}
      inputMode={type === 'number' ? 'decimal' : undefined}
      value={values[key] ?? ''}
      onChange={set(key)}
      error={errors[key]}
      disabled={readOnly}
      {...extra}
    />
  );
  const select = (key: string, options: readonly string[], labelNs: string | null, required = false) => (
    <SelectField
      label={t(`crm:form.${key}`)}
      name={key}
      value={values[key] ?? ''}
      onChange={set(key)}
      error={errors[key]}
      disabled={readOnly}
      options={[
        ...(required ? [] : [{ value: '', label: t('crm:form.choose') }]),
        ...options.map((o) => ({ value: o, label: labelNs ? t(`crm:enum.${labelNs}.${o}`) : o })),
      ]}
    />
  );
  const subtypes = OBJECT_SUBTYPES[values.objectType as ObjectType] ?? [];
  const isSale = values.marketingType === 'kauf';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(
      toPayload(
        values,
        features,
        {
          showAddress,
          energyIncludesHotWater: values.energyCertificateType === 'verbrauch' ? hotWater : null,
        },
        !initial,
      ),
    );
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-label={submitLabel}>
      <Section title={t('crm:form.sections.basics')}>
        <div className="sm:col-span-2">{field('title', 'text', { required: true, maxLength: 200 })}</div>
        {select('marketingType', MARKETING_TYPES, 'marketingType', true)}
        <SelectField
          label={t('crm:form.objectType')}
          name="objectType"
          value={values.objectType}
          disabled={readOnly}
          onChange={(e) => setValues((v) => ({ ...v, objectType: e.target.value, objectSubtype: '' }))}
          options={OBJECT_TYPES.map((o) => ({ value: o, label: t(`crm:enum.objectType.${o}`) }))}
        />
        {select('objectSubtype', subtypes, 'subtype')}
        {field('externalId', 'text', { hint: t('crm:form.externalIdHint') })}
        {select('condition', CONDITIONS, 'condition')}
        <SelectField
          label={t('crm:form.assignedAgent')}
          name="assignedAgentId"
          value={values.assignedAgentId ?? ''}
          onChange={set('assignedAgentId')}
          error={errors.assignedAgentId}
          disabled={readOnly}
          options={[
            { value: '', label: t('crm:form.unassigned') },
            ...(members.data?.items ?? []).map((m) => ({ value: m.userId, label: m.name })),
          ]}
        />
      </Section>

      <Section title={t('crm:form.sections.address')}>
        {field('street')}
        {field('houseNumber')}
        {field('postalCode', 'text', { required: true, inputMode: 'numeric', maxLength: 5 })}
        {field('city', 'text', { required: true })}
        {field('district')}
        {select('federalState', FEDERAL_STATES, null)}
        {field('latitude', 'number')}
        {field('longitude', 'number')}
        <div className="sm:col-span-2">
          <CheckboxField
            label={t('crm:form.showAddress')}
            checked={showAddress}
            disabled={readOnly}
            onChange={(e) => setShowAddress(e.target.checked)}
          />
        </div>
      </Section>

      <Section title={t('crm:form.sections.areas')}>
        {field('livingArea', 'number')}
        {field('usableArea', 'number')}
        {field('plotArea', 'number')}
        {field('rooms', 'number')}
        {field('bedrooms', 'number')}
        {field('bathrooms', 'number')}
        {field('floor', 'number')}
        {field('totalFloors', 'number')}
        {field('yearBuilt', 'number')}
      </Section>

      <Section title={t('crm:form.sections.prices')}>
        {isSale ? field('purchasePrice', 'number') : field('coldRent', 'number')}
        {isSale ? field('hausgeld', 'number') : field('warmRent', 'number')}
        {isSale ? null : field('additionalCosts', 'number')}
        {isSale ? null : field('depositText')}
        <div className="sm:col-span-2">{field('commissionText')}</div>
      </Section>

      <Section title={t('crm:form.sections.energy')} hint={t('crm:form.energyHint')}>
        {select('energyCertificateType', ENERGY_CERTIFICATE_TYPES, 'energyCertificateType')}
        {field('energyValue', 'number')}
        {select('energyCarrier', ENERGY_CARRIERS, 'energyCarrier')}
        {select('energyClass', ENERGY_CLASSES, null)}
        {field('energyYearBuilt', 'number')}
        {field('energyIssuedAt', 'date')}
        {field('energyValidUntil', 'date')}
        {values.energyCertificateType === 'verbrauch' ? (
          <div className="self-end pb-2">
            <CheckboxField
              label={t('crm:form.energyIncludesHotWater')}
              checked={hotWater}
              disabled={readOnly}
              onChange={(e) => setHotWater(e.target.checked)}
            />
          </div>
        ) : null}
      </Section>

      <Section title={t('crm:form.sections.features')}>
        <fieldset className="grid grid-cols-2 gap-2 sm:col-span-2 md:grid-cols-3">
          <legend className="sr-only">{t('crm:form.sections.features')}</legend>
          {FEATURES.map((f) => (
            <CheckboxField
              key={f}
              label={t(`crm:enum.feature.${f}`)}
              checked={features.includes(f)}
              disabled={readOnly}
              onChange={(e) =>
                setFeatures((list) => (e.target.checked ? [...list, f] : list.filter((x) => x !== f)))
              }
            />
          ))}
        </fieldset>
      </Section>

      <Section title={t('crm:form.sections.texts')}>
        {(['description', 'locationDescription', 'equipmentDescription'] as const).map((key) => (
          <div key={key} className="sm:col-span-2">
            <TextAreaField
              label={t(`crm:form.${key}`)}
              name={key}
              value={values[key] ?? ''}
              onChange={set(key)}
              error={errors[key]}
              disabled={readOnly}
            />
          </div>
        ))}
      </Section>

      <Section title={t('crm:form.sections.internal')}>
        <div className="sm:col-span-2">
          <TextAreaField
            label={t('crm:form.internalNotes')}
            name="internalNotes"
            rows={3}
            value={values.internalNotes ?? ''}
            onChange={set('internalNotes')}
            disabled={readOnly}
          />
        </div>
      </Section>

      {Object.keys(errors).length > 0 ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
          {t('crm:form.invalid')}
        </p>
      ) : null}
      {readOnly ? null : (
        <div className="sticky bottom-0 flex justify-end border-t border-slate-200 bg-slate-50/90 py-3 backdrop-blur">
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </div>
      )}
    </form>
  );
}

function Section({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <Card title={title}>
      {hint ? <p className="-mt-1 mb-4 text-xs text-slate-500">{hint}</p> : null}
      <div className="grid gap-4 sm:grid-cols-2">{children}</div>
    </Card>
  );
}
