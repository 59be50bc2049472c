import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { formatDate, formatNumber } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import type { DocumentView } from '../contract.js';
import { compareEnergy, type EnergyField, type ListingEnergy } from '../domain/energy-comparison.js';

type Facts = NonNullable<DocumentView['energyFacts']>;

/**
 * What was read from an energy certificate next to what the listing says, with the differences
 * marked and one click to put every § 87 value on the listing.
 */
export function EnergyFactsCard({ propertyId, facts }: { propertyId: string; facts: Facts }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const listing = useQuery({
    queryKey: ['crm', 'property', propertyId],
    queryFn: () => api<ListingEnergy>(`/crm/properties/${propertyId}`),
  });
  const comparison = listing.data ? compareEnergy(facts, listing.data) : null;
  const copy = useMutation({
    mutationFn: () => {
      if (!comparison) throw new Error('listing not loaded');
      return api(`/crm/properties/${propertyId}`, { method: 'PATCH', body: comparison.patch });
    },
    onSuccess: async () => {
      toast.success(t('documents:energy.copied'));
      await queryClient.invalidateQueries({ queryKey: ['crm', 'property', propertyId] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const show = (field: EnergyField, value: string | number | null): string => {
    if (value === null) return '–';
    if (field === 'energyCertificateType')
      return t(`documents:energy.${value}`, { defaultValue: String(value) });
    if (field === 'energyValue') return `${formatNumber(Number(value), i18n.language, 1)} kWh/(m²·a)`;
    if (field === 'energyCarrier')
      return t(`crm:enum.energyCarrier.${value}`, { defaultValue: String(value) });
    if (field === 'energyValidUntil') return formatDate(String(value), i18n.language);
    return String(value);
  };
  return (
    <Card>
      <h2 className="text-sm font-semibold text-slate-900">{t('documents:energy.title')}</h2>
      {comparison && comparison.differences > 0 ? (
        <p role="alert" className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t('documents:energy.differs', { count: comparison.differences })}
        </p>
      ) : null}
      <table className="mt-3 w-full text-sm" data-testid="energy-facts">
        <thead>
          <tr className="text-left text-xs text-slate-500">
            <th className="py-1 font-medium" />
            <th className="py-1 font-medium">{t('documents:energy.certificate')}</th>
            <th className="py-1 font-medium">{t('documents:energy.listing')}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {(comparison?.rows ?? []).map((row) => (
            <tr key={row.field} className={row.differs ? 'bg-amber-50' : undefined}>
              <th scope="row" className="py-1.5 pr-2 text-left font-normal text-slate-500">
                {t(`documents:energy.fields.${row.field}`)}
              </th>
              <td className="py-1.5 pr-2 font-medium text-slate-900">{show(row.field, row.certificate)}</td>
              <td className={`py-1.5 ${row.differs ? 'font-semibold text-amber-900' : 'text-slate-700'}`}>
                {show(row.field, row.listing)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {listing.isPending ? <p className="mt-2 text-sm text-slate-500">{t('common.loading')}</p> : null}
      {hasPermission(me, 'crm.properties.write') && comparison ? (
        <Button className="mt-4" variant="secondary" loading={copy.isPending} onClick={() => copy.mutate()}>
          {t('documents:energy.copy')}
        </Button>
      ) : null}
    </Card>
  );
}
