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
    /** A visitor booked a place in a group viewing on the property's booking page. */
    'viewing.booked': { viewingId: string; propertyId: string; contactId: string };
    /** A visitor came: checked in by QR code or by the agent (once per visitor and viewing). */
    'viewing.visitor_checked_in': { viewingId: string; propertyId: string; contactId: string };
  }
}

export {};
