import type { SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Platform } from '../kernel.js';

/** The contact-list filter an enabled module offers under this name, or null. */
export function contactListFilter(
  platform: Platform,
  name: string,
): ((contactId: AnyPgColumn, value: string) => SQL) | null {
  for (const server of platform.moduleServers.values()) {
    const filter = server.contactList?.filters?.[name];
    if (filter) return filter;
  }
  return null;
}

/** The contact-list sort key an enabled module offers under this name, or null. */
export function contactListSort(platform: Platform, name: string): ((contactId: AnyPgColumn) => SQL) | null {
  for (const server of platform.moduleServers.values()) {
    const sort = server.contactList?.sorts?.[name];
    if (sort) return sort;
  }
  return null;
}
