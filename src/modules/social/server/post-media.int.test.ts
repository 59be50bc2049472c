import { eq } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { propertyMedia } from '../../crm/schema.js';
import { socialTarget } from '../schema.js';
import { fetchThroughApp, propertyPhoto, storedReel } from '../test/media-fixtures.js';
import { publicMediaUrl } from './public-media.js';
import { adaptersOf } from './social.server.js';

/**
 * Issue 17.1 and 17.17: media are named by reference and resolved inside the tenant; the
 * platforms fetch them from signed, expiring addresses without cookies.
 */
let t: TestApp;
let officeA: TestUser;
let officeB: TestUser;
let accountB: string;
let instagramA: string;
let facebookA: string;
let photoA: string;
let keyOfPhotoA: string;

const connect = async (user: TestUser, platform: string) =>
  (
    await t.as(user, {
      method: 'POST',
      url: '/api/social-media/accounts/connect',
      payload: { platform, mode: 'sandbox' },
    })
  ).json().id as string;

beforeAll(async () => {
  t = await createTestApp();
  officeA = await t.createTenant('Büro A');
  officeB = await t.createTenant('Büro B');
  accountB = await connect(officeB, 'facebook');
  instagramA = await connect(officeA, 'instagram');
  facebookA = await connect(officeA, 'facebook');
  photoA = await propertyPhoto(t, officeA);
  const [row] = await t.platform.database.db
    .select({ key: propertyMedia.webKey })
    .from(propertyMedia)
    .where(eq(propertyMedia.id, photoA));
  keyOfPhotoA = row?.key ?? '';
});
afterAll(async () => t?.close());

