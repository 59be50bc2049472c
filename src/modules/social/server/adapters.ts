import type { Platform } from '../../../platform/kernel.js';
import type { SocialPlatform } from '../domain/platforms.js';
import { FacebookAdapter } from '../providers/graph/facebook-adapter.js';
import { GraphClient } from '../providers/graph/graph-client.js';
import { INSTAGRAM_POLLING, InstagramAdapter } from '../providers/graph/instagram-adapter.js';
import { LinkedInAdapter } from '../providers/linkedin/linkedin-adapter.js';
import type { SocialAdapter } from '../providers/social-adapter.js';
import { TikTokAdapter } from '../providers/tiktok/tiktok-adapter.js';
import { createSandboxApp, SANDBOX_BASE } from '../sandbox/sandbox-app.js';

export type AccountMode = 'live' | 'sandbox';
type Sandbox = Awaited<ReturnType<typeof createSandboxApp>>;

/** Is the sandbox offered? Explicit setting wins; otherwise on everywhere but production. */
export const sandboxEnabled = (platform: Platform) =>
  platform.config.env.SOCIAL_SANDBOX ?? platform.config.env.NODE_ENV !== 'production';

/**
 * Adapters per platform and mode. Live adapters use the configured API URLs; sandbox
 * adapters talk to the in-process imitation, so sandbox accounts never touch the network.
 */
export class AdapterRegistry {
  #sandbox: Promise<Sandbox> | null = null;
  readonly #cache = new Map<string, SocialAdapter>();

  constructor(
    private readonly platform: Platform,
    private readonly timing = { pollIntervalMs: 2_000, maxPolls: 30 },
    private readonly instagramTiming: { pollIntervalMs: number; maxPolls: number } = INSTAGRAM_POLLING,
  ) {}

  sandbox(): Promise<Sandbox> {
    this.#sandbox ??= createSandboxApp();
    return this.#sandbox;
  }

  async get(platformName: SocialPlatform, mode: AccountMode): Promise<SocialAdapter> {
    const key = `${platformName}:${mode}`;
    const cached = this.#cache.get(key);
    if (cached) return cached;
    const env = this.platform.config.env;
    const fetchImpl = mode === 'sandbox' ? (await this.sandbox()).fetch : undefined;
    const sleep = mode === 'sandbox' ? async () => {} : undefined;
    const graph = new GraphClient({
      baseUrl: mode === 'sandbox' ? `${SANDBOX_BASE}/graph` : env.GRAPH_API_URL,
      version: env.GRAPH_API_VERSION,
      fetchImpl,
      appSecret: mode === 'live' ? env.FACEBOOK_APP_SECRET : undefined,
    });
    const adapter: SocialAdapter =
      platformName === 'facebook'
        ? new FacebookAdapter(graph)
        : platformName === 'instagram'
          ? new InstagramAdapter(graph, { ...this.instagramTiming, sleep })
          : platformName === 'linkedin'
            ? new LinkedInAdapter({
                baseUrl: mode === 'sandbox' ? `${SANDBOX_BASE}/linkedin` : env.LINKEDIN_API_URL,
                version: env.LINKEDIN_API_VERSION,
                fetchImpl,
              })
            : new TikTokAdapter({
                baseUrl: mode === 'sandbox' ? `${SANDBOX_BASE}/tiktok` : env.TIKTOK_API_URL,
                ...this.timing,
                sleep,
                fetchImpl,
              });
    this.#cache.set(key, adapter);
    return adapter;
  }

  async close(): Promise<void> {
    if (this.#sandbox) await (await this.#sandbox).app.close();
  }
}
