import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import type { Tx } from '../../../platform/db/database.js';
import { issuedInvoice } from '../../../platform/invoicing/invoicing.schema.js';
import { issueInvoice } from '../../../platform/invoicing/issue-invoice.js';
import type { Platform } from '../../../platform/kernel.js';
import type { PlanId } from '../../../platform/plans/plan-catalogue.js';
import { billingAccount, billingEvent, tenantPlan } from '../../../platform/plans/plans.schema.js';
import { GRACE_DAYS } from '../../../platform/plans/read-only.js';
import { billingIssuer, platformInvoiceDraft } from './platform-invoice.js';
import type { StripeSetup } from './stripe-gateway.js';

export type EventOutcome =
  | 'applied'
  | 'duplicate'
  | 'stale'
  | 'ignored'
  | 'unknown_office'
  | 'invoiced'
  | 'no_issuer'
  | 'invoice_mismatch';
type PlanStatus = 'trialing' | 'active' | 'past_due';

/** Stripe's subscription states as the office's plan status; null: wait for a settled state. */
function statusOf(s: Stripe.Subscription.Status): PlanStatus | 'canceled' | null {
  if (s === 'trialing') return 'trialing';
  if (s === 'active') return 'active';
  if (s === 'past_due' || s === 'unpaid') return 'past_due';
  if (s === 'canceled') return 'canceled';
  return null; // incomplete, incomplete_expired, paused: no payment settled yet
}

const at = (unix: number | null | undefined) => (unix ? new Date(unix * 1000) : null);
const customerOf = (c: string | { id: string } | null) => (typeof c === 'string' ? c : (c?.id ?? null));

/**
 * Takes in one verified Stripe event, once: a second delivery of the same id changes nothing, and
 * an event older than the last one applied to the office (they may arrive out of order) neither.
 */
export async function takeStripeEvent(
  platform: Platform,
  setup: StripeSetup,
  event: Stripe.Event,
): Promise<EventOutcome> {
  return platform.database.db.transaction(async (tx) => {
    const created = new Date(event.created * 1000);
    const [fresh] = await tx
      .insert(billingEvent)
      .values({ id: event.id, type: event.type, outcome: 'pending', createdAt: created })
      .onConflictDoNothing()
      .returning({ id: billingEvent.id });
    if (!fresh) return 'duplicate';
    // The owner connection's transaction is the same SQL transaction; only drizzle's schema generic differs from Tx.
    const { outcome, tenantId } =
      event.type === 'invoice.paid'
        ? await invoicePaid(tx as unknown as Tx, platform, event.data.object as Stripe.Invoice)
        : await apply(tx as unknown as Tx, setup, event, created);
    await tx.update(billingEvent).set({ outcome, tenantId }).where(eq(billingEvent.id, event.id));
    return outcome;
  });
}

/**
 * A paid Stripe invoice becomes our invoice to the office (PDF with Factur-X, XRechnung), once:
 * the Stripe invoice id is unique among ours, so a replayed or second event writes nothing.
 */
async function invoicePaid(
  tx: Tx,
  platform: Platform,
  invoice: Stripe.Invoice,
): Promise<{ outcome: EventOutcome; tenantId: string | null }> {
  const customer = customerOf(invoice.customer ?? null);
  const [account] = customer
    ? await tx.select().from(billingAccount).where(eq(billingAccount.stripeCustomerId, customer))
    : [];
  if (!account) return { outcome: 'unknown_office', tenantId: null };
  const tenantId = account.tenantId;
  const issuer = billingIssuer(platform.config.env);
  if (!issuer) return { outcome: 'no_issuer', tenantId };
  const [already] = await tx
    .select({ id: issuedInvoice.id })
    .from(issuedInvoice)
    .where(eq(issuedInvoice.stripeInvoiceId, invoice.id!));
  if (already) return { outcome: 'duplicate', tenantId };
  // A trial's first invoice is over 0 €: nothing was supplied for money, so there is nothing to invoice.
  if (invoice.total === 0) return { outcome: 'ignored', tenantId };
  const result = platformInvoiceDraft(invoice, issuer, account.stripeCustomerId);
  if (!result.ok) {
    platform.logger.error(
      { stripeInvoice: invoice.id, tenantId, reason: result.reason },
      'no invoice for a paid Stripe invoice',
    );
    return { outcome: 'invoice_mismatch', tenantId };
  }
  const issued = await issueInvoice(
    tx,
    platform.files,
    { tenantId, issuer: 'platform', draft: result.draft, stripeInvoiceId: invoice.id! },
    { prefix: 'IMX' },
  );
  await recordAudit(
    tx,
    { tenantId, userId: null, userName: 'Stripe', ipAddress: null, requestId: invoice.id! },
    {
      entity: 'invoice',
      entityId: issued.id,
      action: 'issued',
      after: { number: issued.number, grossCents: issued.grossCents },
    },
  );
  return { outcome: 'invoiced', tenantId };
}

