/** Events the viewings module publishes (lead scoring reads feedback from here). */
declare module '../../platform/events/event-map.js' {
  interface EventMap {
    'viewing.feedback_received': {
      viewingId: string;
      propertyId: string;
      contactId: string;
      interest: number;
      wantsOffer: boolean;
    };
  }
}

export {};
