import { z } from 'zod';
import { MARKETING_TYPES, OBJECT_TYPES } from '../crm/domain/property-enums.js';

export const networkSummary = z.object({ id: z.string(), name: z.string(), slug: z.string() });

/** What an office sees of its own membership. */
export const membershipView = z.object({
  network: networkSummary.extend({ inquiryUrl: z.string(), memberCount: z.number() }).nullable(),
  sharesListings: z.boolean(),
  sharesReports: z.boolean(),
});
export type MembershipView = z.infer<typeof membershipView>;

export const membershipInput = z.object({ sharesListings: z.boolean(), sharesReports: z.boolean() }).strict();

export const poolQuery = z.object({
  marketingType: z.enum(MARKETING_TYPES).optional(),
  objectType: z.enum(OBJECT_TYPES).optional(),
  /** Postcode prefix or part of the city name. */
  q: z.string().trim().max(80).optional(),
});

export const poolListing = z.object({
  id: z.string(),
  officeId: z.string(),
  officeName: z.string(),
  title: z.string(),
  marketingType: z.string(),
  objectType: z.string(),
  status: z.string(),
  postalCode: z.string(),
  city: z.string(),
  priceCents: z.number().nullable(),
  livingArea: z.number().nullable(),
  rooms: z.number().nullable(),
  publicUrl: z.string(),
  publishedAt: z.string().nullable(),
});
export const poolView = z.object({ listings: z.array(poolListing), total: z.number() });
export type PoolView = z.infer<typeof poolView>;

export const memberView = z.object({
  tenantId: z.string(),
  name: z.string(),
  sharesListings: z.boolean(),
  sharesReports: z.boolean(),
  joinedAt: z.string(),
});
export const networkDetail = networkSummary.extend({
  fallbackTenantId: z.string().nullable(),
  inquiryUrl: z.string(),
  members: z.array(memberView),
});
export type NetworkDetail = z.infer<typeof networkDetail>;

const officeFigures = z.object({
  newListings: z.number(),
  soldOrLet: z.number(),
  newContacts: z.number(),
  viewings: z.number(),
  activeListings: z.number(),
});
export type OfficeFigures = z.infer<typeof officeFigures>;
export const networkReport = z.object({
  months: z.array(z.string()),
  offices: z.array(
    z.object({
      tenantId: z.string(),
      name: z.string(),
      sharesReports: z.boolean(),
      /** One per month; null where the office does not share its figures (leads are the network's own). */
      figures: z.array(officeFigures.nullable()),
      leadsRouted: z.array(z.number()),
    }),
  ),
  /** Sums over the offices that share their figures, and every routed lead. */
  totals: z.array(officeFigures.extend({ leadsRouted: z.number() })),
});
export type NetworkReport = z.infer<typeof networkReport>;

const optionalText = (pattern: RegExp, message: string) =>
  z
    .string()
    .trim()
    .nullable()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || pattern.test(v), { message });

export const leadRuleInput = z.object({
  postalPrefix: optionalText(/^\d{1,5}$/, 'PLZ-Anfang: eine bis fünf Ziffern'),
  marketingType: z
    .enum(MARKETING_TYPES)
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  objectType: z
    .enum(OBJECT_TYPES)
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  targetTenantId: z.string().min(1, 'Büro wählen').max(100),
});
export const routingInput = z
  .object({
    rules: z.array(leadRuleInput).max(200),
    fallbackTenantId: z.string().min(1).max(100).nullable(),
  })
  .strict();
export type RoutingInput = z.input<typeof routingInput>;

export const routingView = z.object({
  rules: z.array(
    z.object({
      id: z.string(),
      position: z.number(),
      postalPrefix: z.string().nullable(),
      marketingType: z.string().nullable(),
      objectType: z.string().nullable(),
      targetTenantId: z.string(),
    }),
  ),
  fallbackTenantId: z.string().nullable(),
});
export type RoutingView = z.infer<typeof routingView>;

export const routedLeadView = z.object({
  leads: z.array(
    z.object({
      id: z.string(),
      officeName: z.string(),
      postalCode: z.string(),
      marketingType: z.string(),
      objectType: z.string().nullable(),
      byRule: z.number().nullable(),
      createdAt: z.string(),
    }),
  ),
});

/** The operators' view of the networks. */
export const operatorNetwork = networkSummary.extend({
  members: z.array(z.object({ tenantId: z.string(), name: z.string() })),
  admins: z.array(z.object({ userId: z.string(), name: z.string(), email: z.string() })),
});
export const operatorNetworkList = z.object({ networks: z.array(operatorNetwork) });
export type OperatorNetwork = z.infer<typeof operatorNetwork>;

export const createNetworkInput = z
  .object({
    name: z.string().trim().min(2, 'Mindestens zwei Zeichen').max(120),
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/, 'Nur a–z, 0–9 und Bindestriche, 3 bis 40 Zeichen'),
  })
  .strict();