async function apply(
  tx: Tx,
  setup: StripeSetup,
  event: Stripe.Event,
  created: Date,
): Promise<{ outcome: EventOutcome; tenantId: string | null }> {
  const object = event.data.object as { customer?: string | { id: string } | null };
  const handled = event.type.startsWith('customer.subscription.') || event.type === 'invoice.payment_failed';
  if (!handled) return { outcome: 'ignored', tenantId: null };
  const customer = customerOf(object.customer ?? null);
  const [account] = customer
    ? await tx.select().from(billingAccount).where(eq(billingAccount.stripeCustomerId, customer))
    : [];
  if (!account) return { outcome: 'unknown_office', tenantId: null };
  const tenantId = account.tenantId;
  const [current] = await tx.select().from(tenantPlan).where(eq(tenantPlan.tenantId, tenantId));
  if (current?.stripeEventAt && current.stripeEventAt > created) return { outcome: 'stale', tenantId };

  let next: {
    plan: PlanId;
    status: PlanStatus;
    subscription: string | null;
    trialEndsAt: Date | null;
    periodEnd: Date | null;
  };
  if (event.type === 'invoice.payment_failed') {
    if (!current) return { outcome: 'ignored', tenantId };
    next = {
      plan: current.plan as PlanId,
      status: 'past_due',
      subscription: current.stripeSubscriptionId,
      trialEndsAt: current.trialEndsAt,
      periodEnd: current.currentPeriodEnd,
    };
  } else {
    const sub = event.data.object as Stripe.Subscription;
    // A late word about a replaced subscription must not touch the one that runs now.
    if (
      event.type !== 'customer.subscription.created' &&
      current?.stripeSubscriptionId &&
      current.stripeSubscriptionId !== sub.id
    )
      return { outcome: 'ignored', tenantId };
    const item = sub.items.data[0];
    const plan = item ? setup.planOfPrice(item.price.id) : null;
    const status = event.type === 'customer.subscription.deleted' ? 'canceled' : statusOf(sub.status);
    if (status === null || (plan === null && status !== 'canceled')) return { outcome: 'ignored', tenantId };
    next =
      status === 'canceled'
        ? // The paid plan ends: the office stays, on Free, with its data.
          { plan: 'free', status: 'active', subscription: null, trialEndsAt: null, periodEnd: null }
        : {
            plan: plan!,
            status,
            subscription: sub.id,
            trialEndsAt: at(sub.trial_end),
            // Since API 2025-03-31.basil the billing period lives on the subscription item.
            periodEnd: at(item?.current_period_end),
          };
  }
  // The grace period starts at the first failed payment and is not stretched by the next ones.
  const graceEndsAt =
    next.status !== 'past_due'
      ? null
      : current?.status === 'past_due' && current.graceEndsAt
        ? current.graceEndsAt
        : new Date(created.getTime() + GRACE_DAYS * 86_400_000);
  const values = {
    plan: next.plan,
    status: next.status,
    graceEndsAt,
    stripeSubscriptionId: next.subscription,
    trialEndsAt: next.trialEndsAt,
    currentPeriodEnd: next.periodEnd,
    stripeEventAt: created,
    updatedAt: new Date(),
  };
  await tx
    .insert(tenantPlan)
    .values({ tenantId, ...values })
    .onConflictDoUpdate({ target: tenantPlan.tenantId, set: values });
  if (current?.plan !== next.plan || current?.status !== next.status)
    await recordAudit(
      tx,
      { tenantId, userId: null, userName: 'Stripe', ipAddress: null, requestId: event.id },
      {
        entity: 'plan',
        entityId: tenantId,
        action: 'assigned',
        before: current ? { plan: current.plan, status: current.status } : null,
        after: { plan: next.plan, status: next.status },
      },
    );
  return { outcome: 'applied', tenantId };
}
