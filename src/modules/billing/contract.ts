import { z } from 'zod';
import { issuedInvoiceView } from '../../platform/invoicing/invoice-view.js';
import { LIMITED_RESOURCES, PLAN_IDS } from '../../platform/plans/plan-catalogue.js';

const limits = z.object(
  Object.fromEntries(LIMITED_RESOURCES.map((r) => [r, z.number().nullable()])) as {
    [K in (typeof LIMITED_RESOURCES)[number]]: z.ZodNullable<z.ZodNumber>;
  },
);

export const planView = z.object({
  id: z.enum(PLAN_IDS),
  name: z.string(),
  monthlyPriceCents: z.number(),
  limits,
  aiIncludedMicros: z.number(),
  aiOverage: z.enum(['blocked', 'metered']),
  /** Module ids the plan leaves out, with their names for the comparison. */
  lockedModules: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const billingOverview = z.object({
  /** The office's plan; null: no plan, so no limits (a self-hosted office). */
  current: z
    .object({
      plan: planView,
      status: z.enum(['trialing', 'active', 'past_due', 'read_only', 'canceled']),
      trialEndsAt: z.string().nullable(),
      currentPeriodEnd: z.string().nullable(),
      /** After a failed payment: until when the office keeps working before it becomes read-only. */
      graceEndsAt: z.string().nullable(),
      readOnly: z.boolean(),
    })
    .nullable(),
  plans: z.array(planView),
  usage: z.object({
    users: z.number(),
    /** Open invitations hold a seat. */
    openInvitations: z.number(),
    properties: z.number(),
    /** Bytes of the office's stored files. */
    storageBytes: z.number(),
  }),
  /**
   * How the plan is changed here: through Stripe (Checkout, then the Customer Portal once a
   * subscription runs) or, with no payment set up, by the operator.
   */
  changeBy: z.object({ mode: z.enum(['stripe', 'operator']), subscription: z.boolean(), note: z.string() }),
});
export type BillingOverview = z.infer<typeof billingOverview>;

export const subscriptionInvoices = z.object({
  items: z.array(issuedInvoiceView),
  /** platform: ours with XRechnung; stripe: only Stripe's own by e-mail; none: no online payment. */
  issuedBy: z.enum(['platform', 'stripe', 'none']),
});
export type SubscriptionInvoices = z.infer<typeof subscriptionInvoices>;
