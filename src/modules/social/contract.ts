import { z } from 'zod';
import { ACCOUNT_MODES, SOCIAL_PLATFORMS } from './domain/platforms.js';

/** Response shapes of `/api/social-media`, shared by the routes and the web pages. */
export const accountSchema = z.object({
  id: z.string(),
  platform: z.enum(SOCIAL_PLATFORMS),
  mode: z.enum(ACCOUNT_MODES),
  name: z.string(),
  externalId: z.string(),
  status: z.string(),
  statusMessage: z.string().nullable(),
  followers: z.number().nullable(),
  createdAt: z.string(),
});
export type AccountView = z.infer<typeof accountSchema>;

export const targetSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  platform: z.string(),
  format: z.string(),
  text: z.string(),
  link: z.string().nullable(),
  status: z.string(),
  scheduledAt: z.string().nullable(),
  attempts: z.number(),
  externalId: z.string().nullable(),
  externalUrl: z.string().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  publishedAt: z.string().nullable(),
  firstComment: z.string().nullable(),
  firstCommentError: z.string().nullable(),
  tiktok: z
    .object({
      privacyLevel: z.string(),
      allowComment: z.boolean(),
      allowDuet: z.boolean(),
      allowStitch: z.boolean(),
    })
    .nullable(),
  media: z.array(
    z.object({
      kind: z.enum(['image', 'video']),
      /** The owning module's reference: `crm.property-media`, `ai.generation-file` (or `link` on old posts). */
      source: z.string(),
      id: z.string(),
      previewUrl: z.string().nullable(),
      altText: z.string(),
      width: z.number().nullable(),
      height: z.number().nullable(),
    }),
  ),
  metrics: z.record(z.string(), z.number()).nullable(),
  metricsFetchedAt: z.string().nullable(),
});
export const postSchema = z.object({
  id: z.string(),
  title: z.string(),
  propertyId: z.string().nullable(),
  status: z.string(),
  approvedBy: z.string().nullable(),
  createdAt: z.string(),
  targets: z.array(targetSchema),
});
export type TargetView = z.infer<typeof targetSchema>;
export type PostView = z.infer<typeof postSchema>;