describe('media by reference', () => {
  it('refuses a storage key from the client and stores nothing (the cross-tenant read of issue 17.1)', async () => {
    const response = await t.as(officeB, {
      method: 'POST',
      url: '/api/social-media/posts',
      payload: {
        title: 'Fremde Datei',
        targets: [
          {
            accountId: accountB,
            text: 'x',
            media: [{ kind: 'image', url: 'https://x.example/a.jpg', fileKey: keyOfPhotoA }],
          },
        ],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
    const list = await t.as(officeB, { method: 'GET', url: '/api/social-media/posts' });
    expect(list.json().items).toEqual([]);
  });

  it('does not resolve another office’s media id, and says which medium', async () => {
    const response = await t.as(officeB, {
      method: 'POST',
      url: '/api/social-media/posts',
      payload: {
        title: 'Fremdes Foto',
        targets: [{ accountId: accountB, text: 'x', media: [{ source: 'crm.property-media', id: photoA }] }],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'unknown_media', details: { id: photoA } });
  });

  it('refuses an unknown source and a javascript: link', async () => {
    const unknown = await t.as(officeB, {
      method: 'POST',
      url: '/api/social-media/posts',
      payload: {
        title: 'x',
        targets: [{ accountId: accountB, text: 'x', media: [{ source: 'documents.version', id: 'a' }] }],
      },
    });
    expect(unknown.json().error.code).toBe('unknown_media');
    const link = await t.as(officeB, {
      method: 'POST',
      url: '/api/social-media/posts',
      payload: { title: 'x', targets: [{ accountId: accountB, text: 'x', link: 'javascript:alert(1)' }] },
    });
    expect(link.statusCode).toBe(400);
    expect(link.body).toContain('http');
  });

  it('returns references and preview addresses, never a storage key; the package has the own photo', async () => {
    const created = await t.as(officeA, {
      method: 'POST',
      url: '/api/social-media/posts',
      payload: {
        title: 'Eigenes Foto',
        targets: [{ accountId: facebookA, text: 'x', media: [{ source: 'crm.property-media', id: photoA }] }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.body).not.toContain(keyOfPhotoA);
    expect(created.json().targets[0].media[0]).toMatchObject({
      kind: 'image',
      source: 'crm.property-media',
      id: photoA,
      previewUrl: `/api/crm/media/${photoA}/web`,
      width: 1080,
    });
    const zip = await t.as(officeA, {
      method: 'GET',
      url: `/api/social-media/posts/${created.json().id}/package`,
    });
    const files = unzipSync(new Uint8Array(zip.rawPayload));
    expect(files['01-facebook-feed/01.jpg']?.subarray(0, 2)).toEqual(new Uint8Array([0xff, 0xd8]));
  });

  it('lists the listing’s photos and the studio’s reels for the composer, by reference', async () => {
    const reel = await storedReel(t.platform, officeA.tenantId);
    const library = await t.as(officeA, { method: 'GET', url: '/api/social-media/media-library' });
    expect(library.statusCode, library.body).toBe(200);
    expect(library.json().items).toContainEqual(
      expect.objectContaining({ kind: 'video', source: 'ai.generation-file', id: reel, durationSeconds: 21 }),
    );
    expect(library.body).not.toMatch(/test-[a-z0-9]+\.mp4|fileKey/);
    const other = await t.as(officeB, { method: 'GET', url: '/api/social-media/media-library' });
    expect(other.json().items).toEqual([]);
  });
});

describe('media the platforms fetch', () => {
  it('publishes a reel to an Instagram fake that downloads it without cookies from a signed address', async () => {
    const reel = await storedReel(t.platform, officeA.tenantId);
    const graph = (await adaptersOf(t.platform).sandbox()).state.graph;
    graph.fetchMedia = fetchThroughApp(t);
    const created = await t.as(officeA, {
      method: 'POST',
      url: '/api/social-media/posts',
      payload: {
        title: 'Reel',
        targets: [
          {
            accountId: instagramA,
            format: 'reel',
            text: 'Rundgang',
            media: [{ source: 'ai.generation-file', id: reel }],
          },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    await t.as(officeA, {
      method: 'POST',
      url: '/api/social-media/publish',
      payload: { postId: created.json().id },
    });
    const [target] = await t.platform.database.db
      .select()
      .from(socialTarget)
      .where(eq(socialTarget.postId, created.json().id));
    await t.platform.jobs.waitFor(target?.jobRunId ?? '', 30_000);
    const [after] = await t.platform.database.db
      .select()
      .from(socialTarget)
      .where(eq(socialTarget.id, target?.id ?? ''));
    expect(after?.status, after?.errorMessage ?? '').toBe('veroeffentlicht');
    const fetched = graph.fetched.at(-1);
    expect(fetched).toMatchObject({ status: 200, contentType: 'video/mp4', bytes: 4104 });
    expect(fetched?.url).toMatch(
      new RegExp(`/m/${officeA.tenantId}/${target?.id}/0-\\d{10}-[\\w-]{43}\\.mp4$`),
    );
  });

  it('serves nothing for a forged, expired or draft address', async () => {
    const created = await t.as(officeA, {
      method: 'POST',
      url: '/api/social-media/posts',
      payload: {
        title: 'Entwurf',
        targets: [{ accountId: facebookA, text: 'x', media: [{ source: 'crm.property-media', id: photoA }] }],
      },
    });
    const [target] = await t.platform.database.db
      .select()
      .from(socialTarget)
      .where(eq(socialTarget.postId, created.json().id));
    const media = target?.media[0];
    if (!target || !media) throw new Error('no target');
    const path = (url: string) => new URL(url).pathname;
    const fresh = path(publicMediaUrl(t.platform, officeA.tenantId, target.id, 0, media));
    expect((await t.app.inject({ method: 'GET', url: fresh })).statusCode).toBe(404); // still a draft
    await t.platform.database.db
      .update(socialTarget)
      .set({ status: 'geplant' })
      .where(eq(socialTarget.id, target.id));
    const ok = await t.app.inject({ method: 'GET', url: fresh });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('image/jpeg');
    expect(ok.headers['set-cookie']).toBeUndefined();
    const forged = fresh.replace(/-([\w-]{43})\.jpg$/, (_, tag: string) => `-${tag.slice(1)}A.jpg`);
    expect((await t.app.inject({ method: 'GET', url: forged })).statusCode).toBe(404);
    const otherTenant = fresh.replace(officeA.tenantId, officeB.tenantId);
    expect((await t.app.inject({ method: 'GET', url: otherTenant })).statusCode).toBe(404);
    const expired = path(
      publicMediaUrl(t.platform, officeA.tenantId, target.id, 0, media, Date.now() - 2 * 24 * 3_600_000),
    );
    expect((await t.app.inject({ method: 'GET', url: expired })).statusCode).toBe(404);
  });
});
