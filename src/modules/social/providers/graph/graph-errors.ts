import { ProviderError } from '../provider-error.js';

export interface GraphErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_user_msg?: string;
  fbtrace_id?: string;
}

/** Throttling codes: platform (4, 17, 32, 613) and business-use-case (80001–80014). */
const THROTTLING = new Set([4, 17, 32, 613, ...Array.from({ length: 14 }, (_, i) => 80001 + i)]);

/** Seconds until the platform lets us call again, from the BUC usage header (minutes) if given. */
export function regainAccessSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
  try {
    const usage = JSON.parse(header) as Record<string, { estimated_time_to_regain_access?: number }[]>;
    const minutes = Math.max(
      0,
      ...Object.values(usage)
        .flat()
        .map((u) => u.estimated_time_to_regain_access ?? 0),
    );
    return minutes > 0 ? minutes * 60 : undefined;
  } catch {
    return undefined;
  }
}

/** Maps a Graph API error to what the publisher should do, with a message a broker understands. */
export function graphError(
  status: number,
  body: GraphErrorBody | undefined,
  usageHeader: string | null,
): ProviderError {
  const code = body?.code ?? 0;
  const sub = body?.error_subcode;
  const id = sub ? `${code}/${sub}` : String(code || `http_${status}`);
  const detail = [body?.message, body?.fbtrace_id ? `fbtrace_id ${body.fbtrace_id}` : null]
    .filter(Boolean)
    .join(' · ');
  if (code === 190 || code === 102 || status === 401)
    return new ProviderError(
      'auth',
      id,
      'Die Verbindung zum Konto ist abgelaufen oder wurde widerrufen. Bitte neu verbinden.',
      detail,
    );
  if (THROTTLING.has(code) || status === 429)
    return new ProviderError(
      'rate_limit',
      id,
      'Das Konto hat sein Anfragelimit erreicht; der Beitrag wird später gesendet.',
      detail,
      regainAccessSeconds(usageHeader) ?? 300,
    );
  if (code === 368)
    return new ProviderError(
      'permanent',
      id,
      'Meta hat das Konto vorübergehend für Veröffentlichungen gesperrt (Richtlinienprüfung).',
      detail,
    );
  if (code === 9004 || sub === 2207052)
    return new ProviderError(
      'permanent',
      id,
      'Die Plattform konnte die Mediendatei nicht abrufen. Ist PUBLIC_BASE_URL aus dem Internet erreichbar?',
      detail,
    );
  if (sub === 2207026 || sub === 2207009 || code === 36003)
    return new ProviderError(
      'permanent',
      id,
      'Format oder Seitenverhältnis des Mediums wird nicht unterstützt.',
      detail,
    );
  if (code === 10 || (code >= 200 && code < 300))
    return new ProviderError(
      'permanent',
      id,
      'Für diese Aktion fehlt die Berechtigung des Kontos. Bitte mit allen Berechtigungen neu verbinden.',
      detail,
    );
  if (code === 1 || code === 2 || status >= 500)
    return new ProviderError(
      'retryable',
      id,
      'Die Plattform ist vorübergehend nicht erreichbar; neuer Versuch folgt.',
      detail,
    );
  return new ProviderError(
    'permanent',
    id,
    body?.error_user_msg ?? `Die Plattform hat den Beitrag abgelehnt: ${body?.message ?? `HTTP ${status}`}`,
    detail,
  );
}
