import { eq } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { Platform } from '../../../platform/kernel.js';
import { viewingMessage } from '../schema.js';
import { deliveryStatus, verifySevenSignature } from './sms-gateway.js';

/**
 * seven.io's delivery reports (webhook event `dlr`: `{ webhook_event, data: { msg_id, status } }`),
 * signed with SEVEN_SIGNING_SECRET; unsigned or stale calls are refused and change nothing.
 */
export const smsWebhookRoutes: FastifyPluginAsync<{ platform: Platform }> = async (app, { platform }) => {
  // The signature covers the body as sent, so it is read as text here and parsed after checking.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );
  app.post(
    '/webhooks/seven',
    { config: { rateLimit: { max: 600, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const secret = platform.config.env.SEVEN_SIGNING_SECRET;
      if (!secret)
        return reply
          .status(404)
          .send({ error: { code: 'not_configured', message: 'Kein SMS-Webhook eingerichtet.' } });
      const body = typeof request.body === 'string' ? request.body : '';
      const valid = verifySevenSignature({
        secret,
        headers: request.headers,
        method: request.method,
        url: `${platform.publicUrl}${request.url}`,
        body,
      });
      if (!valid)
        return reply
          .status(401)
          .send({ error: { code: 'bad_signature', message: 'Signatur ungültig oder veraltet.' } });
      let event: { webhook_event?: string; data?: { msg_id?: string | number; status?: string } };
      try {
        event = JSON.parse(body);
      } catch {
        return reply.status(400).send({ error: { code: 'invalid_json', message: 'Kein JSON.' } });
      }
      if (event.webhook_event !== 'dlr' || !event.data?.msg_id || !event.data.status)
        return reply.status(204).send();
      await platform.database.db
        .update(viewingMessage)
        .set({ status: deliveryStatus(event.data.status), detail: `Zustellbericht: ${event.data.status}` })
        .where(eq(viewingMessage.providerMessageId, String(event.data.msg_id)));
      return reply.status(204).send();
    },
  );
};
