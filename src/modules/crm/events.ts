/** Events the CRM publishes for other modules (social, AI, lead scoring …). */
declare module '../../platform/events/event-map.js' {
  interface EventMap {
    'property.created': { propertyId: string };
    'property.updated': { propertyId: string; fields: string[] };
    'property.status_changed': { propertyId: string; from: string; to: string };
    'property.published': { propertyId: string; slug: string };
    'contact.created': { contactId: string };
    /** The fields the office changed (lead status, contact data …). */
    'contact.updated': { contactId: string; fields: string[] };
    /** Erased under GDPR Art. 17: everything stored about the contact must go, files included. */
    'contact.erased': { contactId: string };
    'property.deleted': { propertyId: string };
    /**
     * An inquiry came in (form, portal, mail). `visitorId` is the analytics id the sender's
     * browser had on the listing page, present only when that visitor consented to tracking.
     */
    'lead.created': {
      contactId: string;
      propertyId: string | null;
      source: string;
      visitorId?: string | null;
    };
    'viewing.status_changed': { viewingId: string; propertyId: string; from: string; to: string };
    'viewing.planned': { viewingId: string; propertyId: string };
    /** Which of time, place (property), agent, visitors, status or notes changed. */
    'viewing.changed': { viewingId: string; propertyId: string; fields: string[] };
    'viewing.deleted': { viewingId: string; propertyId: string; startsAt: string; endsAt: string };
  }
}

export {};
