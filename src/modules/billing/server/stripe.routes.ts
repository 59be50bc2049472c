import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import Stripe from 'stripe';
import { z } from 'zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import { AppError, badRequest } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { billingAccount, tenantPlan } from '../../../platform/plans/plans.schema.js';
import { officeUrl } from '../../../platform/tenancy/office-host.js';
import { portalConfigurationId } from './portal-configuration.js';
import { takeStripeEvent } from './stripe-events.js';
import { type StripeSetup, stripeSetup } from './stripe-gateway.js';

const offline = () =>
  new AppError(
    409,
    'billing_offline',
    'Online-Bezahlung ist auf diesem Server nicht eingerichtet. Den Tarif ändert der Betreiber.',
  );

/** A Stripe error as a clear 502 for the office; the key and request details stay in the log. */
function providerError(error: unknown): AppError {
  if (error instanceof Stripe.errors.StripeError)
    return new AppError(502, 'stripe_error', `Stripe hat die Anfrage abgelehnt: ${error.message}`, {
      type: error.type,
      code: error.code ?? null,
    });
  return new AppError(
    502,
    'stripe_unreachable',
    'Stripe ist gerade nicht erreichbar. Bitte später erneut versuchen.',
  );
}

/** Back from Stripe to the office's own address (BASE_DOMAIN), where its session and branding are. */
async function officeBase(platform: Platform, ctx: ReturnType<typeof tenantContext>): Promise<string> {
  const membership = await platform.memberships.get(ctx.tenantId, ctx.auth.user.id);
  return (
    (membership && officeUrl(platform.publicUrl, platform.config.env.BASE_DOMAIN, membership.tenantSlug)) ||
    platform.publicUrl
  );
}

/** The office's Stripe customer, created once (the idempotency key makes a retried create the same one). */
async function customerFor(platform: Platform, setup: StripeSetup, ctx: ReturnType<typeof tenantContext>) {
  const [account] = await ctx.db((tx) => tx.select().from(billingAccount));
  if (account) return account.stripeCustomerId;
  const settings = await platform.tenantSettings.get(ctx.tenantId);
  const customer = await setup.client.customers
    .create(
      {
        name: settings?.legalName ?? settings?.displayName ?? ctx.auth.tenantName ?? undefined,
        email: settings?.contactEmail ?? ctx.auth.user.email,
        preferred_locales: ['de'],
        metadata: { tenant_id: ctx.tenantId },
      },
      { idempotencyKey: `immoxx-customer-${ctx.tenantId}` },
    )
    .catch((error: unknown) => {
      throw providerError(error);
    });
  await ctx.db((tx) =>
    tx
      .insert(billingAccount)
      .values({ tenantId: ctx.tenantId, stripeCustomerId: customer.id })
      .onConflictDoNothing(),
  );
  return customer.id;
}

