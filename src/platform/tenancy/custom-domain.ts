import { Resolver } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { isIP } from 'node:net';

/** Where the well-known check asks; the platform answers it for every registered domain. */
export const WELL_KNOWN_PATH = '/.well-known/immoxx-verification';
export const txtRecordName = (hostname: string) => `_immoxx-verification.${hostname}`;
export const txtRecordValue = (token: string) => `immoxx-verification=${token}`;

const FQDN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * A domain as an office types it ("https://www.Hegau-Immobilien.de/"), as a host name, or the
 * reason it cannot be one: not a domain, an IP address, or an address of the platform itself.
 */
export function normalizeHostname(
  input: string,
  platform: { baseDomain: string | undefined; publicUrl: string },
): { hostname: string } | { error: string } {
  const hostname = input
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '')
    .replace(/\.$/, '');
  if (isIP(hostname)) return { error: 'Bitte eine Domain angeben, keine IP-Adresse.' };
  if (!FQDN.test(hostname)) return { error: 'Keine gültige Domain (Beispiel: www.hegau-immobilien.de).' };
  const own = new URL(platform.publicUrl).hostname;
  const base = platform.baseDomain;
  if (hostname === own || (base && (hostname === base || hostname.endsWith(`.${base}`))))
    return { error: 'Das ist eine Adresse der Plattform selbst; bitte Ihre eigene Domain angeben.' };
  return { hostname };
}

export interface DomainCheckOptions {
  /** DNS servers (`host` or `host:port`); empty: the system's. */
  resolvers: string[];
  /** Port the well-known check connects to (80 behind a reverse proxy). */
  httpPort: number;
  timeoutMs?: number;
}

export type DomainCheck = { ok: true; method: 'dns' | 'http' } | { ok: false; reasons: string[] };

function resolverFor(options: DomainCheckOptions): Resolver {
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 5000, tries: 2 });
  if (options.resolvers.length > 0) resolver.setServers(options.resolvers);
  return resolver;
}

const dnsReason = (error: unknown) => {
  const code = (error as { code?: string }).code;
  if (code === 'ENOTFOUND' || code === 'ENODATA') return 'nicht gefunden';
  if (code === 'ETIMEOUT') return 'DNS antwortet nicht';
  return code ?? String(error);
};

async function byTxtRecord(resolver: Resolver, hostname: string, token: string): Promise<string | null> {
  try {
    const records = await resolver.resolveTxt(txtRecordName(hostname));
    // A long TXT value arrives in 255-byte pieces; it is one value again when joined.
    if (records.some((chunks) => chunks.join('') === txtRecordValue(token))) return null;
    return `TXT-Eintrag ${txtRecordName(hostname)} gefunden, aber ohne den erwarteten Wert.`;
  } catch (error) {
    return `TXT-Eintrag ${txtRecordName(hostname)}: ${dnsReason(error)}.`;
  }
}

async function byWellKnown(
  resolver: Resolver,
  hostname: string,
  token: string,
  options: DomainCheckOptions,
): Promise<string | null> {
  let address: string | undefined;
  try {
    [address] = await resolver.resolve4(hostname);
  } catch (error) {
    return `${hostname} zeigt noch nicht auf die Plattform (A-Eintrag: ${dnsReason(error)}).`;
  }
  if (!address) return `${hostname} hat keinen A-Eintrag.`;
  const body = await new Promise<string | Error>((resolve) => {
    const req = httpRequest(
      {
        host: address,
        port: options.httpPort,
        path: WELL_KNOWN_PATH,
        headers: { host: hostname, accept: 'text/plain' },
        timeout: options.timeoutMs ?? 5000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (text.length < 1000) text += chunk;
        });
        res.on('end', () => resolve(res.statusCode === 200 ? text : new Error(`HTTP ${res.statusCode}`)));
      },
    );
    req.on('timeout', () => req.destroy(new Error('keine Antwort')));
    req.on('error', (error) => resolve(error));
    req.end();
  });
  if (body instanceof Error) return `http://${hostname}${WELL_KNOWN_PATH}: ${body.message}.`;
  return body.trim() === token
    ? null
    : `http://${hostname}${WELL_KNOWN_PATH} antwortet mit einem anderen Wert.`;
}

/**
 * Proves the office controls the domain: its TXT record carries the token, or the domain already
 * reaches this platform (which answers the well-known path with the token). Both reasons are
 * returned when neither holds, so the office knows what to fix.
 */
export async function checkDomain(
  hostname: string,
  token: string,
  options: DomainCheckOptions,
): Promise<DomainCheck> {
  const resolver = resolverFor(options);
  const txt = await byTxtRecord(resolver, hostname, token);
  if (txt === null) return { ok: true, method: 'dns' };
  const http = await byWellKnown(resolver, hostname, token, options);
  if (http === null) return { ok: true, method: 'http' };
  return { ok: false, reasons: [txt, http] };
}
