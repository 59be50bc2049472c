import { createServer as createTcpServer } from 'node:net';
import dns2 from 'dns2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';

/**
 * An office's own domain, end to end: registered in the settings, proven by a real DNS query
 * (a DNS server on loopback answers TXT and A like the office's DNS host would, RFC 1035 over
 * UDP) or by the domain reaching this very server over HTTP, and only then served as the
 * office's address. Taken, malformed and platform domains are refused and change nothing.
 */
let t: TestApp;
let seeblick: TestUser;
let lindau: TestUser;
let agent: TestUser;
let dnsServer: ReturnType<typeof dns2.createServer>;
/** The zone the fake DNS host serves: name → TXT values / A address. */
const txt = new Map<string, string[]>();
const a = new Map<string, string>();

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createTcpServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

describe('Eigene Domain eines Büros', () => {
  beforeAll(async () => {
    const { Packet } = dns2;
    dnsServer = dns2.createServer({
      udp: true,
      handle: (request, send) => {
        const response = Packet.createResponseFromRequest(request);
        for (const question of request.questions) {
          const name = question.name.toLowerCase();
          if (question.type === Packet.TYPE.TXT)
            for (const data of txt.get(name) ?? [])
              response.answers.push(Packet.createResourceFromQuestion(question, { ttl: 60, data }));
          const address = a.get(name);
          if (question.type === Packet.TYPE.A && address)
            response.answers.push(Packet.createResourceFromQuestion(question, { ttl: 60, address }));
        }
        send(response);
      },
    });
    const dnsPort = await freePort();
    await dnsServer.listen({ udp: { port: dnsPort, address: '127.0.0.1' } });
    const httpPort = await freePort();
    t = await createTestApp({
      env: {
        BASE_DOMAIN: 'immoxx.test',
        PUBLIC_URL: 'http://app.immoxx.test',
        DOMAIN_CHECK_RESOLVERS: `127.0.0.1:${dnsPort}`,
        DOMAIN_CHECK_HTTP_PORT: String(httpPort),
      },
    });
    await t.app.listen({ port: httpPort, host: '127.0.0.1' });
    seeblick = await t.createTenant('Seeblick Immobilien');
    agent = await t.createUser(seeblick.tenantId, 'agent');
    lindau = await t.createTenant('Haus Lindau');
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await dnsServer?.close();
  });

  const office = (host: string) => t.as(null, { method: 'GET', url: '/api/office', headers: { host } });
  const register = (user: TestUser, hostname: string) =>
    t.as(user, { method: 'PUT', url: '/api/admin/domain', payload: { hostname } });
  const verify = (user: TestUser) => t.as(user, { method: 'POST', url: '/api/admin/domain/verify' });

  it('an office registers its domain and learns what to put into DNS; agents cannot', async () => {
    expect((await t.as(seeblick, { method: 'GET', url: '/api/admin/domain' })).json()).toEqual({
      domain: null,
    });
    expect((await register(agent, 'www.seeblick-immobilien.de')).statusCode).toBe(403);
    const registered = await register(seeblick, 'https://www.Seeblick-Immobilien.de/');
    expect(registered.statusCode, registered.body).toBe(200);
    const { domain } = registered.json();
    expect(domain).toMatchObject({
      hostname: 'www.seeblick-immobilien.de',
      verifiedAt: null,
      txtName: '_immoxx-verification.www.seeblick-immobilien.de',
      wellKnownUrl: 'http://www.seeblick-immobilien.de/.well-known/immoxx-verification',
    });
    expect(domain.txtValue).toMatch(/^immoxx-verification=[\w-]{20,}$/);
    expect(domain.cnameTarget).toMatch(/\.immoxx\.test$/);
    // Not served before it is proven.
    expect((await office('www.seeblick-immobilien.de')).statusCode).toBe(404);
  });

  it('a malformed, platform or taken domain is refused and changes nothing', async () => {
    for (const hostname of ['app.immoxx.test', 'lindau.immoxx.test', '10.0.0.1', 'kein domain']) {
      const refused = await register(seeblick, hostname);
      expect(refused.statusCode, hostname).toBe(400);
      expect(refused.json().error.code).toBe('invalid_domain');
    }
    const taken = await register(lindau, 'www.seeblick-immobilien.de');
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('domain_taken');
    expect((await t.as(lindau, { method: 'GET', url: '/api/admin/domain' })).json()).toEqual({
      domain: null,
    });
    const own = (await t.as(seeblick, { method: 'GET', url: '/api/admin/domain' })).json();
    expect(own.domain.hostname).toBe('www.seeblick-immobilien.de');
  });

  it('without the TXT record and without reaching the platform, the check says both reasons', async () => {
    const checked = await verify(seeblick);
    expect(checked.statusCode, checked.body).toBe(200);
    const { domain } = checked.json();
    expect(domain.verifiedAt).toBeNull();
    expect(domain.lastError).toContain('_immoxx-verification.www.seeblick-immobilien.de');
    expect(domain.lastError).toContain('zeigt noch nicht auf die Plattform');
    // A wrong value is named as such.
    txt.set('_immoxx-verification.www.seeblick-immobilien.de', ['immoxx-verification=falsch']);
    expect((await verify(seeblick)).json().domain.lastError).toContain('ohne den erwarteten Wert');
  });

  it('the TXT record proves it; then the domain is the office’s address', async () => {
    const { domain } = (await t.as(seeblick, { method: 'GET', url: '/api/admin/domain' })).json();
    txt.set(domain.txtName, ['v=spf1 -all', domain.txtValue]);
    const checked = (await verify(seeblick)).json();
    expect(checked.domain.verifiedAt).not.toBeNull();
    expect(checked.domain.lastError).toBeNull();
    const served = await office('www.seeblick-immobilien.de');
    expect(served.statusCode).toBe(200);
    expect(served.json().name).toBe('Seeblick Immobilien');
    // The reverse proxy may now obtain its certificate (Caddy's on-demand TLS asks this).
    const ask = (domain: string) =>
      t.as(null, { method: 'GET', url: `/api/office-domains/tls-allowed?domain=${domain}` });
    expect((await ask('www.seeblick-immobilien.de')).statusCode).toBe(200);
    expect((await ask('haus-lindau.de')).statusCode).toBe(404);
    // Its sign-in page sends staff to the platform address, whose cookie the browser keeps.
    expect(served.json().appUrl).toMatch(/^http:\/\/[a-z0-9-]+\.immoxx\.test$/);
    const audit = (
      await t.as(seeblick, { method: 'GET', url: '/api/admin/audit-log?entity=office_domain' })
    ).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['updated', 'verified']),
    );
  });

  it('a domain that already points at the platform is proven by the well-known answer', async () => {
    const registered = (await register(lindau, 'haus-lindau.de')).json();
    // The platform answers the token of a registered domain only, to anyone who asks it.
    const wellKnown = await t.as(null, {
      method: 'GET',
      url: '/.well-known/immoxx-verification',
      headers: { host: 'haus-lindau.de' },
    });
    expect(wellKnown.body).toBe(registered.domain.txtValue.replace('immoxx-verification=', ''));
    const unknown = await t.as(null, {
      method: 'GET',
      url: '/.well-known/immoxx-verification',
      headers: { host: 'fremd.de' },
    });
    expect(unknown.statusCode).toBe(404);
    a.set('haus-lindau.de', '127.0.0.1');
    const checked = (await verify(lindau)).json();
    expect(checked.domain.verifiedAt, checked.domain.lastError).not.toBeNull();
    expect((await office('haus-lindau.de')).json().name).toBe('Haus Lindau');
  });

  it('removing the domain stops serving it at once', async () => {
    const removed = await t.as(lindau, { method: 'DELETE', url: '/api/admin/domain' });
    expect(removed.json()).toEqual({ domain: null });
    expect((await office('haus-lindau.de')).statusCode).toBe(404);
    // Seeblick's domain is untouched.
    expect((await office('www.seeblick-immobilien.de')).statusCode).toBe(200);
  });
});
