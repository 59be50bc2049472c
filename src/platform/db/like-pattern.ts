/** An ILIKE pattern that finds `text` anywhere, its %, _ and \ taken literally. */
export const containsPattern = (text: string): string => `%${text.replace(/[%_\\]/g, '\\$&')}%`;
