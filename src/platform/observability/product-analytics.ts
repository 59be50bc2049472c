import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Cache } from '../cache/cache.js';
import type { Database } from '../db/database.js';
import { analyticsConsent } from './analytics.schema.js';

/** What ImmoXX uses of posthog-node's client (loaded only when POSTHOG_API_KEY is set). */
interface PostHogClient {
  capture(message: {
    distinctId: string;
    event: string;
    properties?: Record<string, unknown>;
    groups?: Record<string, string>;
  }): void;
  shutdown(timeoutMs?: number): Promise<void>;
}

const CONSENT_TTL_MS = 5 * 60_000;
/**
 * Pseudonymous ids: PostHog sees a hash of the user's and the office's random ids, never a name,
 * an e-mail address or the ids themselves.
 */
export const pseudonym = (kind: 'user' | 'office', id: string) =>
  createHash('sha256').update(`immoxx-analytics:${kind}:${id}`).digest('hex').slice(0, 32);

/**
 * Product analytics with PostHog, off by default: only with POSTHOG_API_KEY, and then only for
 * people who said yes in their profile (no answer counts as no). What is sent: which feature
 * was used (the route template of a successful change), the office as a group, the role.
 */
export class ProductAnalytics {
  constructor(
    private readonly database: Database,
    private readonly cache: Cache,
    private readonly client: PostHogClient | null,
    private readonly logger: Logger,
  ) {}

  static async create(
    options: { apiKey?: string; host: string },
    database: Database,
    cache: Cache,
    logger: Logger,
  ): Promise<ProductAnalytics> {
    if (!options.apiKey) return new ProductAnalytics(database, cache, null, logger);
    const { PostHog } = await import('posthog-node');
    const client = new PostHog(options.apiKey, { host: options.host, flushAt: 20, flushInterval: 10_000 });
    return new ProductAnalytics(database, cache, client, logger);
  }

  get available(): boolean {
    return this.client !== null;
  }

  async consent(userId: string): Promise<{ granted: boolean; decidedAt: Date | null }> {
    const [row] = await this.database.db
      .select({ granted: analyticsConsent.granted, decidedAt: analyticsConsent.decidedAt })
      .from(analyticsConsent)
      .where(eq(analyticsConsent.userId, userId));
    return row ?? { granted: false, decidedAt: null };
  }

  async setConsent(userId: string, granted: boolean): Promise<{ granted: boolean; decidedAt: Date }> {
    const decidedAt = new Date();
    await this.database.db
      .insert(analyticsConsent)
      .values({ userId, granted, decidedAt })
      .onConflictDoUpdate({
        target: analyticsConsent.userId,
        set: { granted: sql`excluded.granted`, decidedAt },
      });
    await this.cache.set(this.#cacheKey(userId), granted, CONSENT_TTL_MS);
    return { granted, decidedAt };
  }

  /** Fire and forget: a failure here never touches the request that used the feature. */
  capture(
    actor: { userId: string; tenantId: string | null; role: string | null },
    event: string,
    properties: Record<string, unknown>,
  ): void {
    const client = this.client;
    if (!client) return;
    void this.#granted(actor.userId)
      .then((granted) => {
        if (!granted) return;
        client.capture({
          distinctId: pseudonym('user', actor.userId),
          event,
          properties: { ...properties, role: actor.role ?? undefined, $process_person_profile: false },
          groups: actor.tenantId ? { office: pseudonym('office', actor.tenantId) } : undefined,
        });
      })
      .catch((error: unknown) => this.logger.warn({ err: error }, 'product analytics capture failed'));
  }

  async close(): Promise<void> {
    await this.client?.shutdown(2000);
  }

  async #granted(userId: string): Promise<boolean> {
    const cached = await this.cache.get<boolean>(this.#cacheKey(userId));
    if (cached !== undefined) return cached;
    const { granted } = await this.consent(userId);
    await this.cache.set(this.#cacheKey(userId), granted, CONSENT_TTL_MS);
    return granted;
  }

  #cacheKey(userId: string) {
    return `analytics-consent:${userId}`;
  }
}
