import { createHmac } from 'node:crypto';
import OAuth from 'oauth-1.0a';

/**
 * ImmoScout24 import/export REST API, offer v1.0 (https://api.immobilienscout24.de/api-docs/introduction;
 * v1.0 is the only version of the offer API and no sunset is announced). Every request is signed
 * with OAuth 1.0a HMAC-SHA1 (api-docs/basic-principles: "every request must be signed") with the
 * office's consumer key and its access token.
 *
 * Idempotence: ImmoScout24 addresses a listing by our id as `ext-<externalId>`, so a create whose
 * answer was lost (5xx, timeout) is followed by a lookup, never by a second POST.
 * Rate limit (api-docs/rate-limiting): 429 with Retry-After; we wait that long (capped) and retry.
 */
export interface Is24Credentials {
  consumerKey: string;
  consumerSecret: string;
  accessToken: string;
  accessTokenSecret: string;
}

export interface Is24Options {
  /** https://rest.immobilienscout24.de/restapi/api (sandbox: https://rest.sandbox-immobilienscout24.de/restapi/api) */
  baseUrl: string;
  /** The portal user, or "me" for the access token's owner. */
  username: string;
  credentials: Is24Credentials;
  fetchImpl?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

/** The ImmoScout24 channel; 10001 would be the office's own homepage. */
export const IS24_CHANNEL = '10000';
const TIMEOUT_MS = 30_000;
const MAX_TRIES = 4;
const MAX_WAIT_MS = 60_000;

export interface Is24Message {
  messageCode: string;
  message: string;
  id?: string;
}

export class Is24Error extends Error {
  constructor(
    readonly status: number,
    readonly messages: Is24Message[],
    message: string,
    /** Worth another try later (5xx, 429, network); a 4xx is the listing's or the account's fault. */
    readonly transient: boolean,
  ) {
    super(message);
  }
  get code(): string | undefined {
    return this.messages[0]?.messageCode;
  }
}

/** 401/403: the token was revoked or expired; the broker must enter new credentials. */
export class Is24AuthError extends Is24Error {}

export interface Is24Attachment {
  id: string;
  title: string;
}

export interface Is24ListEntry {
  id: string;
  externalId: string | null;
}

/** The `common.messages` body: `{ "common.messages": [ { "message": { messageCode, message, id } } ] }`. */
export function readMessages(body: unknown): Is24Message[] {
  if (!body || typeof body !== 'object') return [];
  const list = (body as Record<string, unknown>)['common.messages'];
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry) => {
    const m = (entry as { message?: Record<string, unknown> }).message;
    if (!m || typeof m.messageCode !== 'string') return [];
    const id = m.id ?? /with id \[([^\]]+)\]/.exec(String(m.message ?? ''))?.[1];
    return [
      {
        messageCode: m.messageCode,
        message: String(m.message ?? ''),
        id: id === undefined ? undefined : String(id),
      },
    ];
  });
}

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The OAuth 1.0a signer ImmoScout24 wants: HMAC-SHA1 over RFC 5849's base string. */
export function is24OAuth(credentials: Pick<Is24Credentials, 'consumerKey' | 'consumerSecret'>): OAuth {
  return new OAuth({
    consumer: { key: credentials.consumerKey, secret: credentials.consumerSecret },
    signature_method: 'HMAC-SHA1',
    hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
  });
}

export class Is24Client {
  readonly #oauth: OAuth;
  readonly #token: OAuth.Token;
  readonly #fetch: typeof fetch;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #base: string;
  readonly #user: string;

  constructor(options: Is24Options) {
    this.#oauth = is24OAuth(options.credentials);
    this.#token = { key: options.credentials.accessToken, secret: options.credentials.accessTokenSecret };
    this.#fetch = options.fetchImpl ?? fetch;
    this.#sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.#base = options.baseUrl.replace(/\/+$/, '');
    this.#user = encodeURIComponent(options.username || 'me');
  }

