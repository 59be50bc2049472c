import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../../web/api/client.js';
import { PropertyPicker } from '../../crm/web/property-picker.js';
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
    <PropertyPicker
      label={t('finance:property')}
      value={propertyId}
      onChange={(id) => onChange(id)}
      emptyLabel={t('finance:noProperty')}
      hint={
        !propertyId
          ? t('finance:propertyHint')
          : defaults.data?.stateSource === 'postal_code'
            ? `${t('finance:propertyApplied')} ${t('finance:stateFromPostalCode')}`
            : t('finance:propertyApplied')
      }
    />
  );
}
