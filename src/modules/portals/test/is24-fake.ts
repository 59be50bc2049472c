import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A strict stand-in for ImmoScout24's import/export API, written from its documentation, not from
 * ImmoXX's client:
 * - OAuth 1.0a HMAC-SHA1 on every request, verified with RFC 5849 §3.4.1 (base string) and §3.4.2
 *   (key = consumer secret & token secret), nonce replay and a 5-minute clock window (§3.3);
 * - POST/PUT/GET/DELETE /offer/v1.0/user/{user}/realestate[/{id}|/ext-{externalId}]
 *   (api-docs/import-export/real-estate/*): JSON root `realestates.<type>`, fields in schema order,
 *   201 with `common.messages` MESSAGE_RESOURCE_CREATED and the id;
 * - attachments as two multipart parts "attachment" and "metadata" (…/attachment/insert-attachment);
 * - POST /offer/v1.0/publish with `common.publishObject`, DELETE /offer/v1.0/publish/{id}_{channel}
 *   (…/publish/publish-real-estate, …/delete-publication);
 * - the list with publishchannel, pagesize ≤ 100 and pagenumber (…/retrieve-all-real-estates);
 * - 429 with Retry-After and X-RateLimit-* headers (api-docs/rate-limiting).
 * Failure switches: a 5xx after the create was stored (the answer is lost), plain 5xx, 429, and a
 * revoked token (401).
 */
export interface FakeRealEstate {
  id: string;
  type: string;
  body: Record<string, unknown>;
  attachments: { id: string; title: string; bytes: number; titlePicture: boolean; floorplan: boolean }[];
  published: boolean;
}

/** The realestates 1.0 order of the fields ImmoXX may send (subset of the XSD sequence). */
const FIELD_ORDER = [
  '@xmlns',
  'externalId',
  'title',
  'address',
  'showAddress',
  'descriptionNote',
  'furnishingNote',
  'locationNote',
  'floor',
  'constructionYear',
  'buildingEnergyRatingType',
  'thermalCharacteristic',
  'energyConsumptionContainsWarmWater',
  'price',
  'baseRent',
  'totalRent',
  'serviceCharge',
  'livingSpace',
  'plotArea',
  'numberOfRooms',
  'courtage',
];
const TYPES = [
  'apartmentBuy',
  'apartmentRent',
  'houseBuy',
  'houseRent',
  'livingBuySite',
  'livingRentSite',
  'garageBuy',
  'garageRent',
];

const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * RFC 5849 §3.4.1–3.4.2, written from the RFC: base string of method, base URI and the sorted,
 * encoded parameters (query, form body and oauth_* except the signature); key = encoded consumer
 * secret "&" encoded token secret.
 */
export function rfc5849Signature(
  method: string,
  url: URL,
  extra: [string, string][],
  consumerSecret: string,
  tokenSecret: string,
): Buffer {
  const pairs: [string, string][] = [];
  for (const [k, v] of url.searchParams) pairs.push([enc(k), enc(v)]);
  for (const [k, v] of extra) pairs.push([enc(k), enc(v)]);
  pairs.sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1));
  const base = [
    method.toUpperCase(),
    enc(`${url.protocol}//${url.host}${url.pathname}`),
    enc(pairs.map(([k, v]) => `${k}=${v}`).join('&')),
  ].join('&');
  return createHmac('sha1', `${enc(consumerSecret)}&${enc(tokenSecret)}`)
    .update(base)
    .digest();
}

export class Is24Fake {
  readonly consumerKey = 'immoxx-consumer';
  readonly consumerSecret = 'consumer-secret-äöü';
  readonly accessToken = 'token-of-bodensee';
  readonly accessTokenSecret = 'token-secret';
  readonly estates = new Map<string, FakeRealEstate>();
  readonly requests: { method: string; path: string; status: number }[] = [];
  #server: Server | null = null;
  #nextId = 310_000_000;
  #nonces = new Set<string>();
  revoked = false;
  /** The next N creates are stored, then answered with 503 (the answer is lost on the way). */
  loseCreateAnswers = 0;
  /** The next N requests of any kind fail with 503 before doing anything. */
  failNext = 0;
  /** The next N requests get 429 with Retry-After: 1. */
  rateLimitNext = 0;
  url = '';