export const stripeRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.post(
    '/checkout',
    {
      config: { access: { permission: 'billing.manage' } },
      schema: {
        tags: ['billing'],
        summary: 'Start a Stripe Checkout for a paid plan; returns the page to send the owner to',
        body: z.object({ plan: z.enum(['professional', 'enterprise']) }),
        response: { 200: z.object({ url: z.string().url() }) },
      },
    },
    async (request) => {
      const setup = stripeSetup(platform);
      if (!setup) throw offline();
      const ctx = tenantContext(platform, request);
      const [plan] = await ctx.db((tx) => tx.select().from(tenantPlan));
      if (plan?.stripeSubscriptionId)
        throw new AppError(
          409,
          'subscription_exists',
          'Es besteht schon ein Abo. Tarifwechsel und Zahlungsdaten bitte über „Abo verwalten“ (Stripe-Kundenportal).',
        );
      const customer = await customerFor(platform, setup, ctx);
      const back = `${await officeBase(platform, ctx)}/abrechnung`;
      const session = await setup.client.checkout.sessions
        .create({
          mode: 'subscription',
          customer,
          client_reference_id: ctx.tenantId,
          line_items: [{ price: setup.prices[request.body.plan], quantity: 1 }],
          subscription_data: {
            metadata: { tenant_id: ctx.tenantId, plan: request.body.plan },
            ...subscriptionTrial(plan, platform.config.env.SIGNUP_TRIAL_DAYS),
          },
          // Our invoice (XRechnung) needs the office's billing address, and its VAT id decides reverse charge.
          billing_address_collection: 'required',
          tax_id_collection: { enabled: true },
          customer_update: { address: 'auto', name: 'auto' },
          locale: 'de',
          success_url: `${back}?checkout=erfolg`,
          cancel_url: `${back}?checkout=abgebrochen`,
        })
        .catch((error: unknown) => {
          throw providerError(error);
        });
      if (!session.url) throw providerError(new Error('no url'));
      return { url: session.url };
    },
  );

  app.post(
    '/portal',
    {
      config: { access: { permission: 'billing.manage' } },
      schema: {
        tags: ['billing'],
        summary: "Open Stripe's Customer Portal for the office (change plan, payment method, invoices)",
        response: { 200: z.object({ url: z.string().url() }) },
      },
    },
    async (request) => {
      const setup = stripeSetup(platform);
      if (!setup) throw offline();
      const ctx = tenantContext(platform, request);
      const [account] = await ctx.db((tx) => tx.select().from(billingAccount));
      if (!account)
        throw new AppError(409, 'no_customer', 'Das Büro hat noch kein Abo bei Stripe abgeschlossen.');
      const configuration = await portalConfigurationId(setup).catch((error: unknown) => {
        throw providerError(error);
      });
      const session = await setup.client.billingPortal.sessions
        .create({
          customer: account.stripeCustomerId,
          configuration,
          return_url: `${await officeBase(platform, ctx)}/abrechnung`,
          locale: 'de',
        })
        .catch((error: unknown) => {
          throw providerError(error);
        });
      return { url: session.url };
    },
  );
};

/** Stripe's webhook: signature first (https://docs.stripe.com/webhooks#verify-events), then each event once. */
export const stripeWebhookRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (
  app,
  { platform },
) => {
  // The signature covers the body byte for byte, so it is kept as text and parsed after the check.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );
  app.post(
    '/webhook',
    {
      config: { access: 'public', rateLimit: { max: 600, timeWindow: '1 minute' } },
      schema: {
        tags: ['billing'],
        summary: 'Stripe events (signed); duplicates and late arrivals change nothing',
      },
    },
    async (request, reply) => {
      const setup = stripeSetup(platform);
      if (!setup)
        return reply
          .status(404)
          .send({ error: { code: 'not_configured', message: 'Kein Stripe-Webhook eingerichtet.' } });
      const signature = request.headers['stripe-signature'];
      if (typeof request.body !== 'string' || typeof signature !== 'string')
        throw badRequest('bad_signature', 'Signatur fehlt.');
      let event: Stripe.Event;
      try {
        event = setup.client.webhooks.constructEvent(request.body, signature, setup.webhookSecret);
      } catch {
        throw badRequest('bad_signature', 'Signatur ungültig oder veraltet.');
      }
      const outcome = await takeStripeEvent(platform, setup, event);
      request.log.info({ stripeEvent: event.id, type: event.type, outcome }, 'stripe event');
      return { received: true, outcome };
    },
  );
};

/** Stripe Checkout refuses a trial that ends within 48 hours (API reference, subscription_data.trial_end). */
const MIN_TRIAL_MS = 48 * 3_600_000;

/**
 * The first subscription of an office starts with a trial and Stripe charges at its end. An
 * office that got its trial at sign-up keeps only what is left of it; a lapsed one gets none.
 */
export function subscriptionTrial(
  plan: Pick<typeof tenantPlan.$inferSelect, 'stripeEventAt' | 'trialEndsAt'> | undefined,
  trialDays: number,
  now = Date.now(),
): { trial_period_days: number } | { trial_end: number } | Record<string, never> {
  if (plan?.stripeEventAt) return {};
  if (!plan?.trialEndsAt) return trialDays > 0 ? { trial_period_days: trialDays } : {};
  const left = plan.trialEndsAt.getTime() - now;
  return left >= MIN_TRIAL_MS ? { trial_end: Math.floor(plan.trialEndsAt.getTime() / 1000) } : {};
}
