import { posix } from 'node:path';
import { eq } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { z } from 'zod';
import type { TenantRequestContext } from '../../../platform/http/access-control.js';
import { AppError, badRequest } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { createPropertyBody, updatePropertyBody } from '../contract.js';
import { property } from '../schema.js';
import { MediaService } from '../server/media-service.js';
import { PropertyService } from '../server/property-service.js';
import { type ImportedListing, OpenImmoParseError, readOpenImmoXml } from './openimmo-reader.js';

export const openimmoImportReport = z.object({
  dryRun: z.boolean(),
  version: z.string().nullable(),
  listings: z.array(
    z.object({
      position: z.number(),
      externalId: z.string().nullable(),
      title: z.string(),
      outcome: z.enum(['neu', 'aktualisiert', 'archiviert', 'fehler', 'uebersprungen']),
      propertyId: z.string().nullable(),
      images: z.number(),
      errors: z.array(z.string()),
      warnings: z.array(z.string()),
    }),
  ),
  counts: z.object({ neu: z.number(), aktualisiert: z.number(), archiviert: z.number(), fehler: z.number() }),
});
export type OpenImmoImportReport = z.infer<typeof openimmoImportReport>;
type Entry = OpenImmoImportReport['listings'][number];

const MAX_UNZIPPED_BYTES = 300 * 1024 * 1024;

/** Splits an upload into its XML documents and the files they may reference. */
function unpack(body: Buffer): { xmls: string[]; files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  if (body.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    let total = 0;
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(body, {
        filter: (file) => {
          total += file.originalSize;
          // A zip bomb stops here, before anything is inflated into memory.
          if (total > MAX_UNZIPPED_BYTES)
            throw new AppError(413, 'zip_too_large', 'Das ZIP ist entpackt größer als 300 MB.');
          return !file.name.endsWith('/');
        },
      });
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw badRequest('zip_invalid', 'Das ZIP-Archiv ist beschädigt.');
    }
    for (const [name, data] of Object.entries(entries)) files.set(posix.normalize(name).toLowerCase(), data);
    const xmls = [...files.entries()]
      .filter(([name]) => name.endsWith('.xml'))
      .map(([, data]) => new TextDecoder().decode(data));
    if (xmls.length === 0) throw badRequest('openimmo_no_xml', 'Im ZIP-Archiv ist keine XML-Datei.');
    return { xmls, files };
  }
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  if (!text.trimStart().startsWith('<'))
    throw new AppError(
      415,
      'unsupported_file_type',
      'Erwartet wird eine OpenImmo-XML-Datei oder ein ZIP-Archiv.',
    );
  return { xmls: [text], files };
}

function findFile(files: Map<string, Uint8Array>, path: string): Uint8Array | undefined {
  const wanted = posix
    .normalize(path.replaceAll('\\', '/'))
    .replace(/^(\.\/|\/)+/, '')
    .toLowerCase();
  return (
    files.get(wanted) ??
    [...files.entries()].find(([name]) => posix.basename(name) === posix.basename(wanted))?.[1]
  );
}

/**
 * Imports OpenImmo listings: new object numbers become drafts, known ones are updated,
 * DELETE entries archive the listing. Each listing stands alone — one broken entry is
 * reported and the rest still land. A dry run validates and reports without writing.
 */
export async function importOpenImmo(
  platform: Platform,
  ctx: TenantRequestContext,
  body: Buffer,
  options: { dryRun: boolean },
): Promise<OpenImmoImportReport> {
  if (body.length === 0) throw badRequest('file_required', 'Bitte senden Sie die Datei als Request-Body.');
  const { xmls, files } = unpack(body);
  const properties = new PropertyService(platform);
  const media = new MediaService(platform);
  const report: OpenImmoImportReport = {
    dryRun: options.dryRun,
    version: null,
    listings: [],
    counts: { neu: 0, aktualisiert: 0, archiviert: 0, fehler: 0 },
  };
  for (const xml of xmls) {
    let feed: ReturnType<typeof readOpenImmoXml>;
    try {
      feed = readOpenImmoXml(xml);
    } catch (error) {
      if (error instanceof OpenImmoParseError) throw badRequest('openimmo_invalid', error.message);
      throw error;
    }
    report.version ??= feed.version;
    for (const listing of feed.listings) {
      const entry = await importListing(ctx, properties, media, listing, files, options.dryRun);
      report.listings.push(entry);
      if (entry.outcome !== 'uebersprungen') report.counts[entry.outcome]++;
    }
  }
  if (report.listings.length === 0)
    throw badRequest('openimmo_empty', 'Die Datei enthält keine <immobilie>-Einträge.');
  return report;
}

