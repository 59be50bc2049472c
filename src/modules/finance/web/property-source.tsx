import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../../web/api/client.js';
import { SelectField } from '../../../web/components/field.js';
import type { PropertyDefaults } from '../contract.js';

/**
 * Picks the property a calculation is for. Choosing one (or arriving with ?propertyId=) hands its
 * price, rent, year and federal state to the form once; the broker can still change every value.
 */
export function PropertySource({
  propertyId,
  onChange,
  onDefaults,
}: {
  propertyId: string;
  onChange: (id: string) => void;
  onDefaults: (defaults: PropertyDefaults) => void;
}) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const fromUrl = params.get('propertyId');
  useEffect(() => {
    if (fromUrl) onChange(fromUrl);
  }, [fromUrl, onChange]);
  const properties = useQuery({
    queryKey: ['crm', 'properties', 'picker'],
    queryFn: () => api<{ items: { id: string; title: string }[] }>('/crm/properties?pageSize=100&sort=title'),
  });
  const defaults = useQuery({
    queryKey: ['finance', 'defaults', propertyId],
    queryFn: () => api<PropertyDefaults>(`/finance/properties/${propertyId}/defaults`),
    enabled: Boolean(propertyId),
  });
  const applied = useRef<string | null>(null);
  useEffect(() => {
    if (defaults.data && applied.current !== defaults.data.propertyId) {
      applied.current = defaults.data.propertyId;
      onDefaults(defaults.data);
    }
  }, [defaults.data, onDefaults]);
  return (
    <SelectField
      label={t('finance:property')}
      value={propertyId}
      onChange={(e) => onChange(e.target.value)}
      hint={
        !propertyId
          ? t('finance:propertyHint')
          : defaults.data?.stateSource === 'postal_code'
            ? `${t('finance:propertyApplied')} ${t('finance:stateFromPostalCode')}`
            : t('finance:propertyApplied')
      }
      options={[
        { value: '', label: t('finance:noProperty') },
        ...(properties.data?.items ?? []).map((p) => ({ value: p.id, label: p.title })),
      ]}
    />
  );
}
