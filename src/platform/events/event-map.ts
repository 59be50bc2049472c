/**
 * Every event modules exchange, by name. Modules add theirs with declaration merging:
 *
 *   declare module '../../platform/events/event-map.js' {
 *     interface EventMap { 'property.published': { propertyId: string } }
 *   }
 */
export interface EventMap {
  'tenant.member.joined': { userId: string; role: string };
  'tenant.member.role_changed': { userId: string; from: string; to: string };
  'tenant.member.removed': { userId: string };
  'tenant.settings.updated': { fields: string[] };
}

export type EventName = keyof EventMap;

export interface DomainEvent<N extends EventName = EventName> {
  name: N;
  tenantId: string;
  actorId: string | null;
  payload: EventMap[N];
  occurredAt: Date;
  /** 0 for a person's action; n when n automation steps led to it (see causation.ts). */
  chainDepth: number;
  /** The outside system the change came from (see causation.ts); null for ImmoXX's own users and jobs. */
  origin: string | null;
}