async function importListing(
  ctx: TenantRequestContext,
  properties: PropertyService,
  media: MediaService,
  listing: ImportedListing,
  files: Map<string, Uint8Array>,
  dryRun: boolean,
): Promise<Entry> {
  const entry: Entry = {
    position: listing.position,
    externalId: listing.externalId,
    title: String(listing.input.title ?? ''),
    outcome: 'fehler',
    propertyId: null,
    images: 0,
    errors: [],
    warnings: [...listing.warnings],
  };
  const [existing] = listing.externalId
    ? await ctx.db((tx) =>
        tx
          .select({ id: property.id, status: property.status })
          .from(property)
          .where(eq(property.externalId, listing.externalId as string)),
      )
    : [];

  if (listing.action === 'DELETE') {
    if (!existing) {
      entry.outcome = 'uebersprungen';
      entry.warnings.push('Zum Löschen gemeldet, aber kein Objekt mit dieser Nummer vorhanden.');
      return entry;
    }
    entry.propertyId = existing.id;
    entry.outcome = 'archiviert';
    if (!dryRun && existing.status !== 'archiviert')
      await properties.changeStatus(ctx, existing.id, 'archiviert');
    return entry;
  }

  const parsed = existing
    ? updatePropertyBody.safeParse(listing.input)
    : createPropertyBody.safeParse(listing.input);
  if (!parsed.success) {
    entry.errors = parsed.error.issues.map((i) => `${i.path.join('.') || 'Objekt'}: ${i.message}`);
    return entry;
  }
  const images = listing.attachments.filter((a) =>
    ['TITELBILD', 'BILD', 'INNENANSICHTEN', 'AUSSENANSICHTEN', 'GRUNDRISS', 'PANORAMA'].includes(a.group),
  );
  const available = images.flatMap((a) => {
    if (a.location !== 'INTERN') {
      entry.warnings.push(
        `Externes Bild nicht übernommen (${a.path.slice(0, 80)}) – bitte als Datei im ZIP mitliefern.`,
      );
      return [];
    }
    const data = findFile(files, a.path);
    if (!data) {
      entry.warnings.push(`Bild ${a.path} fehlt im ZIP-Archiv.`);
      return [];
    }
    return [{ ...a, data }];
  });
  entry.outcome = existing ? 'aktualisiert' : 'neu';
  entry.images = existing ? 0 : available.length;
  if (existing && available.length > 0)
    entry.warnings.push('Bilder eines bestehenden Objekts werden nicht ersetzt – bitte in ImmoXX pflegen.');
  if (dryRun) {
    entry.propertyId = existing?.id ?? null;
    return entry;
  }
  try {
    const saved = existing
      ? await properties.update(ctx, existing.id, parsed.data)
      : await properties.create(ctx, parsed.data as z.infer<typeof createPropertyBody>);
    entry.propertyId = saved.id;
    // Brokers curate photos in ImmoXX; a feed update must not replace or duplicate them.
    if (!existing) {
      for (const image of available) {
        try {
          const uploaded = await media.upload(ctx, saved.id, Buffer.from(image.data), {
            kind: image.group === 'GRUNDRISS' ? 'floorplan' : 'photo',
            altText: image.title.slice(0, 300),
          });
          if (image.group === 'TITELBILD') await media.update(ctx, uploaded.id, { isTitle: true });
        } catch (error) {
          entry.images--;
          entry.warnings.push(`Bild ${image.path}: ${(error as Error).message}`);
        }
      }
    }
  } catch (error) {
    entry.outcome = 'fehler';
    entry.errors.push((error as Error).message);
  }
  return entry;
}
