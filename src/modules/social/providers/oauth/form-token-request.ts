import { ProviderError } from '../provider-error.js';

/** POSTs a form to a token endpoint and maps refusals to "reconnect", outages to "retry". */
export async function formTokenRequest<T>(
  url: string,
  form: Record<string, string>,
  fetchImpl: typeof fetch,
  platformName: string,
): Promise<T> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new ProviderError(
      'retryable',
      'network',
      `${platformName} ist nicht erreichbar.`,
      (error as Error).message,
    );
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  const failed = !response.ok || typeof body.error === 'string' || body.error_description !== undefined;
  if (!failed) return body as T;
  const code = String(body.error ?? `http_${response.status}`);
  const detail = String(body.error_description ?? body.message ?? '');
  if (response.status >= 500)
    throw new ProviderError('retryable', code, `${platformName} ist vorübergehend gestört.`, detail);
  throw new ProviderError(
    'auth',
    code,
    `${platformName} hat die Anmeldung abgelehnt (${code}). Bitte das Konto neu verbinden.`,
    detail,
  );
}
