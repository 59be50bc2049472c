import type { MarketingType, PropertyStatus } from './property-enums.js';

/** Allowed status changes; everything else is refused with the list of what is allowed. */
const TRANSITIONS: Record<PropertyStatus, readonly PropertyStatus[]> = {
  entwurf: ['aktiv', 'archiviert'],
  aktiv: ['reserviert', 'verkauft', 'vermietet', 'entwurf', 'archiviert'],
  reserviert: ['aktiv', 'verkauft', 'vermietet', 'archiviert'],
  verkauft: ['archiviert'],
  vermietet: ['archiviert', 'aktiv'],
  archiviert: ['entwurf'],
};

export function allowedTransitions(from: PropertyStatus, marketingType: MarketingType): PropertyStatus[] {
  // A purchase ends "verkauft", a rental "vermietet" — never the other way round.
  return TRANSITIONS[from].filter((to) =>
    marketingType === 'kauf' ? to !== 'vermietet' : to !== 'verkauft',
  );
}

export function canTransition(
  from: PropertyStatus,
  to: PropertyStatus,
  marketingType: MarketingType,
): boolean {
  return allowedTransitions(from, marketingType).includes(to);
}

/** Statuses in which the public listing page is reachable. */
export const PUBLIC_STATUSES: readonly PropertyStatus[] = ['aktiv', 'reserviert'];
