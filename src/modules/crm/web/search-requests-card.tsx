import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Trash2 } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { CheckboxField, SelectField, TextField } from '../../../web/components/field.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { SearchRequestView } from '../contract.js';
import { MARKETING_TYPES, OBJECT_TYPES } from '../domain/property-enums.js';
import { formatEuro, formatNumber, parseGermanNumber } from './format.js';

const optionalNumber = (s: string) => (s.trim() ? parseGermanNumber(s) : null);

/** A contact's search profiles, and a form to add one; matching reads them. */
export function SearchRequestsCard({ contactId, canWrite }: { contactId: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const key = ['crm', 'search-requests', contactId];
  const query = useQuery({
    queryKey: key,
    queryFn: () => api<{ items: SearchRequestView[] }>(`/crm/contacts/${contactId}/search-requests`),
  });
  const [marketingType, setMarketingType] = useState('kauf');
  const [objectTypes, setObjectTypes] = useState<string[]>(['wohnung']);
  const [cities, setCities] = useState('');
  const [minLivingArea, setMinLivingArea] = useState('');
  const [minRooms, setMinRooms] = useState('');
  const [maxPrice, setMaxPrice] = useState('');
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: key }),
      queryClient.invalidateQueries({ queryKey: ['crm', 'matches'] }),
    ]);
  const create = useMutation({
    mutationFn: () =>
      api(`/crm/contacts/${contactId}/search-requests`, {
        method: 'POST',
        body: {
          marketingType,
          objectTypes,
          cities: cities
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean),
          minLivingArea: optionalNumber(minLivingArea),
          minRooms: optionalNumber(minRooms),
          maxPrice: optionalNumber(maxPrice),
        },
      }),
    onSuccess: async () => {
      toast.success(t('crm:contacts.srSaved'));
      setCities('');
      setMinLivingArea('');
      setMinRooms('');
      setMaxPrice('');
      await refresh();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(`/crm/search-requests/${id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      toast.success(t('crm:contacts.srDeleted'));
      await refresh();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };

  return (
    <Card title={t('crm:contacts.searchRequests')}>
      <QueryState query={query}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="text-sm text-slate-500">{t('crm:contacts.noSearchRequests')}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {items.map((sr) => (
                <li key={sr.id} className="flex items-start justify-between gap-3 py-2">
                  <div>
                    <p className="font-medium text-slate-900">
                      {t(`crm:enum.marketingType.${sr.marketingType}`)} ·{' '}
                      {sr.objectTypes.map((o) => t(`crm:enum.objectType.${o}`)).join(', ') ||
                        t('crm:common.any')}
                    </p>
                    <p className="text-slate-500">
                      {[
                        sr.cities.join(', '),
                        sr.minLivingArea ? `≥ ${formatNumber(sr.minLivingArea, i18n.language, 'm²')}` : '',
                        sr.minRooms ? `≥ ${formatNumber(sr.minRooms, i18n.language)} Zi.` : '',
                        sr.maxPrice ? `≤ ${formatEuro(sr.maxPrice, i18n.language)}` : '',
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </p>
                  </div>
                  {canWrite ? (
                    <Button
                      variant="ghost"
                      aria-label={t('crm:common.delete')}
                      icon={<Trash2 className="size-4" />}
                      onClick={() => remove.mutate(sr.id)}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      {canWrite ? (
        <form
          onSubmit={submit}
          className="mt-4 space-y-3 border-t border-slate-100 pt-4"
          aria-label={t('crm:contacts.addSearchRequest')}
        >
          <div className="grid gap-3 sm:grid-cols-2">
            <SelectField
              label={t('crm:form.marketingType')}
              value={marketingType}
              onChange={(e) => setMarketingType(e.target.value)}
              options={MARKETING_TYPES.map((m) => ({ value: m, label: t(`crm:enum.marketingType.${m}`) }))}
            />
            <TextField
              label={t('crm:contacts.srCities')}
              value={cities}
              onChange={(e) => setCities(e.target.value)}
            />
            <TextField
              label={t('crm:contacts.srMinArea')}
              inputMode="decimal"
              value={minLivingArea}
              onChange={(e) => setMinLivingArea(e.target.value)}
            />
            <TextField
              label={t('crm:contacts.srMinRooms')}
              inputMode="decimal"
              value={minRooms}
              onChange={(e) => setMinRooms(e.target.value)}
            />
            <TextField
              label={t('crm:contacts.srMaxPrice')}
              inputMode="numeric"
              value={maxPrice}
              onChange={(e) => setMaxPrice(e.target.value)}
            />
          </div>
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">{t('crm:contacts.srObjectTypes')}</legend>
            <div className="mt-2 grid grid-cols-2 gap-2">
              {OBJECT_TYPES.slice(0, 6).map((o) => (
                <CheckboxField
                  key={o}
                  label={t(`crm:enum.objectType.${o}`)}
                  checked={objectTypes.includes(o)}
                  onChange={(e) =>
                    setObjectTypes((l) => (e.target.checked ? [...l, o] : l.filter((x) => x !== o)))
                  }
                />
              ))}
            </div>
          </fieldset>
          <div className="flex justify-end">
            <Button type="submit" loading={create.isPending}>
              {t('crm:contacts.addSearchRequest')}
            </Button>
          </div>
        </form>
      ) : null}
    </Card>
  );
}
