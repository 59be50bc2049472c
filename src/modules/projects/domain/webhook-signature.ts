import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * ImmoXX's webhook signature (docs/integrations/project-sync.md, "Signatur prüfen"):
 * header `ImmoXX-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, one `v1`
 * per valid secret (two while a rotated secret is still accepted). The timestamp inside the signed
 * text lets receivers refuse replays older than the tolerance.
 */
export const SIGNATURE_HEADER = 'immoxx-signature';
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export const signPayload = (secret: string, timestamp: number, rawBody: string): string =>
  createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');

export const signatureHeader = (secrets: readonly string[], timestamp: number, rawBody: string): string =>
  [`t=${timestamp}`, ...secrets.map((secret) => `v1=${signPayload(secret, timestamp, rawBody)}`)].join(',');

/** The receiver's side, for ImmoXX's own inbound checks and as the reference for integrators. */
export function verifySignature(
  header: string,
  rawBody: string,
  secret: string,
  nowSeconds: number,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): boolean {
  const parts = header.split(',').map((part) => part.trim().split('=') as [string, string | undefined]);
  const timestamp = Number(parts.find(([key]) => key === 't')?.[1]);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signPayload(secret, timestamp, rawBody), 'hex');
  return parts.some(([key, value]) => {
    if (key !== 'v1' || !value || !/^[0-9a-f]{64}$/.test(value)) return false;
    return timingSafeEqual(Buffer.from(value, 'hex'), expected);
  });
}
