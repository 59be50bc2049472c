import type Stripe from 'stripe';
import type { StripeSetup } from './stripe-gateway.js';

const known = new WeakMap<StripeSetup, string>();

/** Marks our configuration in the account; new prices make a new one. */
const markOf = (setup: StripeSetup) => `plans:${setup.prices.professional}:${setup.prices.enterprise}`;

/**
 * The Customer Portal configuration the offices get: moving up is charged at once, pro rata
 * (`proration_behavior: always_invoice`); moving down and cancelling take effect at the end of the
 * paid period (`schedule_at_period_end` on a decreasing amount, cancel `at_period_end`).
 * Found by its metadata or created once (POST /v1/billing_portal/configurations,
 * https://docs.stripe.com/api/customer_portal/configurations/create), so no dashboard setting is needed.
 */
export async function portalConfigurationId(setup: StripeSetup): Promise<string> {
  const cached = known.get(setup);
  if (cached) return cached;
  const mark = markOf(setup);
  for await (const configuration of setup.client.billingPortal.configurations.list({
    active: true,
    limit: 100,
  }))
    if (configuration.metadata?.immoxx === mark) {
      known.set(setup, configuration.id);
      return configuration.id;
    }
  const prices = await Promise.all(
    [setup.prices.professional, setup.prices.enterprise].map((id) => setup.client.prices.retrieve(id)),
  );
  const byProduct = new Map<string, string[]>();
  for (const price of prices) {
    const product = typeof price.product === 'string' ? price.product : price.product.id;
    byProduct.set(product, [...(byProduct.get(product) ?? []), price.id]);
  }
  const params: Stripe.BillingPortal.ConfigurationCreateParams = {
    name: 'ImmoXX-Tarife',
    metadata: { immoxx: mark },
    features: {
      customer_update: { enabled: true, allowed_updates: ['name', 'email', 'address', 'tax_id'] },
      invoice_history: { enabled: true },
      payment_method_update: { enabled: true },
      subscription_cancel: { enabled: true, mode: 'at_period_end' },
      subscription_update: {
        enabled: true,
        default_allowed_updates: ['price'],
        products: [...byProduct].map(([product, ids]) => ({ product, prices: ids })),
        proration_behavior: 'always_invoice',
        schedule_at_period_end: { conditions: [{ type: 'decreasing_item_amount' }] },
      },
    },
  };
  const created = await setup.client.billingPortal.configurations.create(params, {
    idempotencyKey: `immoxx-portal-${mark}`,
  });
  known.set(setup, created.id);
  return created.id;
}
