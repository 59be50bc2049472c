import { asc, eq } from 'drizzle-orm';
import { PDFDocument, rgb } from 'pdf-lib';
import type { Tx } from '../../../platform/db/database.js';
import type { Platform } from '../../../platform/kernel.js';
import { property } from '../../crm/schema.js';
import { document } from '../schema.js';
import { DocumentService } from '../server/document-service.js';
import { embedFonts } from '../server/pdf-fonts.js';

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const german = (iso: string) => iso.split('-').reverse().join('.');

/** A one-page PDF with a text layer, as an office scanner with OCR or a notary would send it. */
async function letter(title: string, lines: string[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const fonts = await embedFonts(pdf);
  const page = pdf.addPage([595.28, 841.89]);
  page.drawText(title, { x: 60, y: 770, size: 17, font: fonts.bold, color: rgb(0.1, 0.1, 0.1) });
  lines.forEach((line, i) => {
    page.drawText(line, { x: 60, y: 730 - i * 18, size: 11, font: fonts.regular });
  });
  pdf.setTitle(title);
  return Buffer.from(await pdf.save());
}

/**
 * Papers for the first two demo listings: an energy certificate that expires in six weeks (so
 * a reminder shows), a land register extract and a declaration of division — read, filed and
 * searchable like any upload.
 */
export async function seedDocumentsDemo(platform: Platform, tenantId: string): Promise<void> {
  const db = <T>(fn: (tx: Tx) => Promise<T>) => platform.database.withTenant(tenantId, fn);
  const listings = await db((tx) =>
    tx
      .select({ id: property.id, title: property.title, street: property.street, city: property.city })
      .from(property)
      .orderBy(asc(property.externalId))
      .limit(2),
  );
  const documents = new DocumentService(platform);
  const actor = { tenantId, userId: null, db };
  const [first, second] = listings;
  if (first) {
    const validUntil = day(45);
    const certificate = await documents.create(
      actor,
      await letter('ENERGIEAUSWEIS für Wohngebäude', [
        'gemäß den §§ 79 ff. Gebäudeenergiegesetz (GEG)',
        `Gültig bis: ${german(validUntil)}`,
        `Gebäude: ${first.street ?? 'Seestraße 7'}, ${first.city}`,
        'Endenergiebedarf dieses Gebäudes 98,6 kWh/(m²·a)',
        'Energieeffizienzklasse C',
      ]),
      { propertyId: first.id, fileName: 'Energieausweis.pdf', confidential: false },
    );
    await db((tx) => tx.update(document).set({ validUntil }).where(eq(document.id, certificate)));
    await documents.create(
      actor,
      // The extract belongs to the listing it is filed under: its town, its street.
      await letter(`Grundbuch von ${first.city} – Blatt 4711 (Demo)`, [
        `Grundbuchamt – Auszug für ${first.street ?? 'das Grundstück'}, ${first.city}`,
        'Bestandsverzeichnis: Flurstück 1234/5, Gebäude- und Freifläche',
        'Abteilung I: Eigentümer laut Auflassung',
        'Abteilung II: keine Eintragungen',
        'Abteilung III: Grundschuld ohne Brief',
      ]),
      { propertyId: first.id, fileName: 'Grundbuchauszug.pdf', confidential: true },
    );
  }
  if (second)
    await documents.create(
      actor,
      await letter('Teilungserklärung', [
        'nach § 8 Wohnungseigentumsgesetz (WEG)',
        `für das Grundstück ${second.street ?? ''}, ${second.city}`,
        'Aufteilung in Wohnungseigentum und Sondernutzungsrechte',
        'Miteigentumsanteile laut Aufteilungsplan',
      ]),
      { propertyId: second.id, fileName: 'Teilungserklaerung.pdf', confidential: false },
    );
}
