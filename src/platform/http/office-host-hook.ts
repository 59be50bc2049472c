import { isIP } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../kernel.js';
import { WELL_KNOWN_PATH } from '../tenancy/custom-domain.js';
import { type HostOffice, hostName, officeSlugOfHost } from '../tenancy/office-host.js';
import { AppError } from './app-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The office whose own address this request came to; it decides the tenant. */
    hostOffice: HostOffice | null;
  }
}

const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

const NOT_FOUND_PAGE = `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Kein Maklerbüro</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#0f172a"><h1 style="font-size:1.4rem">Unter dieser Adresse gibt es kein Maklerbüro.</h1><p>Bitte prüfen Sie die Schreibweise der Adresse.</p></body></html>`;

/**
 * Reads the office from the Host header (`<slug>.<BASE_DOMAIN>`, or the office's own verified
 * domain) before anyone is signed in, so
 * the session resolves into that office. An address no office has answers 404 for everything
 * but the probes, rather than showing the product's sign-in under a name nobody owns.
 */
export function installOfficeHosts(app: FastifyInstance, platform: Platform): void {
  const { BASE_DOMAIN } = platform.config.env;
  const ownHost = new URL(platform.publicUrl).hostname;
  app.decorateRequest('hostOffice', null);
  app.addHook('onRequest', async (request, reply) => {
    const host = request.headers.host ? hostName(request.headers.host) : '';
    const path = request.url.split('?')[0] ?? '';
    // The proof that an office's domain reaches this platform (checked by the office's "Prüfen").
    if (path === WELL_KNOWN_PATH) {
      const token = host ? await platform.officeHosts.domainToken(host) : null;
      if (!token) return reply.status(404).type('text/plain; charset=utf-8').send('unbekannte Domain');
      return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(token);
    }
    const slug = officeSlugOfHost(request.headers.host, BASE_DOMAIN, platform.publicUrl);
    if (!slug) {
      // An office's own verified domain; any other host (an IP, a proxy's name) is the product's.
      if (host && host !== ownHost && !isIP(host) && host.includes('.'))
        request.hostOffice = await platform.officeHosts.findByDomain(host);
      return;
    }
    const office = await platform.officeHosts.find(slug);
    if (office) {
      request.hostOffice = office;
      return;
    }
    if (PROBES.has(path)) return;
    if (path.startsWith('/api/'))
      throw new AppError(404, 'office_not_found', 'Unter dieser Adresse gibt es kein Maklerbüro.');
    return reply.status(404).type('text/html; charset=utf-8').send(NOT_FOUND_PAGE);
  });
}
