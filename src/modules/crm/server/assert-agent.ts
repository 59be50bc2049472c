import { badRequest } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';

/** An assigned agent must belong to the same office; ids from elsewhere are refused. */
export async function assertAgentInTenant(
  platform: Platform,
  tenantId: string,
  userId: string | null | undefined,
): Promise<void> {
  if (!userId) return;
  const membership = await platform.memberships.get(tenantId, userId);
  if (!membership)
    throw badRequest('unknown_agent', 'Die zuständige Person gehört nicht zu diesem Büro.', { userId });
}
