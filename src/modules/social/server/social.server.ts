import type { JobDefinition } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import { AdapterRegistry } from './adapters.js';
import { publishTargetJob } from './publish-job.js';
import { socialRoutes } from './social.routes.js';

const registries = new WeakMap<Platform, AdapterRegistry>();
const registryOf = (platform: Platform) => {
  let registry = registries.get(platform);
  if (!registry) {
    registry = new AdapterRegistry(platform);
    registries.set(platform, registry);
  }
  return registry;
};

export const socialServer: ModuleServer = {
  routes: async (app, { platform }) => {
    await app.register(socialRoutes, { platform });
  },
  jobs: (platform) => [publishTargetJob(platform, registryOf(platform)) as JobDefinition<never>],
  onStop: async (platform) => {
    await registries.get(platform)?.close();
  },
};

/** For tests: the adapters (and sandbox state) this platform's jobs use. */
export const adaptersOf = registryOf;
