/** Events the inbox publishes (lead scoring counts a contact's own mails as replies). */
declare module '../../platform/events/event-map.js' {
  interface EventMap {
    /** A mail that is not a portal inquiry came from an address of a known contact. */
    'inbox.mail_from_contact': { messageId: string; contactId: string; receivedAt: string };
  }
}

export {};
