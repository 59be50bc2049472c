import { and, eq, inArray } from 'drizzle-orm';
import { authUser } from '../../../platform/auth/auth.schema.js';
import type { Tx } from '../../../platform/db/database.js';
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
  return rows.flatMap((r) => {
    const version = current.get(r.id);
    if (!version) return [];
    return [
      {
        id: r.id,
        propertyId: r.propertyId,
        contactId: r.contactId,
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
        energyFacts: r.energyFacts,
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
      },
    ];
  });
}
