import { readFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { openimmoExport, property, propertyMedia } from '../schema.js';
import { makeJpeg, seeblickWohnung } from '../test/fixtures.js';
import { validateOpenImmo } from './openimmo-validate.js';

let t: TestApp;
let owner: TestUser;
let other: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('Export-Büro GmbH');
  other = await t.createTenant('Import-Büro GmbH');
});
afterAll(async () => t?.close());

const sampleFeed = () => readFile(new URL('./fixtures/portal-feed-1.2.7.xml', import.meta.url));

async function listing(as: TestUser, overrides: Record<string, unknown>, photos = 2, activate = true) {
  const created = await t.as(as, {
    method: 'POST',
    url: '/api/crm/properties',
    payload: { ...seeblickWohnung, ...overrides },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  for (let i = 0; i < photos; i++) {
    const upload = await t.as(as, {
      method: 'POST',
      url: `/api/crm/properties/${id}/media?kind=${i === photos - 1 && photos > 1 ? 'floorplan' : 'photo'}&alt=Bild%20${i + 1}`,
      payload: await makeJpeg(900, 600, 40 * i),
      headers: { 'content-type': 'image/jpeg' },
    });
    expect(upload.statusCode).toBe(201);
  }
  if (activate) {
    const active = await t.as(as, {
      method: 'POST',
      url: `/api/crm/properties/${id}/status`,
      payload: { status: 'aktiv' },
    });
    expect(active.statusCode, active.body).toBe(200);
  }
  return id;
}

async function runExport(scope: 'VOLL' | 'TEIL') {
  const started = await t.as(owner, { method: 'POST', url: '/api/crm/openimmo/exports', payload: { scope } });
  expect(started.statusCode, started.body).toBe(202);
  const [row] = await t.platform.database.db
    .select()
    .from(openimmoExport)
    .where(eq(openimmoExport.id, started.json().id));
  const done = await t.platform.jobs.waitFor(row?.jobRunId as string, 60_000);
  expect(done.status, done.lastError ?? '').toBe('completed');
  const list = (await t.as(owner, { method: 'GET', url: '/api/crm/openimmo/exports' })).json();
  const entry = list.items.find((e: { id: string }) => e.id === started.json().id);
  expect(entry).toMatchObject({ status: 'fertig', progress: 100 });
  const download = await t.as(owner, { method: 'GET', url: entry.downloadUrl });
  expect(download.statusCode).toBe(200);
  expect(download.headers['content-type']).toBe('application/zip');
  const files = unzipSync(new Uint8Array(download.rawPayload));
  const xml = new TextDecoder().decode(files['openimmo.xml']);
  return { entry, files, xml, zip: download.rawPayload };
}

const immobilien = (xml: string) => xml.split('<immobilie>').slice(1);

describe('OpenImmo export', () => {
  let fullZip: Buffer;
  let changedId: string;
  let soldId: string;

  it('a full feed lists active listings with JPEG images and validates against the schema', async () => {
    changedId = await listing(owner, { title: 'Seeblick-Wohnung Konstanz Export', externalId: 'EXP-1' });
    soldId = await listing(
      owner,
      { title: 'Villa Meersburg Export', externalId: 'EXP-2', objectType: 'haus', objectSubtype: 'villa' },
      1,
    );
    await listing(owner, { title: 'Entwurf bleibt intern', externalId: 'EXP-3' }, 0, false);
    const { xml, files, zip, entry } = await runExport('VOLL');
    fullZip = zip;
    expect(await validateOpenImmo(xml)).toEqual({ valid: true, errors: [] });
    expect(immobilien(xml)).toHaveLength(2);
    expect(xml).toContain('umfang="VOLL"');
    expect(xml).not.toContain('Entwurf bleibt intern');
    expect(xml).not.toContain('<aktion');
    const images = Object.keys(files).filter((f) => f.endsWith('.jpg'));
    expect(images.sort()).toEqual(['EXP-1/01.jpg', 'EXP-1/02.jpg', 'EXP-2/01.jpg']);
    expect(files['EXP-1/01.jpg']?.subarray(0, 2)).toEqual(new Uint8Array([0xff, 0xd8]));
    expect(xml).toContain('gruppe="GRUNDRISS"');
    expect(xml).toContain('gruppe="TITELBILD"');
    expect(entry).toMatchObject({ listingCount: 2, deletedCount: 0 });
  });

  it('a partial feed sends only changes, new listings without aktion, and DELETE for listings gone', async () => {
    await new Promise((r) => setTimeout(r, 20));
    const patched = await t.as(owner, {
      method: 'PATCH',
      url: `/api/crm/properties/${changedId}`,
      payload: { purchasePrice: 529000 },
    });
    expect(patched.statusCode).toBe(200);
    const sold = await t.as(owner, {
      method: 'POST',
      url: `/api/crm/properties/${soldId}/status`,
      payload: { status: 'archiviert' },
    });
    expect(sold.statusCode, sold.body).toBe(200);
    await listing(
      owner,
      { title: 'Neu: Penthouse Lindau', externalId: 'EXP-4', objectSubtype: 'penthouse' },
      1,
    );
    const { xml, entry } = await runExport('TEIL');
    expect(await validateOpenImmo(xml)).toEqual({ valid: true, errors: [] });
    expect(xml).toContain('umfang="TEIL"');
    const entries = immobilien(xml);
    expect(entries).toHaveLength(3);
    const byNumber = (n: string) =>
      entries.find((e) => e.includes(`<objektnr_extern>${n}</objektnr_extern>`)) ?? '';
    expect(byNumber('EXP-1')).toContain('<aktion aktionart="CHANGE"/>');
    expect(byNumber('EXP-1')).toContain('<kaufpreis>529000.00</kaufpreis>');
    expect(byNumber('EXP-2')).toContain('<aktion aktionart="DELETE"/>');
    expect(byNumber('EXP-4')).not.toContain('<aktion');
    expect(entry).toMatchObject({ listingCount: 2, changedCount: 1, deletedCount: 1 });
  });

  it('export → import into another office keeps every field OpenImmo carries, with images', async () => {
    const dry = await t.as(other, {
      method: 'POST',
      url: '/api/crm/openimmo/import?dryRun=true',
      payload: fullZip,
      headers: { 'content-type': 'application/zip' },
    });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().counts).toEqual({ neu: 2, aktualisiert: 0, archiviert: 0, fehler: 0 });
    expect(
      await t.platform.database.db.select().from(property).where(eq(property.tenantId, other.tenantId)),
    ).toHaveLength(0);

    const real = await t.as(other, {
      method: 'POST',
      url: '/api/crm/openimmo/import?dryRun=false',
      payload: fullZip,
      headers: { 'content-type': 'application/zip' },
    });
    expect(real.json().counts).toMatchObject({ neu: 2, fehler: 0 });
    const importedEntry = real.json().listings.find((l: { externalId: string }) => l.externalId === 'EXP-1');
    expect(importedEntry.images).toBe(2);
    const original = (await t.as(owner, { method: 'GET', url: `/api/crm/properties/${changedId}` })).json();
    const copy = (
      await t.as(other, { method: 'GET', url: `/api/crm/properties/${importedEntry.propertyId}` })
    ).json();
    const carried = [
      'externalId',
      'title',
      'description',
      'locationDescription',
      'equipmentDescription',
      'marketingType',
      'objectType',
      'objectSubtype',
      'street',
      'houseNumber',
      'postalCode',
      'city',
      'district',
      'federalState',
      'latitude',
      'longitude',
      'showAddress',
      'livingArea',
      'usableArea',
      'plotArea',
      'rooms',
      'bedrooms',
      'bathrooms',
      'floor',
      'totalFloors',
      'yearBuilt',
      'condition',
      'features',
      'hausgeld',
      'commissionText',
      'energyCertificateType',
      'energyValue',
      'energyCarrier',
      'energyYearBuilt',
      'energyClass',
      'energyIssuedAt',
      'energyValidUntil',
      'energyIncludesHotWater',
    ];
    // The full feed was taken before the price change.
    expect(copy.purchasePrice).toBe(549000);
    const comparable = (v: unknown) => (Array.isArray(v) ? [...v].sort() : v);
    for (const field of carried)
      expect([field, comparable(copy[field])]).toEqual([field, comparable(original[field])]);
    expect(copy.status).toBe('entwurf');
    expect(
      copy.media.map((m: { kind: string; isTitle: boolean; altText: string }) => [
        m.kind,
        m.isTitle,
        m.altText,
      ]),
    ).toEqual([
      ['photo', true, 'Bild 1'],
      ['floorplan', false, 'Bild 2'],
    ]);
  });
});

describe('OpenImmo import of a portal feed', () => {
  it('reads a real-world-shaped feed leniently and reports what it could not take over', async () => {
    const xml = await sampleFeed();
    const zip = Buffer.from(
      zipSync({
        'export/openimmo.xml': new Uint8Array(xml),
        'export/bilder/rz-14-titel.jpg': new Uint8Array(await makeJpeg(800, 600, 190)),
        'export/bilder/rz-14-grundriss.jpg': new Uint8Array(await makeJpeg(800, 600, 0)),
      }),
    );
    const response = await t.as(other, {
      method: 'POST',
      url: '/api/crm/openimmo/import?dryRun=false',
      payload: zip,
      headers: { 'content-type': 'application/zip' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report.version).toBe('1.2.7');
    expect(report.listings.map((l: { outcome: string }) => l.outcome)).toEqual([
      'neu',
      'neu',
      'uebersprungen',
    ]);
    const [dg, fn] = report.listings;
    expect(dg.images).toBe(2);
    expect(dg.warnings.join()).toContain('Externes Bild nicht übernommen');
    expect(fn.warnings.join()).toContain('Keine Vermarktungsart angegeben');

    const rows = await t.platform.database.db
      .select()
      .from(property)
      .where(eq(property.externalId, 'RZ-2026-014'));
    expect(rows[0]).toMatchObject({
      title: 'Dachgeschoss mit Seeblick – Altstadt Radolfzell',
      objectType: 'wohnung',
      objectSubtype: 'dachgeschoss',
      city: 'Radolfzell am Bodensee',
      federalState: 'BW',
      purchasePriceCents: 38_950_000,
      hausgeldCents: 29_550,
      livingArea: 78.4,
      rooms: 3,
      energyCertificateType: 'verbrauch',
      energyValue: 64.3,
      energyCarrier: 'waermepumpe',
      energyClass: 'B',
      energyValidUntil: '2031-06-30',
      energyIncludesHotWater: true,
      condition: 'gepflegt',
      locationDescription: 'Mitten in der Altstadt, 3 Gehminuten zum Ufer.\nBahnhof und Einkauf in der Nähe.',
    });
    expect(rows[0]?.features.sort()).toEqual(
      [
        'aufzug',
        'balkon',
        'einbaukueche',
        'fussbodenheizung',
        'garage',
        'haustiere_erlaubt',
        'keller',
        'seeblick',
      ].sort(),
    );
    const media = await t.platform.database.db
      .select()
      .from(propertyMedia)
      .where(eq(propertyMedia.propertyId, rows[0]?.id ?? ''));
    expect(media.map((m) => m.kind).sort()).toEqual(['floorplan', 'photo']);
    const [rental] = await t.platform.database.db
      .select()
      .from(property)
      .where(eq(property.externalId, 'FN-8821'));
    expect(rental).toMatchObject({
      marketingType: 'miete',
      coldRentCents: 119_000,
      additionalCostsCents: 24_000,
      rooms: 3.5,
      depositText: '3570 €',
    });

    // The same feed again updates instead of duplicating; the DELETE entry archives once the listing exists.
    const again = await t.as(other, {
      method: 'POST',
      url: '/api/crm/openimmo/import?dryRun=false',
      payload: xml,
      headers: { 'content-type': 'application/xml' },
    });
    expect(again.json().counts).toMatchObject({ neu: 0, aktualisiert: 2 });
  });

  it('bad uploads get a clear 4xx and store nothing', async () => {
    const count = async () => (await t.platform.database.db.select().from(property)).length;
    const before = await count();
    const cases: [Buffer, string, number, string][] = [
      [Buffer.from('PK\u0003\u0004kaputt'), 'application/zip', 400, 'zip_invalid'],
      [Buffer.from('Hallo, ich bin kein XML'), 'application/xml', 415, 'unsupported_file_type'],
      [Buffer.from('<openimmo><anbieter>'), 'application/xml', 400, 'openimmo_invalid'],
      [Buffer.from('<rss><channel/></rss>'), 'application/xml', 400, 'openimmo_invalid'],
      [
        Buffer.from(zipSync({ 'liesmich.txt': strToU8('nichts') })),
        'application/zip',
        400,
        'openimmo_no_xml',
      ],
      [
        Buffer.from('<openimmo><uebertragung version="1.2.7"/></openimmo>'),
        'application/xml',
        400,
        'openimmo_empty',
      ],
    ];
    for (const [payload, type, status, code] of cases) {
      const response = await t.as(other, {
        method: 'POST',
        url: '/api/crm/openimmo/import?dryRun=false',
        payload,
        headers: { 'content-type': type },
      });
      expect([response.statusCode, response.json().error?.code]).toEqual([status, code]);
    }
    expect(await count()).toBe(before);
  });

  it('a listing with impossible values is reported per entry and the others still land', async () => {
    const xml = (await sampleFeed())
      .toString()
      .replace('<wohnflaeche>92.5</wohnflaeche>', '<wohnflaeche>-92.5</wohnflaeche>')
      .replace('RZ-2026-014', 'RZ-2026-099')
      .replace('FN-8821', 'FN-9999');
    const response = await t.as(other, {
      method: 'POST',
      url: '/api/crm/openimmo/import?dryRun=false',
      payload: xml,
      headers: { 'content-type': 'text/xml' },
    });
    const report = response.json();
    expect(report.counts).toMatchObject({ neu: 1, fehler: 1 });
    expect(report.listings[1].errors.join()).toContain('livingArea');
    expect(
      await t.platform.database.db.select().from(property).where(eq(property.externalId, 'FN-9999')),
    ).toHaveLength(0);
  });
});
