import Stripe from 'stripe';
import type { Platform } from '../../../platform/kernel.js';
import type { PlanId } from '../../../platform/plans/plan-catalogue.js';

/**
 * Stripe through its official SDK, pinned to the SDK's API version 2026-11-18.endive (stripe@23;
 * versions: https://docs.stripe.com/api-versions — monthly releases, no sunset of a pinned version
 * announced). STRIPE_API_URL points it at a local fake in tests.
 */
export interface StripeSetup {
  client: Stripe;
  webhookSecret: string;
  /** Price id per paid plan, and back. */
  prices: Record<Exclude<PlanId, 'free'>, string>;
  planOfPrice: (priceId: string) => PlanId | null;
}

const setups = new WeakMap<Platform, StripeSetup | null>();

/** Null when Stripe is not fully configured: then the operator sets plans and no payment runs. */
export function stripeSetup(platform: Platform): StripeSetup | null {
  if (!setups.has(platform)) setups.set(platform, createSetup(platform));
  return setups.get(platform) ?? null;
}

function createSetup(platform: Platform): StripeSetup | null {
  const env = platform.config.env;
  if (
    !env.STRIPE_SECRET_KEY ||
    !env.STRIPE_WEBHOOK_SECRET ||
    !env.STRIPE_PRICE_PROFESSIONAL ||
    !env.STRIPE_PRICE_ENTERPRISE
  )
    return null;
  const base = new URL(env.STRIPE_API_URL);
  const client = new Stripe(env.STRIPE_SECRET_KEY, {
    host: base.hostname,
    port: base.port ? Number(base.port) : base.protocol === 'https:' ? 443 : 80,
    protocol: base.protocol === 'http:' ? 'http' : 'https',
    // Retries on network errors and 409/429/5xx carry an Idempotency-Key, so nothing is done twice.
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
  });
  const prices = { professional: env.STRIPE_PRICE_PROFESSIONAL, enterprise: env.STRIPE_PRICE_ENTERPRISE };
  return {
    client,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    prices,
    planOfPrice: (priceId) =>
      priceId === prices.professional ? 'professional' : priceId === prices.enterprise ? 'enterprise' : null,
  };
}
