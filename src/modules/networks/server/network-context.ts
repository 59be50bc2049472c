import { and, eq, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Database, Tx } from '../../../platform/db/database.js';
import { forbidden, unauthorized } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { brokerNetwork, NETWORK_ROLE_NAME, networkAdmin } from '../schema.js';

/**
 * Runs `fn` as the network's role: the policies of the network tables decide what it sees, which
 * is the network's own rows and only what members share. `withTenant` opens the transaction (its
 * driver plumbing); no office id can match the placeholder it is given, and the role switch makes
 * the app role's policies irrelevant anyway.
 */
export function withNetwork<T>(
  database: Database,
  networkId: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return database.withTenant(`network:${networkId}`, async (tx) => {
    await tx.execute(
      sql`select set_config('role', ${NETWORK_ROLE_NAME}, true), set_config('app.network_id', ${networkId}, true)`,
    );
    return fn(tx);
  });
}

export interface AdministeredNetwork {
  id: string;
  name: string;
  slug: string;
}

/** The networks a user administers (read by the platform: network admins are not an office role). */
export function administeredNetworks(platform: Platform, userId: string): Promise<AdministeredNetwork[]> {
  return platform.database.db
    .select({ id: brokerNetwork.id, name: brokerNetwork.name, slug: brokerNetwork.slug })
    .from(networkAdmin)
    .innerJoin(brokerNetwork, eq(brokerNetwork.id, networkAdmin.networkId))
    .where(eq(networkAdmin.userId, userId))
    .orderBy(brokerNetwork.name);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The network of the route's `:networkId`, if the signed-in user administers it; 403 otherwise. */
export async function requireNetworkAdmin(platform: Platform, request: FastifyRequest): Promise<string> {
  const auth = request.auth;
  if (!auth) throw unauthorized();
  const { networkId } = request.params as { networkId: string };
  const refused = forbidden('Sie verwalten dieses Maklernetzwerk nicht.');
  if (!UUID.test(networkId)) throw refused;
  const [row] = await platform.database.db
    .select({ networkId: networkAdmin.networkId })
    .from(networkAdmin)
    .where(and(eq(networkAdmin.networkId, networkId), eq(networkAdmin.userId, auth.user.id)));
  if (!row) throw refused;
  return row.networkId;
}
