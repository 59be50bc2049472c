import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * seven.io's SMS endpoint (https://docs.seven.io/en/rest-api/endpoints/sms, the contract its
 * official client @seven.io/client follows): `POST {base}/sms` with `X-Api-Key`, fields `to`,
 * `text`, `from`, `foreign_id`; a JSON answer `{ success: "100", messages: [{ id, success,
 * error_text }] }`, or a bare status code ("900" invalid key, "500" no credit, "202" bad number …).
 */
export const SEVEN_STATUS_TEXT: Record<string, string> = {
  '201': 'Ungültige Ländervorwahl',
  '202': 'Ungültige Empfängernummer',
  '300': 'Authentifizierung fehlt',
  '301': 'Empfänger fehlt',
  '305': 'Text fehlt',
  '306': 'Ungültiger Absender',
  '401': 'Text zu lang',
  '402': 'Wiederholsperre (gleiche SMS innerhalb von 180 Sekunden)',
  '500': 'Guthaben reicht nicht',
  '600': 'Zustellung beim Netzbetreiber fehlgeschlagen',
  '700': 'Unbekannter Fehler beim Gateway',
  '900': 'API-Schlüssel ungültig',
  '902': 'API-Zugang deaktiviert',
  '903': 'IP-Adresse nicht freigegeben',
};

export class SmsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Worth another try later (rate limit, gateway trouble) rather than a wrong number or key. */
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export interface SmsConfig {
  apiKey: string;
  baseUrl: string;
  sender: string;
}

/** German numbers as the gateway wants them: "0171 2345678" → "+491712345678". */
export function toE164(phone: string): string | null {
  const digits = phone.replace(/[\s()/.-]/g, '');
  if (/^\+[1-9]\d{6,14}$/.test(digits)) return digits;
  if (/^00[1-9]\d{6,14}$/.test(digits)) return `+${digits.slice(2)}`;
  if (/^0[1-9]\d{5,13}$/.test(digits)) return `+49${digits.slice(1)}`;
  return null;
}

export async function sendSms(
  config: SmsConfig,
  sms: { to: string; text: string; foreignId: string },
  fetchImpl: typeof fetch = fetch,
): Promise<{ id: string; price: number | null }> {
  let response: Response;
  try {
    response = await fetchImpl(`${config.baseUrl.replace(/\/$/, '')}/sms`, {
      method: 'POST',
      headers: { 'X-Api-Key': config.apiKey, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ to: sms.to, text: sms.text, from: config.sender, foreign_id: sms.foreignId }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new SmsError('network', `SMS-Gateway nicht erreichbar: ${(error as Error).message}`, true);
  }
  if (response.status === 429 || response.status >= 500)
    throw new SmsError(String(response.status), `SMS-Gateway antwortet ${response.status}`, true);
  const raw = await response.text();
  const code = raw.trim();
  if (/^\d{3}$/.test(code))
    throw new SmsError(
      code,
      SEVEN_STATUS_TEXT[code] ?? `Gateway-Status ${code}`,
      code === '700' || code === '600',
    );
  let body: {
    success?: string;
    messages?: { id: string | null; success: boolean; error_text: string | null; price?: number }[];
  };
  try {
    body = JSON.parse(raw);
  } catch {
    throw new SmsError('invalid', 'SMS-Gateway: unlesbare Antwort', true);
  }
  const message = body.messages?.[0];
  if (body.success !== '100' || !message?.success || !message.id)
    throw new SmsError(
      body.success ?? 'failed',
      message?.error_text ?? SEVEN_STATUS_TEXT[body.success ?? ''] ?? 'SMS nicht angenommen',
      false,
    );
  return { id: message.id, price: message.price ?? null };
}

/**
 * seven.io signs webhooks: X-Signature = HMAC-SHA256(secret, timestamp \n nonce \n METHOD \n URL \n
 * md5(body)), with X-Timestamp and X-Nonce; older than five minutes is refused.
 */
export function verifySevenSignature(input: {
  secret: string;
  headers: Record<string, string | string[] | undefined>;
  method: string;
  url: string;
  body: string;
  now?: number;
}): boolean {
  const header = (name: string) => {
    const value = input.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const timestamp = Number(header('x-timestamp'));
  const nonce = header('x-nonce');
  const signature = header('x-signature');
  if (!Number.isInteger(timestamp) || !nonce || !signature) return false;
  if (Math.abs(Math.floor((input.now ?? Date.now()) / 1000) - timestamp) > 300) return false;
  const md5 = createHash('md5').update(input.body).digest('hex');
  const expected = createHmac('sha256', input.secret)
    .update([timestamp, nonce, input.method.toUpperCase(), input.url, md5].join('\n'))
    .digest('hex');
  const a = Buffer.from(expected);
  const b = Buffer.from(signature.toLowerCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

/** seven.io delivery report statuses → ours. */
export function deliveryStatus(status: string): 'sent' | 'failed' | 'queued' {
  if (status === 'DELIVERED') return 'sent';
  if (['NOTDELIVERED', 'EXPIRED', 'REJECTED', 'FAILED'].includes(status)) return 'failed';
  return 'queued';
}
