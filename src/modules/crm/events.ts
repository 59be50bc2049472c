/** Events the CRM publishes for other modules (social, AI, lead scoring …). */
declare module '../../platform/events/event-map.js' {
  interface EventMap {
    'property.created': { propertyId: string };
    'property.updated': { propertyId: string; fields: string[] };
    'property.status_changed': { propertyId: string; from: string; to: string };
    'property.published': { propertyId: string; slug: string };
    'contact.created': { contactId: string };
    'lead.created': { contactId: string; propertyId: string | null; source: string };
  }
}

export {};
