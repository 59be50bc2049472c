import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { type HostedCheckoutOptions, registerHostedCheckout } from './stripe-fake-checkout-page.js';
import { registerMeters } from './stripe-fake-meters.js';

/**
 * A strict fake of the Stripe endpoints ImmoXX calls, written from Stripe's API reference, not from
 * ImmoXX's client:
 * - requests: https://docs.stripe.com/api/authentication (HTTP Bearer secret key),
 *   form-encoded bodies with bracketed keys (`line_items[0][price]`,
 *   https://docs.stripe.com/api/expanding_objects shows the encoding), `Stripe-Version` header
 *   (https://docs.stripe.com/api/versioning), `Idempotency-Key` (https://docs.stripe.com/api/idempotent_requests:
 *   the same key returns the first result, a different body under it is an error);
 * - errors: https://docs.stripe.com/api/errors — `{ error: { type, code, message, param } }`, 400 for
 *   invalid_request_error, 401 for a bad key;
 * - POST /v1/customers (https://docs.stripe.com/api/customers/create),
 *   POST /v1/checkout/sessions (https://docs.stripe.com/api/checkout/sessions/create: `mode`
 *   and `success_url` required, `line_items` with a price for mode=subscription,
 *   `subscription_data[trial_end]` at least 48 hours ahead and not with `trial_period_days`),
 *   `customer_update[...]` only together with `customer`, `billing_address_collection` auto|required,
 *   billing meters (stripe-fake-meters.ts),
 *   POST /v1/billing_portal/sessions (https://docs.stripe.com/api/customer_portal/sessions/create:
 *   `customer` required, must exist; `configuration` must exist and be active),
 *   GET /v1/prices/:id (https://docs.stripe.com/api/prices/retrieve: 404 resource_missing for an
 *   unknown price), GET and POST /v1/billing_portal/configurations
 *   (https://docs.stripe.com/api/customer_portal/configurations/create: `features` required;
 *   with subscription_update enabled, `products[i][product]` and `[prices][]` must exist and belong
 *   together; `proration_behavior` none|create_prorations|always_invoice;
 *   `schedule_at_period_end[conditions][i][type]` decreasing_item_amount|shortening_interval;
 *   `subscription_cancel[mode]` immediately|at_period_end; list answers `{ object: 'list', data, has_more }`).
 */
