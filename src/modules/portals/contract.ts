import { z } from 'zod';

/** The portals API's shapes, shared by the server's routes and the pages. */

/** ImmoScout24's live import/export API; the sandbox is https://rest.sandbox-immobilienscout24.de/restapi/api. */
export const IS24_DEFAULT_URL = 'https://rest.immobilienscout24.de/restapi/api';

export const accountView = z.object({
  id: z.string().uuid(),
  transport: z.enum(['is24', 'ftp', 'sftp']),
  portalName: z.string(),
  host: z.string(),
  port: z.number().int().nullable(),
  username: z.string(),
  remoteDir: z.string(),
  providerId: z.string(),
  feedScope: z.enum(['TEIL', 'VOLL']),
  status: z.enum(['aktiv', 'zugang_ungueltig', 'fehler']),
  lastError: z.string().nullable(),
  lastSyncAt: z.string().nullable(),
  lastReconcileAt: z.string().nullable(),
  listingCount: z.number().int(),
  onlineCount: z.number().int(),
});
export type AccountView = z.infer<typeof accountView>;

export const listingView = z.object({
  accountId: z.string().uuid(),
  portalName: z.string(),
  transport: z.enum(['is24', 'ftp', 'sftp']),
  accountStatus: z.enum(['aktiv', 'zugang_ungueltig', 'fehler']),
  chosen: z.boolean(),
  /** Null when the listing was never chosen for this portal. */
  state: z.enum(['wartet', 'gesendet', 'online', 'fehler', 'entfernt']).nullable(),
  portalObjectId: z.string().nullable(),
  url: z.string().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  onlineAt: z.string().nullable(),
  removedAt: z.string().nullable(),
});

export const listingState = z.object({
  /** Whether the listing is on the market (aktiv/reserviert); only then does it go to portals. */
  onMarket: z.boolean(),
  items: z.array(listingView),
});
export type ListingView = z.infer<typeof listingView>;
export type ListingStateView = z.infer<typeof listingState>;
