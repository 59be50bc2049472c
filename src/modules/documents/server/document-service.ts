import '../events.js';
import { createHash, randomUUID } from 'node:crypto';
import { and, eq, max } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import { assertImageSize } from '../../../platform/files/image-limits.js';
import { sniffContentType } from '../../../platform/files/sniff-content-type.js';
import { AppError, badRequest, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { contact, property } from '../../crm/schema.js';
import { cleanFileName, DOCUMENT_TYPES } from '../domain/allowed-types.js';
import type { DocumentCategory } from '../domain/categories.js';
import { document, documentVersion } from '../schema.js';
import { EXTRACT_TEXT_JOB } from './extract-text-job.js';

export type DocumentRow = typeof document.$inferSelect;
export type VersionRow = typeof documentVersion.$inferSelect;

/** Who acts on a folder: a signed-in user, or a job acting for the user who started it. */
export interface DocumentActor {
  tenantId: string;
  userId: string | null;
  db<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

export const actorOf = (ctx: {
  tenantId: string;
  auth: { user: { id: string } };
  db<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}): DocumentActor => ({ tenantId: ctx.tenantId, userId: ctx.auth.user.id, db: (fn) => ctx.db(fn) });

interface StoredFile {
  key: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * Upload and versions. The bytes decide the type (an .exe named .pdf is refused before anything
 * is stored); every version keeps its SHA-256, uploader and time; the file is written before its
 * row, and removed again if the row cannot be written, so no half-stored document remains.
 */
/** Image types sharp reads (HEIC is stored, not decoded). */
const RASTER_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/tiff']);

export class DocumentService {
  constructor(private readonly platform: Platform) {}

  private async store(ctx: DocumentActor, data: Buffer, fileName: string): Promise<StoredFile> {
    if (data.length === 0) throw badRequest('file_required', 'Bitte die Datei als Request-Body senden.');
    const type = await sniffContentType(data, DOCUMENT_TYPES);
    if (!type)
      throw new AppError(
        415,
        'unsupported_file_type',
        'Dieser Dateityp ist nicht erlaubt. Erlaubt sind PDF, Bilder (JPEG, PNG, WebP, TIFF, HEIC) und Office-Dateien.',
      );
    // Photos and scans are read by OCR later: one that claims more pixels than any scan is refused now.
    if (RASTER_TYPES.has(type.mime)) await assertImageSize(data);
    const key = `tenants/${ctx.tenantId}/documents/${randomUUID()}.${type.ext}`;
    await this.platform.files.put(key, data);
    return {
      key,
      fileName: cleanFileName(fileName),
      contentType: type.mime,
      sizeBytes: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
    };
  }

  private async withStoredFile<T>(file: StoredFile, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      await this.platform.files.delete(file.key).catch(() => undefined);
      throw error;
    }
  }

  async create(
    ctx: DocumentActor,
    data: Buffer,
    input: {
      propertyId?: string;
      contactId?: string;
      fileName: string;
      title?: string;
      category?: DocumentCategory;
      confidential: boolean;
    },
  ): Promise<string> {
    await ctx.db(async (tx) => {
      if (input.propertyId) {
        const [found] = await tx
          .select({ id: property.id })
          .from(property)
          .where(eq(property.id, input.propertyId));
        if (!found) throw notFound('Objekt');
      }
      if (input.contactId) {
        const [found] = await tx
          .select({ id: contact.id })
          .from(contact)
          .where(eq(contact.id, input.contactId));
        if (!found) throw notFound('Kontakt');
      }
    });
    const file = await this.store(ctx, data, input.fileName);
    return this.withStoredFile(file, () =>
      ctx.db(async (tx) => {
        const [row] = await tx
          .insert(document)
          .values({
            tenantId: ctx.tenantId,
            propertyId: input.propertyId ?? null,
            contactId: input.contactId ?? null,
            title: input.title ?? file.fileName.replace(/\.[^.]+$/, ''),
            category: input.category ?? 'sonstiges',
            categorySource: input.category ? 'manuell' : 'automatisch',
            confidential: input.confidential,
            createdBy: ctx.userId,
          })
          .returning({ id: document.id });
        if (!row) throw new Error('document insert returned nothing');
        await insertVersion(tx, ctx, row.id, 1, file);
        return row.id;
      }),
    ).then(async (id) => {
      await this.readTextLater(ctx, id, 1);
      if (input.category && input.category !== 'sonstiges')
        this.platform.events.emit(
          'document.filed',
          ctx.tenantId,
          {
            documentId: id,
            propertyId: input.propertyId ?? null,
            contactId: input.contactId ?? null,
            category: input.category,
            title: input.title ?? file.fileName,
          },
          ctx.userId,
        );
      return id;
    });
  }

  /** Text extraction and OCR run as a job; the document shows its progress through the run id. */
  private async readTextLater(ctx: DocumentActor, documentId: string, version: number): Promise<void> {
    const run = await this.platform.jobs.enqueue(
      EXTRACT_TEXT_JOB,
      { documentId, version },
      { tenantId: ctx.tenantId, key: `${documentId}:${version}`, createdBy: ctx.userId },
    );
    await ctx.db((tx) =>
      tx
        .update(document)
        .set({ textJobRunId: run.id, textStatus: 'ausstehend' })
        .where(eq(document.id, documentId)),
    );
  }

  /** A new upload of the same document: the earlier versions stay downloadable. */
  async addVersion(ctx: DocumentActor, documentId: string, data: Buffer, fileName: string): Promise<number> {
    const [existing] = await ctx.db((tx) =>
      tx.select({ id: document.id }).from(document).where(eq(document.id, documentId)),
    );
    if (!existing) throw notFound('Dokument');
    const file = await this.store(ctx, data, fileName);
    return this.withStoredFile(file, () =>
      ctx.db(async (tx) => {
        const [latest] = await tx
          .select({ version: max(documentVersion.version) })
          .from(documentVersion)
          .where(eq(documentVersion.documentId, documentId));
        const next = (latest?.version ?? 0) + 1;
        await insertVersion(tx, ctx, documentId, next, file);
        await tx
          .update(document)
          .set({ currentVersion: next, updatedAt: new Date(), extractedText: null, energyFacts: null })
          .where(eq(document.id, documentId));
        return next;
      }),
    ).then(async (next) => {
      await this.readTextLater(ctx, documentId, next);
      return next;
    });
  }

  async version(ctx: DocumentActor, documentId: string, version: number): Promise<VersionRow | null> {
    const [row] = await ctx.db((tx) =>
      tx
        .select()
        .from(documentVersion)
        .where(and(eq(documentVersion.documentId, documentId), eq(documentVersion.version, version))),
    );
    return row ?? null;
  }
}

async function insertVersion(
  tx: Tx,
  ctx: DocumentActor,
  documentId: string,
  version: number,
  file: StoredFile,
) {
  await tx.insert(documentVersion).values({
    tenantId: ctx.tenantId,
    documentId,
    version,
    fileKey: file.key,
    fileName: file.fileName,
    contentType: file.contentType,
    sizeBytes: file.sizeBytes,
    sha256: file.sha256,
    uploadedBy: ctx.userId,
  });
}
