import type { Platform } from '../../../platform/kernel.js';
import type { portalAccount } from '../schema.js';
import type { FeedTarget } from './feed-transport.js';
import { Is24Client, type Is24Credentials } from './is24-client.js';

export type AccountRow = typeof portalAccount.$inferSelect;

/** The sealed secret is bound to its account: a copied ciphertext does not open elsewhere. */
export const accountAad = (accountId: string) => `portals.account:${accountId}`;

export type AccountSecret = Is24Credentials | { password: string };

export function openSecret(platform: Platform, account: AccountRow): AccountSecret {
  return JSON.parse(
    platform.secretBox.decrypt(account.secretSealed, accountAad(account.id)),
  ) as AccountSecret;
}

export function is24ClientFor(platform: Platform, account: AccountRow): Is24Client {
  const secret = openSecret(platform, account);
  if (!('consumerKey' in secret)) throw new Error(`account ${account.id} has no ImmoScout24 credentials`);
  return new Is24Client({ baseUrl: account.host, username: account.username, credentials: secret });
}

export function feedTargetFor(platform: Platform, account: AccountRow): FeedTarget {
  const secret = openSecret(platform, account);
  if (!('password' in secret) || account.transport === 'is24')
    throw new Error(`account ${account.id} is not an FTP/SFTP account`);
  return {
    transport: account.transport,
    host: account.host,
    port: account.port,
    username: account.username,
    password: secret.password,
    remoteDir: account.remoteDir,
  };
}
