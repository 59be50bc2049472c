import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../../../platform/http/app-error.js';
import { assertOutboundUrl } from '../../../../platform/http/outbound-url.js';
import { defineJob, PermanentJobError } from '../../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../../platform/kernel.js';
import { SIGNATURE_HEADER, signatureHeader } from '../../domain/webhook-signature.js';
import { projectWebhook, projectWebhookDelivery } from '../../sync.schema.js';
import { secretAad, WEBHOOK_JOB } from './webhook-service.js';

const EXCERPT_CHARS = 500;

/** The secrets a delivery is signed with now: the current one, and the previous during its grace period. */
function secretsOf(platform: Platform, hook: typeof projectWebhook.$inferSelect): string[] {
  const open = (sealed: string) => platform.secretBox.decrypt(sealed, secretAad(hook.id));
  const secrets = [open(hook.secretSealed)];
  if (hook.previousSecretSealed && hook.previousSecretUntil && hook.previousSecretUntil > new Date())
    secrets.push(open(hook.previousSecretSealed));
  return secrets;
}

/** Why a connection failed, in words a broker can pass on to whoever runs the receiver. */
function networkReason(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: string }).code;
  const known: Record<string, string> = {
    ECONNREFUSED: 'Verbindung abgelehnt (kein Dienst unter dieser Adresse).',
    ENOTFOUND: 'Server nicht gefunden.',
    ECONNRESET: 'Verbindung vom Empfänger abgebrochen.',
    ETIMEDOUT: 'Zeitüberschreitung beim Verbindungsaufbau.',
    CERT_HAS_EXPIRED: 'Das TLS-Zertifikat des Empfängers ist abgelaufen.',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'Das TLS-Zertifikat des Empfängers ist selbst signiert.',
  };
  if (code && known[code]) return known[code];
  return cause instanceof Error ? cause.message : String(cause);
}

async function excerptOf(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)} …` : text;
}

/**
 * Sends one delivery: POST of the JSON body, signed, with a timeout and no redirects. A 2xx
 * answer is success; anything else is retried by the job engine with exponential backoff
 * (WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_BASE_SECONDS) and then marked failed; 410 Gone switches
 * the webhook off at once, as the receiver asked.
 */
export function webhookDeliveryJob(platform: Platform) {
  const env = platform.config.env;
  const record = (
    tenantId: string,
    id: string,
    values: Partial<typeof projectWebhookDelivery.$inferInsert>,
  ) =>
    platform.database.withTenant(tenantId, (tx) =>
      tx.update(projectWebhookDelivery).set(values).where(eq(projectWebhookDelivery.id, id)),
    );

  return defineJob({
    name: WEBHOOK_JOB,
    version: 1,
    payload: z.object({ deliveryId: z.string().uuid() }),
    attempts: env.WEBHOOK_MAX_ATTEMPTS,
    backoffSeconds: env.WEBHOOK_RETRY_BASE_SECONDS,
    concurrency: 4,
    timeoutSeconds: 120,
    handler: async ({ tenantId, payload, attempt }) => {
      if (!tenantId) throw new PermanentJobError('webhook delivery without office');
      const found = await platform.database.withTenant(tenantId, async (tx) => {
        const [row] = await tx
          .select({ delivery: projectWebhookDelivery, hook: projectWebhook })
          .from(projectWebhookDelivery)
          .innerJoin(projectWebhook, eq(projectWebhook.id, projectWebhookDelivery.webhookId))
          .where(eq(projectWebhookDelivery.id, payload.deliveryId));
        return row;
      });
      if (!found) throw new PermanentJobError('Zustellung oder Webhook gelöscht');
      const { delivery, hook } = found;
      if (delivery.status === 'succeeded') return { skipped: 'already delivered' };
      if (!hook.enabled) {
        await record(tenantId, delivery.id, {
          status: 'failed',
          error: 'Webhook ist abgeschaltet.',
          finishedAt: new Date(),
        });
        throw new PermanentJobError('Webhook ist abgeschaltet.');
      }
      // Checked again at send time: a host name may resolve elsewhere than when it was saved.
      try {
        await assertOutboundUrl(hook.url, {
          allowPrivate: env.INTEGRATIONS_ALLOW_PRIVATE_ENDPOINTS,
          field: 'url',
          privateSetting: 'INTEGRATIONS_ALLOW_PRIVATE_ENDPOINTS',
        });
      } catch (error) {
        const message = error instanceof AppError ? error.message : String(error);
        await record(tenantId, delivery.id, { attempts: attempt, error: message });
        throw new PermanentJobError(message);
      }
      const rawBody = JSON.stringify(delivery.body);
      const timestamp = Math.floor(Date.now() / 1000);
      const started = performance.now();
      let response: Response;
      try {
        response = await fetch(hook.url, {
          method: 'POST',
          redirect: 'manual',
          signal: AbortSignal.timeout(env.WEBHOOK_TIMEOUT_SECONDS * 1000),
          headers: {
            'content-type': 'application/json',
            'user-agent': 'ImmoXX-Webhooks/1.0',
            'immoxx-event': delivery.event,
            'immoxx-event-id': delivery.eventId,
            'immoxx-delivery': delivery.id,
            [SIGNATURE_HEADER]: signatureHeader(secretsOf(platform, hook), timestamp, rawBody),
          },
          body: rawBody,
        });
      } catch (error) {
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        const message = timedOut
          ? `Keine Antwort nach ${env.WEBHOOK_TIMEOUT_SECONDS} s.`
          : `Empfänger nicht erreichbar: ${networkReason(error)}`;
        await record(tenantId, delivery.id, {
          attempts: attempt,
          error: message,
          responseStatus: null,
          durationMs: Math.round(performance.now() - started),
        });
        throw new Error(message);
      }
      const durationMs = Math.round(performance.now() - started);
      const excerpt = await excerptOf(response);
      if (response.ok) {
        await record(tenantId, delivery.id, {
          status: 'succeeded',
          attempts: attempt,
          responseStatus: response.status,
          responseExcerpt: excerpt,
          error: null,
          durationMs,
          finishedAt: new Date(),
        });
        return { status: response.status };
      }
      const message = `Empfänger antwortete mit HTTP ${response.status}.`;
      await record(tenantId, delivery.id, {
        attempts: attempt,
        responseStatus: response.status,
        responseExcerpt: excerpt,
        error: message,
        durationMs,
      });
      if (response.status === 410) {
        await platform.database.withTenant(tenantId, (tx) =>
          tx
            .update(projectWebhook)
            .set({ enabled: false, updatedAt: new Date() })
            .where(eq(projectWebhook.id, hook.id)),
        );
        throw new PermanentJobError(`${message} (410 Gone: Webhook wurde abgeschaltet)`);
      }
      throw new Error(message);
    },
    onGiveUp: async ({ tenantId, payload, error }) => {
      if (!tenantId) return;
      await platform.database.withTenant(tenantId, (tx) =>
        tx
          .update(projectWebhookDelivery)
          .set({ status: 'failed', finishedAt: new Date() })
          .where(eq(projectWebhookDelivery.id, payload.deliveryId)),
      );
      platform.logger.warn({ deliveryId: payload.deliveryId, error }, 'webhook delivery failed for good');
    },
  });
}
