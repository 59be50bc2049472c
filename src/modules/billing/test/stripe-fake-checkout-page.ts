import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { escapeHtml } from '../../../platform/http/escape-html.js';

export interface HostedCheckoutOptions {
  port?: number;
  /** Where the fake delivers events, and the endpoint's signing secret (as set in Stripe's dashboard). */
  webhookUrl: string;
  webhookSecret: string;
  /** Net monthly amount in cents per price id, as the operator set the prices up in Stripe. */
  priceAmounts: Record<string, number>;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/**
 * Stripe's hosted Checkout page, for end-to-end tests where a browser has to pay: it asks what
 * Checkout asks with `billing_address_collection=required` and `tax_id_collection` (name, address,
 * optional VAT id; https://docs.stripe.com/tax/checkout/tax-ids), then does what Stripe does on
 * payment: updates the customer (`customer_update=auto`), starts the subscription, sends signed
 * `customer.subscription.created` and, without a trial, `invoice.paid` (amounts with 19 % German
 * VAT as a tax rate set up in Stripe would add it, none for an EU business with a VAT id), and
 * sends the browser to `success_url`.
 */
export function registerHostedCheckout(
  app: FastifyInstance,
  state: { sessions: Record<string, string>[]; customers: Map<string, Record<string, unknown>> },
  options: HostedCheckoutOptions,
) {
  const session = (sessionId: string) => state.sessions.find((s) => s.id === sessionId);

  app.get<{ Params: { sessionId: string } }>('/c/pay/:sessionId', async (request, reply) => {
    const s = session(request.params.sessionId);
    if (!s) return reply.status(404).type('text/html').send('<h1>Diese Zahlungsseite gibt es nicht.</h1>');
    const price = s['line_items[0][price]']!;
    const net = options.priceAmounts[price] ?? 0;
    return reply.type('text/html').send(`<!doctype html><html lang="de"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Stripe Checkout (Testmodus)</title>
<style>body{font:16px system-ui;max-width:460px;margin:40px auto;padding:0 16px}label{display:block;margin:10px 0 4px}input,select{width:100%;padding:8px;box-sizing:border-box}button{margin-top:18px;width:100%;padding:12px;background:#635bff;color:#fff;border:0;border-radius:6px;font-size:16px}</style></head>
<body><p>TESTMODUS</p><h1>Abonnieren</h1><p data-testid="amount">${(net / 100).toFixed(2).replace('.', ',')} € pro Monat zzgl. USt</p>
<form method="post" action="/c/pay/${escapeHtml(s.id!)}">
<label for="name">Name bzw. Firma</label><input id="name" name="name" required>
<label for="line1">Adresse</label><input id="line1" name="line1" required>
<label for="postal_code">Postleitzahl</label><input id="postal_code" name="postal_code" required>
<label for="city">Ort</label><input id="city" name="city" required>
<label for="country">Land</label><select id="country" name="country"><option value="DE">Deutschland</option><option value="AT">Österreich</option><option value="CH">Schweiz</option></select>
<label for="vat_id">USt-IdNr. (als Unternehmen kaufen, optional)</label><input id="vat_id" name="vat_id">
<label for="card">Kartennummer</label><input id="card" name="card" value="4242 4242 4242 4242" required>
<button type="submit">Abonnieren</button></form></body></html>`);
  });

  app.post<{ Params: { sessionId: string } }>('/c/pay/:sessionId', async (request, reply) => {
    const s = session(request.params.sessionId);
    if (!s) return reply.status(404).send('unknown session');
    const form = Object.fromEntries(new URLSearchParams(request.body as string));
    const customer = state.customers.get(s.customer!)!;
    const address = {
      line1: form.line1,
      line2: null,
      postal_code: form.postal_code,
      city: form.city,
      state: null,
      country: form.country,
    };
    const vatId = form.vat_id?.replace(/\s/g, '').toUpperCase() || null;
    Object.assign(customer, {
      ...(s['customer_update[name]'] === 'auto' ? { name: form.name } : {}),
      ...(s['customer_update[address]'] === 'auto' ? { address } : {}),
      tax_ids: vatId ? [{ type: 'eu_vat', value: vatId }] : [],
    });
    const now = Math.floor(Date.now() / 1000);
    const price = s['line_items[0][price]']!;
    const trialDays = Number(s['subscription_data[trial_period_days]'] ?? 0);
    const trialEnd = s['subscription_data[trial_end]']
      ? Number(s['subscription_data[trial_end]'])
      : trialDays
        ? now + trialDays * 86_400
        : null;
    const periodEnd = trialEnd ?? now + 30 * 86_400;
    const subscription = {
      id: id('sub'),
      object: 'subscription',
      customer: customer.id,
      status: trialEnd ? 'trialing' : 'active',
      trial_end: trialEnd,
      metadata: { tenant_id: s['subscription_data[metadata][tenant_id]'] },
      items: {
        object: 'list',
        data: [
          { id: id('si'), object: 'subscription_item', price: { id: price }, current_period_end: periodEnd },
        ],
      },
    };
    const events: { type: string; object: object }[] = [
      { type: 'customer.subscription.created', object: subscription },
    ];
    if (!trialEnd) {
      const net = options.priceAmounts[price] ?? 0;
      const reverseCharge = vatId !== null && !vatId.startsWith('DE');
      const total = reverseCharge ? net : net + Math.round(net * 0.19);
      events.push({
        type: 'invoice.paid',
        object: {
          id: id('in'),
          object: 'invoice',
          number: `${randomBytes(4).toString('hex').toUpperCase()}-0001`,
          customer: customer.id,
          customer_name: form.name,
          customer_email: customer.email,
          customer_address: address,
          customer_tax_ids: vatId ? [{ type: 'eu_vat', value: vatId }] : [],
          currency: 'eur',
          status: 'paid',
          created: now,
          status_transitions: {
            finalized_at: now,
            paid_at: now,
            marked_uncollectible_at: null,
            voided_at: null,
          },
          subscription: subscription.id,
          subtotal: net,
          total_excluding_tax: net,
          total,
          amount_paid: total,
          lines: {
            object: 'list',
            has_more: false,
            data: [
              {
                id: id('il'),
                object: 'line_item',
                amount: net,
                currency: 'eur',
                description: `1 × ImmoXX (${price})`,
                period: { start: now, end: periodEnd },
                quantity: 1,
              },
            ],
          },
        },
      });
    }
    for (const event of events) {
      const payload = JSON.stringify({
        id: id('evt'),
        object: 'event',
        api_version: '2026-11-18.endive',
        created: now,
        type: event.type,
        livemode: false,
        data: { object: event.object },
      });
      const at = Math.floor(Date.now() / 1000);
      const signature = createHmac('sha256', options.webhookSecret).update(`${at}.${payload}`).digest('hex');
      const delivered = await fetch(options.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': `t=${at},v1=${signature}` },
        body: payload,
      });
      if (!delivered.ok)
        throw new Error(`webhook ${event.type}: ${delivered.status} ${await delivered.text()}`);
    }
    return reply.redirect(s.success_url!, 303);
  });
}
