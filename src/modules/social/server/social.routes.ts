import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform/kernel.js';
import { accountRoutes } from './accounts.routes.js';
import { composeRoutes } from './compose.routes.js';
import { postRoutes } from './posts.routes.js';
import { publishingRoutes } from './publishing.routes.js';

/** `/api/social-media`: accounts, posts with one target per channel, composing, publishing. */
export const socialRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  await app.register(accountRoutes, { platform });
  await app.register(postRoutes, { platform });
  await app.register(composeRoutes, { platform });
  await app.register(publishingRoutes, { platform });
};
