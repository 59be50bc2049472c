import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { badRequest } from './app-error.js';

/** Cloud metadata and link-local addresses: never a provider, whatever the instance allows. */
const NEVER = new BlockList();
NEVER.addSubnet('169.254.0.0', 16, 'ipv4');
NEVER.addSubnet('fe80::', 10, 'ipv6');
NEVER.addAddress('fd00:ec2::254', 'ipv6');
NEVER.addSubnet('0.0.0.0', 8, 'ipv4');

/** Loopback and private networks: only where the operator allows them (Ollama on localhost). */
const PRIVATE = new BlockList();
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4');
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');

type Verdict = 'never' | 'private' | 'public';

function classify(address: string): Verdict {
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  // IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return classify(mapped);
  if (NEVER.check(address, family)) return 'never';
  if (PRIVATE.check(address, family)) return 'private';
  return 'public';
}

/**
 * Checks an address the server will call on a user's behalf (an AI provider's base URL):
 * http(s) only, no credentials in it, and every address its host resolves to outside
 * link-local/metadata ranges — and outside loopback and private networks unless allowed.
 */
export async function assertOutboundUrl(
  raw: string,
  options: { allowPrivate: boolean; field: string; privateSetting?: string },
  resolve: (host: string) => Promise<string[]> = async (host) =>
    (await lookup(host, { all: true, verbatim: true })).map((a) => a.address),
): Promise<void> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badRequest('invalid_url', 'Die Adresse ist keine gültige URL.', { field: options.field });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw badRequest('invalid_url', 'Nur http- und https-Adressen sind erlaubt.', { field: options.field });
  if (url.username || url.password)
    throw badRequest('invalid_url', 'Zugangsdaten gehören nicht in die Adresse.', { field: options.field });
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch {
    throw badRequest('unresolvable_host', `Der Server ${host} ist nicht auffindbar.`, {
      field: options.field,
    });
  }
  const verdicts = addresses.map(classify);
  if (verdicts.includes('never'))
    throw badRequest('forbidden_address', `Die Adresse ${host} ist nicht zulässig.`, {
      field: options.field,
    });
  if (!options.allowPrivate && verdicts.includes('private'))
    throw badRequest(
      'private_address',
      `Die Adresse ${host} liegt im lokalen Netz. Für einen eigenen Server muss der Betreiber ${options.privateSetting ?? 'AI_ALLOW_PRIVATE_ENDPOINTS'}=true setzen.`,
      { field: options.field },
    );
}