export interface StripeFake {
  url: string;
  secretKey: string;
  customers: Map<string, Record<string, unknown>>;
  sessions: Record<string, string>[];
  /** Meter events accepted (POST /v1/billing/meter_events). */
  meterEvents: {
    event_name: string;
    customer: string;
    value: number;
    identifier: string;
    timestamp: number;
  }[];
  /** The next n meter event requests answer 500, as an outage would. */
  failMeterEvents: (n: number) => void;
  /** Customer portal configurations created (form fields as sent, plus id and active). */
  portalConfigurations: Record<string, string>[];
  /** Every request as received: method, path, headers, raw body. */
  requests: { method: string; path: string; headers: Record<string, unknown>; body: string }[];
  close: () => Promise<void>;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/** `a[b][0][c]=x` → { 'a[b][0][c]': 'x' }; Stripe's own parser nests them, flat keys are enough here. */
const formOf = (body: string) => Object.fromEntries(new URLSearchParams(body));

function fail(reply: FastifyReply, status: number, type: string, message: string, param?: string) {
  return reply
    .status(status)
    .send({ error: { type, message, ...(param ? { param, code: 'parameter_missing' } : {}) } });
}

export async function startStripeFake(
  options: {
    secretKey?: string;
    hostedCheckout?: HostedCheckoutOptions;
    /** The account's prices: id → product id. */
    prices?: Record<string, string>;
  } = {},
): Promise<StripeFake> {
  const secretKey = options.secretKey ?? `sk_test_${randomBytes(12).toString('hex')}`;
  const customers = new Map<string, Record<string, unknown>>();
  const sessions: Record<string, string>[] = [];
  const requests: StripeFake['requests'] = [];
  const idempotent = new Map<string, { body: string; status: number; payload: unknown }>();
  const app = Fastify();
  let listening = '';
  const baseUrl = () => listening;
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_r, body, done) =>
    done(null, body),
  );

  app.addHook('preHandler', async (request: FastifyRequest, reply) => {
    // The hosted payment page is Stripe's website, not its API: the browser reaches it without a key.
    if (request.url.startsWith('/c/pay/')) return;
    const body = typeof request.body === 'string' ? request.body : '';
    requests.push({ method: request.method, path: request.url, headers: request.headers, body });
    if (request.headers.authorization !== `Bearer ${secretKey}`)
      return fail(reply, 401, 'invalid_request_error', 'Invalid API Key provided.');
    if (
      request.method === 'POST' &&
      !String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')
    )
      return fail(reply, 400, 'invalid_request_error', 'Request bodies must be form-encoded.');
    const key = request.headers['idempotency-key'];
    if (typeof key === 'string') {
      const seen = idempotent.get(key);
      if (seen && seen.body !== body)
        return fail(
          reply,
          400,
          'idempotency_error',
          'Keys for idempotent requests can only be used with the same parameters they were first used with.',
        );
      if (seen) return reply.status(seen.status).header('idempotent-replayed', 'true').send(seen.payload);
    }
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.headers['idempotency-key'];
    if (typeof key === 'string' && !idempotent.has(key) && reply.statusCode < 500)
      idempotent.set(key, {
        body: typeof request.body === 'string' ? request.body : '',
        status: reply.statusCode,
        payload: typeof payload === 'string' ? JSON.parse(payload) : payload,
      });
    return payload;
  });

  app.post('/v1/customers', async (request) => {
    const form = formOf(request.body as string);
    const customer = {
      id: id('cus'),
      object: 'customer',
      name: form.name ?? null,
      email: form.email ?? null,
      metadata: Object.fromEntries(
        Object.entries(form)
          .filter(([k]) => k.startsWith('metadata['))
          .map(([k, v]) => [k.slice(9, -1), v]),
      ),
      created: Math.floor(Date.now() / 1000),
      livemode: false,
    };
    customers.set(customer.id, customer);
    return customer;
  });

  app.post('/v1/checkout/sessions', async (request, reply) => {
    const form = formOf(request.body as string);
    if (!form.mode) return fail(reply, 400, 'invalid_request_error', 'Missing required param: mode.', 'mode');
    if (!form.success_url)
      return fail(reply, 400, 'invalid_request_error', 'Missing required param: success_url.', 'success_url');
    if (form.mode === 'subscription' && !form['line_items[0][price]'])
      return fail(
        reply,
        400,
        'invalid_request_error',
        'You must provide at least one recurring price in `subscription` mode.',
        'line_items',
      );
    if (form.customer && !customers.has(form.customer))
      return fail(reply, 400, 'invalid_request_error', `No such customer: '${form.customer}'`, 'customer');
    // customer_update: "Can only be set when customer is provided" (API reference).
    if (Object.keys(form).some((k) => k.startsWith('customer_update[')) && !form.customer)
      return fail(
        reply,
        400,
        'invalid_request_error',
        'customer_update can only be used with customer.',
        'customer_update',
      );
    if (form.billing_address_collection && !['auto', 'required'].includes(form.billing_address_collection))
      return fail(
        reply,
        400,
        'invalid_request_error',
        'Invalid billing_address_collection.',
        'billing_address_collection',
      );
    // subscription_data.trial_end: "Has to be at least 48 hours in the future" (API reference).
    const trialEnd = form['subscription_data[trial_end]'];
    if (trialEnd !== undefined && Number(trialEnd) < Date.now() / 1000 + 48 * 3600)
      return fail(reply, 400, 'invalid_request_error', 'trial_end must be at least 48 hours in the future.');
    if (trialEnd !== undefined && form['subscription_data[trial_period_days]'] !== undefined)
      return fail(
        reply,
        400,
        'invalid_request_error',
        'You may only specify one of trial_end and trial_period_days.',
      );
    const sessionId = id('cs_test');
    sessions.push({ ...form, id: sessionId });
    return {
      id: sessionId,
      object: 'checkout.session',
      mode: form.mode,
      customer: form.customer ?? null,
      client_reference_id: form.client_reference_id ?? null,
      status: 'open',
      url: options.hostedCheckout
        ? `${baseUrl()}/c/pay/${sessionId}`
        : `https://checkout.stripe.com/c/pay/${sessionId}`,
    };
  });

  const prices = options.prices ?? {};
  app.get<{ Params: { id: string } }>('/v1/prices/:id', async (request, reply) => {
    const product = prices[request.params.id];
    if (!product)
      return reply.status(404).send({
        error: {
          type: 'invalid_request_error',
          code: 'resource_missing',
          message: `No such price: '${request.params.id}'`,
          param: 'id',
        },
      });
    return {
      id: request.params.id,
      object: 'price',
      active: true,
      product,
      recurring: { interval: 'month' },
    };
  });

  const portalConfigurations: Record<string, string>[] = [];
  const configurationView = (c: Record<string, string>) => ({
    id: c.id,
    object: 'billing_portal.configuration',
    active: c.active === 'true',
    is_default: false,
    metadata: Object.fromEntries(
      Object.entries(c)
        .filter(([k]) => k.startsWith('metadata['))
        .map(([k, v]) => [k.slice(9, -1), v]),
    ),
  });
  app.get('/v1/billing_portal/configurations', async () => ({
    object: 'list',
    url: '/v1/billing_portal/configurations',
    has_more: false,
    data: portalConfigurations.map(configurationView),
  }));
  app.post('/v1/billing_portal/configurations', async (request, reply) => {
    const form = formOf(request.body as string);
    const invalid = (message: string, param: string) =>
      fail(reply, 400, 'invalid_request_error', message, param);
    if (!Object.keys(form).some((k) => k.startsWith('features[')))
      return invalid('Missing required param: features.', 'features');
    const update = 'features[subscription_update]';
    if (form[`${update}[enabled]`] === 'true') {
      for (let i = 0; form[`${update}[products][${i}][product]`] !== undefined; i++) {
        const product = form[`${update}[products][${i}][product]`]!;
        const listed = Object.entries(form)
          .filter(([k]) => k.startsWith(`${update}[products][${i}][prices]`))
          .map(([, v]) => v);
        if (listed.length === 0)
          return invalid('Each product needs at least one price.', `${update}[products]`);
        for (const price of listed)
          if (prices[price] !== product)
            return invalid(
              `The price ${price} does not belong to product ${product}.`,
              `${update}[products]`,
            );
      }
      const proration = form[`${update}[proration_behavior]`];
      if (proration && !['none', 'create_prorations', 'always_invoice'].includes(proration))
        return invalid(`Invalid proration_behavior: ${proration}`, `${update}[proration_behavior]`);
      for (const [k, v] of Object.entries(form))
        if (
          k.startsWith(`${update}[schedule_at_period_end][conditions]`) &&
          !['decreasing_item_amount', 'shortening_interval'].includes(v)
        )
          return invalid(`Invalid condition type: ${v}`, k);
    }
    const mode = form['features[subscription_cancel][mode]'];
    if (mode && !['immediately', 'at_period_end'].includes(mode))
      return invalid(`Invalid mode: ${mode}`, 'features[subscription_cancel][mode]');
    const configuration = { ...form, id: id('bpc'), active: 'true' };
    portalConfigurations.push(configuration);
    return configurationView(configuration);
  });

  app.post('/v1/billing_portal/sessions', async (request, reply) => {
    const form = formOf(request.body as string);
    if (!form.customer)
      return fail(reply, 400, 'invalid_request_error', 'Missing required param: customer.', 'customer');
    if (!customers.has(form.customer))
      return fail(reply, 400, 'invalid_request_error', `No such customer: '${form.customer}'`, 'customer');
    if (
      form.configuration &&
      !portalConfigurations.some((c) => c.id === form.configuration && c.active === 'true')
    )
      return fail(
        reply,
        400,
        'invalid_request_error',
        `No such configuration: '${form.configuration}'`,
        'configuration',
      );
    return {
      id: id('bps'),
      object: 'billing_portal.session',
      customer: form.customer,
      url: `https://billing.stripe.com/p/session/${id('test')}`,
    };
  });

  const meterEvents: StripeFake['meterEvents'] = [];
  let failing = 0;
  registerMeters(app, { meterEvents, customers, fail: () => failing-- > 0 });

  if (options.hostedCheckout) registerHostedCheckout(app, { sessions, customers }, options.hostedCheckout);

  app.setNotFoundHandler((request, reply) =>
    fail(
      reply,
      404,
      'invalid_request_error',
      `Unrecognized request URL (${request.method}: ${request.url}).`,
    ),
  );
  const url = await app.listen({ port: options.hostedCheckout?.port ?? 0, host: '127.0.0.1' });
  listening = url;
  return {
    url,
    secretKey,
    customers,
    sessions,
    meterEvents,
    failMeterEvents: (n) => {
      failing = n;
    },
    requests,
    portalConfigurations,
    close: () => app.close(),
  };
}
