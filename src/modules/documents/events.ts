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
  }
}

export {};
