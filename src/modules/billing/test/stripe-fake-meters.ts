import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { METERS } from '../../../platform/metering/usage-ledger.js';

const error = (reply: FastifyReply, status: number, message: string, param?: string) =>
  reply.status(status).send({
    error: {
      type: status >= 500 ? 'api_error' : 'invalid_request_error',
      message,
      ...(param ? { param } : {}),
    },
  });

/**
 * Stripe's billing meters, from the API reference:
 * - POST /v1/billing/meter_events (https://docs.stripe.com/api/billing/meter-event/create):
 *   `event_name` and `payload` required, the payload names the customer
 *   (`stripe_customer_id`) and a numeric `value`; `identifier` unique within a rolling 24 hours;
 *   `timestamp` within the past 35 days and at most 5 minutes ahead.
 * - GET /v1/billing/meters (list, `limit` default 10, `starting_after`, `has_more`).
 * - GET /v1/billing/meters/{id}/event_summaries: `customer`, `start_time`, `end_time` required,
 *   both aligned to minute boundaries; one summary over the range without a grouping window.
 */
export function registerMeters(
  app: FastifyInstance,
  state: {
    meterEvents: {
      event_name: string;
      customer: string;
      value: number;
      identifier: string;
      timestamp: number;
    }[];
    customers: Map<string, Record<string, unknown>>;
    fail: () => boolean;
  },
) {
  const meters = METERS.map((event_name, i) => ({
    id: `mtr_test_${i}${randomBytes(6).toString('hex')}`,
    object: 'billing.meter',
    event_name,
    status: 'active',
    default_aggregation: { formula: 'sum' },
  }));

  app.post('/v1/billing/meter_events', async (request, reply) => {
    if (state.fail()) return error(reply, 500, 'An unknown error occurred.');
    const form = Object.fromEntries(new URLSearchParams(request.body as string));
    if (!form.event_name) return error(reply, 400, 'Missing required param: event_name.', 'event_name');
    const customer = form['payload[stripe_customer_id]'];
    if (!customer || !state.customers.has(customer))
      return error(reply, 400, `No such customer: '${customer ?? ''}'`, 'payload[stripe_customer_id]');
    const value = Number(form['payload[value]']);
    if (form['payload[value]'] === undefined || !Number.isFinite(value))
      return error(reply, 400, 'payload[value] must be a number.', 'payload[value]');
    const now = Math.floor(Date.now() / 1000);
    const timestamp = form.timestamp ? Number(form.timestamp) : now;
    if (timestamp < now - 35 * 86_400 || timestamp > now + 300)
      return error(
        reply,
        400,
        'Timestamp must be within the past 35 calendar days or up to 5 minutes in the future.',
        'timestamp',
      );
    const identifier = form.identifier ?? randomBytes(12).toString('hex');
    if (state.meterEvents.some((e) => e.identifier === identifier))
      return error(reply, 400, `An event already exists with identifier ${identifier}.`, 'identifier');
    state.meterEvents.push({ event_name: form.event_name, customer, value, identifier, timestamp });
    return {
      object: 'billing.meter_event',
      created: now,
      event_name: form.event_name,
      identifier,
      livemode: false,
      payload: { stripe_customer_id: customer, value: form['payload[value]'] },
      timestamp,
    };
  });

  app.get<{ Querystring: Record<string, string> }>('/v1/billing/meters', async (request) => {
    const limit = Math.min(100, Number(request.query.limit ?? 10));
    const after = request.query.starting_after;
    const start = after ? meters.findIndex((m) => m.id === after) + 1 : 0;
    const data = meters.slice(start, start + limit);
    return { object: 'list', url: '/v1/billing/meters', has_more: start + limit < meters.length, data };
  });

  app.get<{ Params: { id: string }; Querystring: Record<string, string> }>(
    '/v1/billing/meters/:id/event_summaries',
    async (request, reply) => {
      const meter = meters.find((m) => m.id === request.params.id);
      if (!meter) return error(reply, 404, `No such billing meter: '${request.params.id}'`);
      const { customer, start_time, end_time } = request.query;
      for (const [name, v] of Object.entries({ customer, start_time, end_time }))
        if (!v) return error(reply, 400, `Missing required param: ${name}.`, name);
      const from = Number(start_time);
      const to = Number(end_time);
      if (from % 60 !== 0 || to % 60 !== 0)
        return error(
          reply,
          400,
          'start_time and end_time must be aligned with minute boundaries.',
          'start_time',
        );
      const aggregated_value = state.meterEvents
        .filter(
          (e) =>
            e.event_name === meter.event_name &&
            e.customer === customer &&
            e.timestamp >= from &&
            e.timestamp < to,
        )
        .reduce((a, e) => a + e.value, 0);
      return {
        object: 'list',
        url: `/v1/billing/meters/${meter.id}/event_summaries`,
        has_more: false,
        data: [
          {
            id: `mtrusum_${randomBytes(8).toString('hex')}`,
            object: 'billing.meter_event_summary',
            aggregated_value,
            start_time: from,
            end_time: to,
            meter: meter.id,
            livemode: false,
          },
        ],
      };
    },
  );
}