  async start(): Promise<void> {
    this.#server = createServer((req, res) => {
      void this.#handle(req).then(
        ({ status, body, headers }) => {
          this.requests.push({ method: req.method ?? '', path: req.url ?? '', status });
          res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', ...headers });
          res.end(body === undefined ? '' : JSON.stringify(body));
        },
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(error));
        },
      );
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server!.address() as AddressInfo).port}/restapi/api`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }

  byExternalId(externalId: string): FakeRealEstate[] {
    return [...this.estates.values()].filter((e) => e.body.externalId === externalId);
  }

  #messages(code: string, message: string, id?: string) {
    return { 'common.messages': [{ message: { messageCode: code, message, ...(id ? { id } : {}) } }] };
  }

  #verifySignature(req: IncomingMessage, url: URL): string | null {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('OAuth ')) return 'missing OAuth authorization header';
    const params = new Map<string, string>();
    for (const m of header.slice(6).matchAll(/([a-z_]+)="([^"]*)"/g))
      params.set(m[1] as string, decodeURIComponent(m[2] as string));
    if (params.get('oauth_signature_method') !== 'HMAC-SHA1') return 'signature method must be HMAC-SHA1';
    if (params.get('oauth_consumer_key') !== this.consumerKey) return 'unknown consumer key';
    if (params.get('oauth_token') !== this.accessToken) return 'unknown access token';
    if (params.has('oauth_version') && params.get('oauth_version') !== '1.0')
      return 'oauth_version must be 1.0';
    const timestamp = Number(params.get('oauth_timestamp'));
    if (!Number.isFinite(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300)
      return 'timestamp outside window';
    const nonce = params.get('oauth_nonce') ?? '';
    if (!nonce || this.#nonces.has(`${timestamp}:${nonce}`)) return 'nonce missing or replayed';
    this.#nonces.add(`${timestamp}:${nonce}`);
    const expected = rfc5849Signature(
      req.method ?? 'GET',
      url,
      [...params].filter(([k]) => k !== 'oauth_signature' && k !== 'realm'),
      this.consumerSecret,
      this.accessTokenSecret,
    );
    const given = Buffer.from(params.get('oauth_signature') ?? '', 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return 'signature does not match';
    return null;
  }

  async #body(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }

  #validate(json: unknown): { type: string; body: Record<string, unknown> } | string {
    if (!json || typeof json !== 'object') return 'body is not a JSON object';
    const keys = Object.keys(json);
    if (keys.length !== 1 || !keys[0]!.startsWith('realestates.'))
      return 'root must be one realestates.<type>';
    const type = keys[0]!.slice('realestates.'.length);
    if (!TYPES.includes(type)) return `unknown real estate type ${type}`;
    const body = (json as Record<string, Record<string, unknown>>)[keys[0]!]!;
    const order = Object.keys(body).map((k) => FIELD_ORDER.indexOf(k));
    if (order.includes(-1)) return `unknown field ${Object.keys(body)[order.indexOf(-1)]}`;
    if (order.some((v, i) => i > 0 && v < order[i - 1]!)) return 'fields are not in schema order';
    if (typeof body.title !== 'string' || body.title.length === 0 || body.title.length > 100)
      return 'title required, max 100';
    const address = body.address as Record<string, unknown> | undefined;
    if (!address?.postcode || !address.city) return 'address.postcode and address.city required';
    if (type.endsWith('Buy') || type === 'livingBuySite') {
      const price = body.price as { value?: unknown; currency?: unknown } | undefined;
      if (typeof price?.value !== 'number' || price.currency !== 'EUR')
        return 'price.value and currency EUR required';
    }
    if (type.endsWith('Rent') && typeof body.baseRent !== 'number') return 'baseRent required';
    return { type, body };
  }

  async #handle(
    req: IncomingMessage,
  ): Promise<{ status: number; body?: unknown; headers?: Record<string, string> }> {
    const url = new URL(req.url ?? '/', this.url);
    const rate = { 'X-RateLimit-Limit': '2000', 'X-RateLimit-Remaining': '1999' };
    if (this.rateLimitNext > 0) {
      this.rateLimitNext--;
      return {
        status: 429,
        headers: { 'Retry-After': '1', 'X-RateLimit-Limit': '2000', 'X-RateLimit-Remaining': '0' },
        body: this.#messages('ERROR_TOO_MANY_REQUESTS', 'Rate limit exceeded'),
      };
    }
    if (this.failNext > 0) {
      this.failNext--;
      return { status: 503, body: 'Service Unavailable' };
    }
    const authError = this.#verifySignature(req, url);
    if (authError || this.revoked)
      return {
        status: 401,
        headers: rate,
        body: this.#messages('ERROR_COMMON_ACCESS_DENIED', authError ?? 'access token revoked'),
      };
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/^\/restapi\/api/, '');
    const raw = await this.#body(req);

    const list = /^\/offer\/v1\.0\/user\/([^/]+)\/realestate\/?$/.exec(path);
    if (list && method === 'POST') {
      if (!req.headers['content-type']?.startsWith('application/json'))
        return { status: 415, body: this.#messages('ERROR_REQUEST_UNSUPPORTED_MEDIA_TYPE', 'JSON expected') };
      const checked = this.#validate(JSON.parse(raw.toString('utf8')));
      if (typeof checked === 'string')
        return { status: 400, headers: rate, body: this.#messages('ERROR_REQUEST_DATA_INVALID', checked) };
      const externalId = String(checked.body.externalId ?? '');
      if (externalId && this.byExternalId(externalId).length)
        return {
          status: 409,
          headers: rate,
          body: this.#messages('ERROR_RESOURCE_DUPLICATE', `externalId ${externalId} exists`),
        };
      const id = String(this.#nextId++);
      this.estates.set(id, { id, type: checked.type, body: checked.body, attachments: [], published: false });
      if (this.loseCreateAnswers > 0) {
        this.loseCreateAnswers--;
        return { status: 503, body: 'Service Unavailable' };
      }
      return {
        status: 201,
        headers: rate,
        body: this.#messages(
          'MESSAGE_RESOURCE_CREATED',
          `Resource [realestate] with id [${id}] has been created.`,
          id,
        ),
      };
    }
    if (list && method === 'GET') {
      const size = Number(url.searchParams.get('pagesize') ?? 20);
      const page = Number(url.searchParams.get('pagenumber') ?? 1);
      if (size < 1 || size > 100 || page < 1)
        return { status: 400, body: this.#messages('ERROR_REQUEST_DATA_INVALID', 'pagesize 1-100') };
      let all = [...this.estates.values()];
      if (url.searchParams.get('publishchannel') === 'IS24') all = all.filter((e) => e.published);
      const slice = all.slice((page - 1) * size, page * size);
      return {
        status: 200,
        headers: rate,
        body: {
          'realestates.realEstates': {
            Paging: {
              pageNumber: page,
              pageSize: size,
              numberOfPages: Math.max(1, Math.ceil(all.length / size)),
              numberOfHits: all.length,
            },
            realEstateList: {
              realEstateElement: slice.map((e) => ({
                '@id': e.id,
                externalId: e.body.externalId,
                title: e.body.title,
              })),
            },
          },
        },
      };
    }

    const one = /^\/offer\/v1\.0\/user\/([^/]+)\/realestate\/([^/]+)(\/attachment(?:\/([^/]+))?)?\/?$/.exec(
      path,
    );
    if (one) {
      const key = decodeURIComponent(one[2]!);
      const estate = key.startsWith('ext-') ? this.byExternalId(key.slice(4))[0] : this.estates.get(key);
      if (!estate)
        return {
          status: 404,
          headers: rate,
          body: this.#messages('ERROR_RESOURCE_NOT_FOUND', `realestate ${key} not found`),
        };
      if (one[3]) {
        if (method === 'GET' && !one[4])
          return {
            status: 200,
            body: {
              'common.attachments': [
                {
                  attachment: estate.attachments.map((a) => ({
                    '@id': a.id,
                    '@xsi.type': 'common:Picture',
                    title: a.title,
                  })),
                },
              ],
            },
          };
        if (method === 'DELETE' && one[4]) {
          const before = estate.attachments.length;
          estate.attachments = estate.attachments.filter((a) => a.id !== one[4]);
          return before === estate.attachments.length
            ? { status: 404, body: this.#messages('ERROR_RESOURCE_NOT_FOUND', 'attachment not found') }
            : {
                status: 200,
                body: this.#messages(
                  'MESSAGE_RESOURCE_DELETED',
                  `Resource [attachment] with id [${one[4]}] has been deleted.`,
                ),
              };
        }
        if (method === 'POST' && !one[4]) {
          const form = await new Request('http://fake/', {
            method: 'POST',
            headers: { 'content-type': req.headers['content-type'] ?? '' },
            body: new Uint8Array(raw),
          }).formData();
          const file = form.get('attachment');
          const metadata = form.get('metadata');
          if (!(file instanceof Blob) || file.type !== 'image/jpeg')
            return {
              status: 400,
              body: this.#messages(
                'ERROR_REQUEST_DATA_INVALID',
                'part "attachment" with image/jpeg required',
              ),
            };
          if (!(metadata instanceof Blob))
            return {
              status: 400,
              body: this.#messages('ERROR_REQUEST_DATA_INVALID', 'part "metadata" required'),
            };
          const meta = (JSON.parse(await metadata.text()) as Record<string, Record<string, unknown>>)[
            'common.attachment'
          ];
          if (meta?.['@xsi.type'] !== 'common:Picture')
            return {
              status: 400,
              body: this.#messages('ERROR_REQUEST_DATA_INVALID', '@xsi.type common:Picture required'),
            };
          const bytes = Buffer.from(await file.arrayBuffer());
          if (bytes[0] !== 0xff || bytes[1] !== 0xd8)
            return { status: 400, body: this.#messages('ERROR_REQUEST_DATA_INVALID', 'not a JPEG') };
          const id = String(this.#nextId++);
          estate.attachments.push({
            id,
            title: String(meta.title ?? ''),
            bytes: bytes.length,
            titlePicture: meta.titlePicture === true,
            floorplan: meta.floorplan === true,
          });
          return {
            status: 201,
            body: this.#messages(
              'MESSAGE_RESOURCE_CREATED',
              `Resource [attachment] with id [${id}] has been created.`,
              id,
            ),
          };
        }
        return { status: 405 };
      }
      if (method === 'GET')
        return {
          status: 200,
          headers: rate,
          body: { [`realestates.${estate.type}`]: { '@id': estate.id, ...estate.body } },
        };
      if (method === 'PUT') {
        const checked = this.#validate(JSON.parse(raw.toString('utf8')));
        if (typeof checked === 'string')
          return { status: 400, body: this.#messages('ERROR_REQUEST_DATA_INVALID', checked) };
        estate.body = checked.body;
        return {
          status: 200,
          headers: rate,
          body: this.#messages(
            'MESSAGE_RESOURCE_UPDATED',
            `Resource [realestate] with id [${estate.id}] has been updated.`,
          ),
        };
      }
      if (method === 'DELETE') {
        this.estates.delete(estate.id);
        return {
          status: 200,
          body: this.#messages(
            'MESSAGE_RESOURCE_DELETED',
            `Resource [realestate] with id [${estate.id}] has been deleted.`,
          ),
        };
      }
    }

    if (path === '/offer/v1.0/publish' && method === 'POST') {
      const json = JSON.parse(raw.toString('utf8')) as Record<
        string,
        { realEstate?: { '@id'?: string }; publishChannel?: { '@id'?: string } }
      >;
      const po = json['common.publishObject'];
      const estate = this.estates.get(String(po?.realEstate?.['@id']));
      if (!estate || po?.publishChannel?.['@id'] !== '10000')
        return {
          status: 400,
          body: this.#messages(
            'ERROR_REQUEST_DATA_INVALID',
            'realEstate id and publishChannel 10000 required',
          ),
        };
      estate.published = true;
      return {
        status: 201,
        body: this.#messages(
          'MESSAGE_RESOURCE_CREATED',
          `Resource [publish] with id [${estate.id}_10000] has been created.`,
        ),
      };
    }
    const unpublish = /^\/offer\/v1\.0\/publish\/(\d+)_(\d+)$/.exec(path);
    if (unpublish && method === 'DELETE') {
      const estate = this.estates.get(unpublish[1]!);
      if (!estate?.published)
        return {
          status: 404,
          body: this.#messages(
            'ERROR_RESOURCE_NOT_FOUND',
            `PublishObject with ID ${unpublish[1]}_${unpublish[2]} does not exist.`,
          ),
        };
      estate.published = false;
      return {
        status: 200,
        body: this.#messages(
          'MESSAGE_RESOURCE_DELETED',
          `Resource [publish] with id [${unpublish[1]}_${unpublish[2]}] has been deleted.`,
        ),
      };
    }
    return { status: 404, body: this.#messages('ERROR_RESOURCE_NOT_FOUND', `no route ${method} ${path}`) };
  }
}
