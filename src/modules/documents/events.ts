/** Events the documents module publishes (projects complete tasks, automation rules, webhooks). */
declare module '../../platform/events/event-map.js' {
  interface EventMap {
    /** A document now sits in a category's folder: uploaded with it, recategorised, or recognised from its text. */
    'document.filed': {
      documentId: string;
      propertyId: string | null;
      contactId: string | null;
      category: string;
      title: string;
    };
    /** A document's validity ends soon (the reminder thresholds: 60, 30, 7 days and expired). */
    'document.expiring': {
      documentId: string;
      propertyId: string | null;
      category: string;
      title: string;
      validUntil: string;
      daysLeft: number;
    };
    /** Every signer has signed and the sealed PDF is filed as a new version. */
    'signature.completed': { requestId: string; documentId: string; title: string };
  }
}

export {};
