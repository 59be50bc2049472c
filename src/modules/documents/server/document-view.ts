import { and, eq, inArray, sql } from 'drizzle-orm';
import { authUser } from '../../../platform/auth/auth.schema.js';
import type { Tx } from '../../../platform/db/database.js';
import { jobRun } from '../../../platform/jobs/jobs.schema.js';
import { contact, property } from '../../crm/schema.js';
import type { DocumentView } from '../contract.js';
import type { DocumentCategory } from '../domain/categories.js';
import { document, documentVersion } from '../schema.js';
import type { DocumentRow, VersionRow } from './document-service.js';

/** Documents valid until within this many days count as expiring. */
export const EXPIRY_WARNING_DAYS = 60;

export function expiryOf(validUntil: string | null, today = new Date()): DocumentView['expiry'] {
  if (!validUntil) return 'keine';
  const day = today.toISOString().slice(0, 10);
  if (validUntil < day) return 'abgelaufen';
  const warn = new Date(today.getTime() + EXPIRY_WARNING_DAYS * 86_400_000).toISOString().slice(0, 10);
  return validUntil <= warn ? 'laeuft_ab' : 'gueltig';
}

export const fileUrl = (documentId: string, version: number) =>
  `/api/documents/${documentId}/versions/${version}/file`;

export function versionView(v: VersionRow, uploadedByName: string | null) {
  return {
    version: v.version,
    fileName: v.fileName,
    contentType: v.contentType,
    sizeBytes: v.sizeBytes,
    sha256: v.sha256,
    uploadedBy: v.uploadedBy,
    uploadedByName,
    createdAt: v.createdAt.toISOString(),
    url: fileUrl(v.documentId, v.version),
  };
}

/** Property titles and contact names by id, for the folders the rows are filed under. */
async function folderLabels(tx: Tx, rows: DocumentRow[]): Promise<Map<string, string>> {
  const propertyIds = [...new Set(rows.flatMap((r) => (r.propertyId ? [r.propertyId] : [])))];
  const contactIds = [...new Set(rows.flatMap((r) => (r.contactId ? [r.contactId] : [])))];
  const [properties, contacts] = await Promise.all([
    propertyIds.length
      ? tx
          .select({ id: property.id, label: property.title })
          .from(property)
          .where(inArray(property.id, propertyIds))
      : [],
    contactIds.length
      ? tx
          .select({
            id: contact.id,
            label: sql<string>`coalesce(nullif(trim(concat_ws(' ', ${contact.firstName}, ${contact.lastName})), ''), ${contact.companyName}, 'Kontakt')`,
          })
          .from(contact)
          .where(inArray(contact.id, contactIds))
      : [],
  ]);
  return new Map([...properties, ...contacts].map((x) => [x.id, x.label]));
}

/** The text jobs' progress for documents still being read, so a folder can show how far each is. */
async function readingProgress(tx: Tx, rows: DocumentRow[]) {
  const runIds = rows.flatMap((r) =>
    r.textJobRunId && (r.textStatus === 'ausstehend' || r.textStatus === 'laeuft') ? [r.textJobRunId] : [],
  );
  if (runIds.length === 0) return new Map<string, { percent: number; message: string | null }>();
  const runs = await tx
    .select({ id: jobRun.id, percent: jobRun.progress, message: jobRun.progressMessage })
    .from(jobRun)
    .where(inArray(jobRun.id, runIds));
  return new Map(runs.map((run) => [run.id, { percent: run.percent, message: run.message }]));
}

/** Views of documents with their current version, read in one query for the whole page. */
export async function documentViews(tx: Tx, rows: DocumentRow[]): Promise<DocumentView[]> {
  if (rows.length === 0) return [];
  const currentVersions = await tx
    .select({ v: documentVersion, name: authUser.name })
    .from(documentVersion)
    .innerJoin(
      document,
      and(eq(document.id, documentVersion.documentId), eq(document.currentVersion, documentVersion.version)),
    )
    .leftJoin(authUser, eq(authUser.id, documentVersion.uploadedBy))
    .where(
      inArray(
        documentVersion.documentId,
        rows.map((r) => r.id),
      ),
    );
  const current = new Map(currentVersions.map(({ v, name }) => [v.documentId, versionView(v, name)]));
  const folders = await folderLabels(tx, rows);
  const progress = await readingProgress(tx, rows);
  return rows.flatMap((r) => {
    const version = current.get(r.id);
    if (!version) return [];
    return [
      {
        id: r.id,
        propertyId: r.propertyId,
        contactId: r.contactId,
        folder: r.propertyId
          ? { kind: 'objekt' as const, id: r.propertyId, label: folders.get(r.propertyId) ?? 'Objekt' }
          : {
              kind: 'kontakt' as const,
              id: r.contactId ?? '',
              label: folders.get(r.contactId ?? '') ?? 'Kontakt',
            },
        title: r.title,
        category: r.category as DocumentCategory,
        tags: r.tags,
        confidential: r.confidential,
        validUntil: r.validUntil,
        expiry: expiryOf(r.validUntil),
        currentVersion: r.currentVersion,
        current: version,
        text: {
          status: r.textStatus as DocumentView['text']['status'],
          note: r.textNote,
          jobRunId: r.textJobRunId,
          progress: progress.get(r.textJobRunId ?? '') ?? null,
          excerpt: r.extractedText ? r.extractedText.slice(0, 400) : null,
        },
        categorySource: r.categorySource as DocumentView['categorySource'],
        suggestion:
          r.suggestedCategory && r.categoryConfidence !== null
            ? {
                category: r.suggestedCategory as DocumentCategory,
                confidence: r.categoryConfidence,
                reason: r.categoryReason ?? [],
              }
            : null,
        energyFacts: r.energyFacts
          ? {
              ...r.energyFacts,
              energyCarrier: r.energyFacts.energyCarrier ?? null,
              yearBuilt: r.energyFacts.yearBuilt ?? null,
            }
          : null,
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
      },
    ];
  });
}
