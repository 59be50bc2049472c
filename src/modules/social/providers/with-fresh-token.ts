import { ProviderError } from './provider-error.js';
import type { AccountAccess } from './social-adapter.js';

/**
 * Runs a platform call; if the platform says the token expired, refreshes it once and repeats
 * the call once. A second auth failure is final: the account needs reconnecting.
 */
export async function withFreshToken<T>(
  account: AccountAccess,
  call: (token: string) => Promise<T>,
): Promise<T> {
  try {
    return await call(account.accessToken);
  } catch (error) {
    if (!(error instanceof ProviderError) || error.kind !== 'auth' || !account.refresh) throw error;
    const token = await account.refresh();
    account.accessToken = token;
    return call(token);
  }
}
