import { asc, eq } from 'drizzle-orm';
import { authUser } from '../../../platform/auth/auth.schema.js';
import type { Platform } from '../../../platform/kernel.js';
import { imprintUrl } from '../../../platform/tenancy/legal-notice.js';
import { propertyMedia } from '../schema.js';
import type { PropertyRow } from './property-view.js';

/** Collects everything the brochure shows (media, branding, agent) and renders it. */
export async function exposePdfFor(
  platform: Platform,
  row: PropertyRow,
  options: { includeAddress: boolean },
): Promise<Buffer> {
  const [media, settings, agent, moduleSections] = await Promise.all([
    platform.database.withTenant(row.tenantId, (tx) =>
      tx
        .select()
        .from(propertyMedia)
        .where(eq(propertyMedia.propertyId, row.id))
        .orderBy(asc(propertyMedia.position)),
    ),
    platform.tenantSettings.get(row.tenantId),
    row.assignedAgentId
      ? platform.database.db
          .select({ name: authUser.name, email: authUser.email })
          .from(authUser)
          .where(eq(authUser.id, row.assignedAgentId))
          .then((r) => r[0] ?? null)
      : Promise.resolve(null),
    Promise.all(
      [...platform.moduleServers.values()].map((server) =>
        server.exposeSections ? server.exposeSections(platform, row.tenantId, row.id) : [],
      ),
    ).then((lists) => lists.flat()),
  ]);
  const photos = media
    .filter((m) => m.kind === 'photo')
    .sort((a, b) => Number(b.isTitle) - Number(a.isTitle));
  const logo = settings?.logoFileKey
    ? await platform.files.read(settings.logoFileKey).catch(() => null)
    : null;
  // PDFKit and its fonts load with the first PDF, not with the server (issue 19: ~25 MB).
  const { renderExposePdf } = await import('./expose-pdf.js');
  return renderExposePdf({
    property: row,
    photos,
    floorplans: media.filter((m) => m.kind === 'floorplan'),
    readFile: (key) => platform.files.read(key),
    office: {
      name: settings?.displayName ?? 'Maklerbüro',
      primaryColor: settings?.primaryColor ?? '#0f766e',
      email: settings?.contactEmail ?? null,
      phone: settings?.contactPhone ?? null,
      address: settings?.address ?? null,
      logo,
      imprintUrl: settings ? imprintUrl(platform.publicUrl, settings.tenantSlug) : null,
    },
    agent,
    includeAddress: options.includeAddress,
    publicUrl: `${platform.publicUrl}/p/${row.slug}`,
    moduleSections,
  });
}
