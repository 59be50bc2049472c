/** Events the lead-scoring module publishes (automation rules start from them). */
declare module '../../platform/events/event-map.js' {
  interface EventMap {
    /** A contact came into a segment (built-in or saved), e.g. became "heiß" or "schlafend". */
    'lead.segment_entered': { contactId: string; segmentId: string; segment: string };
  }
}

export {};