  #realestateUrl(suffix = '') {
    return `${this.#base}/offer/v1.0/user/${this.#user}/realestate${suffix}`;
  }

  async #send(
    method: string,
    url: string,
    body?: { json: unknown } | { form: FormData },
    { retry = true }: { retry?: boolean } = {},
  ): Promise<{ status: number; body: unknown }> {
    for (let attempt = 1; ; attempt++) {
      const auth = this.#oauth.toHeader(this.#oauth.authorize({ url, method }, this.#token));
      const headers: Record<string, string> = { ...auth, Accept: 'application/json' };
      let payload: string | FormData | undefined;
      if (body && 'json' in body) {
        headers['Content-Type'] = 'application/json;charset=UTF-8';
        payload = JSON.stringify(body.json);
      } else if (body) payload = body.form;
      let response: Response;
      try {
        response = await this.#fetch(url, {
          method,
          headers,
          body: payload,
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch (error) {
        if (retry && attempt < MAX_TRIES) {
          await this.#sleep(1000 * 2 ** (attempt - 1));
          continue;
        }
        throw new Is24Error(0, [], `ImmoScout24 nicht erreichbar: ${(error as Error).message}`, true);
      }
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // Some errors come as plain text (api-docs/responses); keep the words.
      }
      if (response.ok) return { status: response.status, body: parsed };
      const messages = readMessages(parsed);
      const said =
        messages.map((m) => `${m.messageCode}: ${m.message}`).join(' | ') ||
        text.slice(0, 300) ||
        response.statusText;
      if (response.status === 429 || response.status >= 500) {
        if (retry && attempt < MAX_TRIES) {
          const after = Number(response.headers.get('retry-after'));
          await this.#sleep(
            Math.min(
              MAX_WAIT_MS,
              Number.isFinite(after) && after > 0 ? after * 1000 : 1000 * 2 ** (attempt - 1),
            ),
          );
          continue;
        }
        throw new Is24Error(
          response.status,
          messages,
          `ImmoScout24 antwortet ${response.status}: ${said}`,
          true,
        );
      }
      if (response.status === 401 || response.status === 403)
        throw new Is24AuthError(
          response.status,
          messages,
          `ImmoScout24 lehnt den Zugang ab (${response.status}): ${said}. Bitte Zugangsdaten neu eintragen.`,
          false,
        );
      throw new Is24Error(
        response.status,
        messages,
        `ImmoScout24 lehnt ab (${response.status}): ${said}`,
        false,
      );
    }
  }

  /** The portal's id of our listing, or null when ImmoScout24 does not have it. */
  async findByExternalId(externalId: string): Promise<string | null> {
    try {
      const { body } = await this.#send('GET', this.#realestateUrl(`/ext-${encodeURIComponent(externalId)}`));
      const root = Object.values((body ?? {}) as Record<string, Record<string, unknown>>)[0];
      const id = root?.['@id'];
      return id === undefined ? null : String(id);
    } catch (error) {
      if (error instanceof Is24Error && error.status === 404) return null;
      throw error;
    }
  }

  /**
   * Creates the listing once: a lost answer is settled by looking the listing up by our id, so a
   * retry never makes a second one.
   */
  async create(externalId: string, realestate: unknown): Promise<string> {
    try {
      const { body } = await this.#send(
        'POST',
        this.#realestateUrl(),
        { json: realestate },
        { retry: false },
      );
      const id = readMessages(body).find((m) => m.id)?.id;
      if (id) return id;
    } catch (error) {
      if (!(error instanceof Is24Error) || !error.transient) throw error;
    }
    const id = await this.findByExternalId(externalId);
    if (!id)
      throw new Is24Error(
        0,
        [],
        'ImmoScout24 hat das Anlegen nicht bestätigt; nächster Versuch folgt.',
        true,
      );
    return id;
  }

  async update(id: string, realestate: unknown): Promise<void> {
    await this.#send('PUT', this.#realestateUrl(`/${encodeURIComponent(id)}`), { json: realestate });
  }

  async listAttachments(id: string): Promise<Is24Attachment[]> {
    const { body } = await this.#send('GET', this.#realestateUrl(`/${encodeURIComponent(id)}/attachment`));
    // `{"common.attachments": [{"attachment": [...]}]}`; a single entry may come unwrapped.
    const roots = asArray((body as Record<string, unknown> | null)?.['common.attachments']);
    const list = roots.flatMap((r) => asArray((r as { attachment?: unknown }).attachment));
    return list.map((a) => {
      const r = a as Record<string, unknown>;
      return { id: String(r['@id']), title: String(r.title ?? '') };
    });
  }

  async deleteAttachment(id: string, attachmentId: string): Promise<void> {
    try {
      await this.#send(
        'DELETE',
        this.#realestateUrl(`/${encodeURIComponent(id)}/attachment/${encodeURIComponent(attachmentId)}`),
      );
    } catch (error) {
      if (!(error instanceof Is24Error && error.status === 404)) throw error;
    }
  }

  /**
   * Two parts as the API wants them (api-docs/import-export/attachment/insert-attachment):
   * "attachment" with the JPEG and "metadata" with the common:Picture description.
   */
  async uploadPicture(
    id: string,
    picture: {
      jpeg: Buffer;
      fileName: string;
      title: string;
      titlePicture: boolean;
      floorplan: boolean;
      externalId: string;
    },
  ): Promise<string> {
    const form = new FormData();
    form.append(
      'attachment',
      new Blob([new Uint8Array(picture.jpeg)], { type: 'image/jpeg' }),
      picture.fileName,
    );
    const metadata = {
      'common.attachment': {
        '@xmlns': { common: 'http://rest.immobilienscout24.de/schema/common/1.0' },
        '@xsi.type': 'common:Picture',
        title: picture.title.slice(0, 30),
        externalId: picture.externalId,
        floorplan: picture.floorplan,
        titlePicture: picture.titlePicture,
      },
    };
    form.append('metadata', new Blob([JSON.stringify(metadata)], { type: 'application/json' }), 'body.json');
    const { body } = await this.#send(
      'POST',
      this.#realestateUrl(`/${encodeURIComponent(id)}/attachment`),
      { form },
      { retry: false },
    );
    return readMessages(body).find((m) => m.id)?.id ?? '';
  }

  /** Publishes to the ImmoScout24 channel; publishing what is already published is not an error. */
  async publish(id: string): Promise<void> {
    try {
      await this.#send('POST', `${this.#base}/offer/v1.0/publish`, {
        json: {
          'common.publishObject': { realEstate: { '@id': id }, publishChannel: { '@id': IS24_CHANNEL } },
        },
      });
    } catch (error) {
      if (error instanceof Is24Error && error.status === 409) return;
      throw error;
    }
  }

  /** Takes the listing off ImmoScout24 (the docs advise deactivating over deleting); idempotent. */
  async unpublish(id: string): Promise<void> {
    try {
      await this.#send(
        'DELETE',
        `${this.#base}/offer/v1.0/publish/${encodeURIComponent(`${id}_${IS24_CHANNEL}`)}`,
      );
    } catch (error) {
      if (error instanceof Is24Error && error.status === 404) return;
      throw error;
    }
  }

  /** Every listing the account has online on ImmoScout24, page by page (at most 100 per page). */
  async listPublished(): Promise<Is24ListEntry[]> {
    const all: Is24ListEntry[] = [];
    for (let page = 1; page <= 100; page++) {
      const { body } = await this.#send(
        'GET',
        this.#realestateUrl(`?publishchannel=IS24&pagesize=100&pagenumber=${page}`),
      );
      const root = (body as Record<string, Record<string, unknown>> | null)?.['realestates.realEstates'];
      const paging = (root?.Paging ?? {}) as { numberOfPages?: number };
      const list = asArray(
        (root?.realEstateList as { realEstateElement?: unknown } | undefined)?.realEstateElement,
      );
      for (const e of list) {
        const r = e as Record<string, unknown>;
        all.push({
          id: String(r['@id']),
          externalId: r.externalId === undefined ? null : String(r.externalId),
        });
      }
      if (page >= (paging.numberOfPages ?? 1)) break;
    }
    return all;
  }

  /** The public exposé address of a published listing. */
  static exposeUrl(id: string): string {
    return `https://www.immobilienscout24.de/expose/${id}`;
  }
}
