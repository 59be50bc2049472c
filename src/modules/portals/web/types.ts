/** The API's shapes as the pages use them (see server/accounts.routes.ts and listings.routes.ts). */
export interface PortalAccount {
  id: string;
  transport: 'is24' | 'ftp' | 'sftp';
  portalName: string;
  host: string;
  port: number | null;
  username: string;
  remoteDir: string;
  providerId: string;
  feedScope: 'TEIL' | 'VOLL';
  status: 'aktiv' | 'zugang_ungueltig' | 'fehler';
  lastError: string | null;
  lastSyncAt: string | null;
  lastReconcileAt: string | null;
  listingCount: number;
  onlineCount: number;
}

export interface PortalListing {
  accountId: string;
  portalName: string;
  transport: PortalAccount['transport'];
  accountStatus: PortalAccount['status'];
  chosen: boolean;
  state: 'wartet' | 'gesendet' | 'online' | 'fehler' | 'entfernt' | null;
  portalObjectId: string | null;
  url: string | null;
  lastError: string | null;
  sentAt: string | null;
  onlineAt: string | null;
  removedAt: string | null;
}
