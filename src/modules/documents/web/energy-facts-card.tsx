import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import type { DocumentView } from '../contract.js';
import { formatDay } from './format.js';

type Facts = NonNullable<DocumentView['energyFacts']>;

/** What was read from an energy certificate, with one click to put it on the listing. */
export function EnergyFactsCard({ propertyId, facts }: { propertyId: string; facts: Facts }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const copy = useMutation({
    mutationFn: () => {
      // Only what was read goes over; a value the certificate did not yield leaves the listing's own.
      const body: Record<string, unknown> = {};
      if (facts.certificateType) body.energyCertificateType = facts.certificateType;
      if (facts.energyValue !== null) body.energyValue = facts.energyValue;
      if (facts.efficiencyClass) body.energyClass = facts.efficiencyClass;
      if (facts.validUntil) body.energyValidUntil = facts.validUntil;
      return api(`/crm/properties/${propertyId}`, { method: 'PATCH', body });
    },
    onSuccess: async () => {
      toast.success(t('documents:energy.copied'));
      await queryClient.invalidateQueries({ queryKey: ['crm', 'property', propertyId] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const rows: [string, string][] = [
    [
      t('documents:energy.type'),
      facts.certificateType ? t(`documents:energy.${facts.certificateType}`) : '–',
    ],
    [
      t('documents:energy.value'),
      facts.energyValue !== null
        ? `${new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'de-DE').format(facts.energyValue)} kWh/(m²·a)`
        : '–',
    ],
    [t('documents:energy.class'), facts.efficiencyClass ?? '–'],
    [t('documents:energy.validUntil'), facts.validUntil ? formatDay(facts.validUntil, i18n.language) : '–'],
  ];
  return (
    <Card>
      <h2 className="text-sm font-semibold text-slate-900">{t('documents:energy.title')}</h2>
      <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-sm" data-testid="energy-facts">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="font-medium text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      {hasPermission(me, 'crm.properties.write') ? (
        <Button className="mt-4" variant="secondary" loading={copy.isPending} onClick={() => copy.mutate()}>
          {t('documents:energy.copy')}
        </Button>
      ) : null}
    </Card>
  );
}
