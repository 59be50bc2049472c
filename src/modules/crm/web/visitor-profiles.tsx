import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatArea, formatEuro } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import type { SearchRequestView } from '../contract.js';

/** What a visitor is looking for, next to their name in the viewing dialog. */
function VisitorProfile({ contactId, name }: { contactId: string; name: string }) {
  const { t, i18n } = useTranslation();
  const query = useQuery({
    queryKey: ['crm', 'contact', contactId, 'search-requests'],
    queryFn: () => api<{ items: SearchRequestView[] }>(`/crm/contacts/${contactId}/search-requests`),
    staleTime: 60_000,
  });
  const active = (query.data?.items ?? []).filter((r) => r.active);
  if (query.isPending) return null;
  return (
    <li className="text-xs text-slate-600">
      <span className="font-medium text-slate-700">{name}:</span>{' '}
      {active.length === 0
        ? t('crm:viewings.noProfile')
        : active
            .map((r) =>
              [
                t(`crm:enum.marketingType.${r.marketingType}`),
                r.objectTypes.map((o) => t(`crm:enum.objectType.${o}`, { defaultValue: o })).join(', '),
                r.cities.join(', '),
                r.minRooms ? t('crm:viewings.fromRooms', { rooms: r.minRooms }) : null,
                r.minLivingArea
                  ? t('crm:viewings.fromArea', { area: formatArea(r.minLivingArea, i18n.language) })
                  : null,
                r.maxPrice ? t('crm:viewings.upTo', { price: formatEuro(r.maxPrice, i18n.language) }) : null,
              ]
                .filter(Boolean)
                .join(' · '),
            )
            .join(' | ')}
    </li>
  );
}

export function VisitorProfiles({ contacts }: { contacts: { id: string; displayName: string }[] }) {
  const { t } = useTranslation();
  if (contacts.length === 0) return null;
  return (
    <ul className="mt-2 space-y-0.5" aria-label={t('crm:viewings.profiles')}>
      {contacts.map((c) => (
        <VisitorProfile key={c.id} contactId={c.id} name={c.displayName} />
      ))}
    </ul>
  );
}
