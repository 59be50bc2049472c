/** What became of a received mail, and which way a mail went; shared by the schema and the pages. */
export const MESSAGE_OUTCOMES = ['anfrage', 'nicht_erkannt', 'mail'] as const;
export type MessageOutcome = (typeof MESSAGE_OUTCOMES)[number];
export const MESSAGE_DIRECTIONS = ['eingang', 'ausgang'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];
