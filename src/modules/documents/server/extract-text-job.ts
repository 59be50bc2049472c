import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import '../events.js';
import { defineJob, PermanentJobError } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import { siblingModule } from '../../../platform/threads/module-url.js';
import { runOffThread } from '../../../platform/threads/off-thread.js';
import { categorise } from '../domain/categorise.js';
import { extractEnergyCertificate } from '../domain/energy-certificate.js';
import { document, documentVersion } from '../schema.js';
import type { ExtractionResult } from './text-extraction.js';

export const EXTRACT_TEXT_JOB = 'documents.extract-text';
/** Below this the suggestion is shown but not applied. */
const APPLY_CONFIDENCE = 0.5;

/**
 * Reads a version's text (PDF text layer or OCR), suggests a category with its reason and, for
 * an energy certificate, its facts. The suggestion replaces the category only while nobody has
 * chosen one by hand; a certificate's valid-until date fills an empty one, for expiry tracking.
 */
export const extractTextJob = (platform: Platform) =>
  defineJob({
    name: EXTRACT_TEXT_JOB,
    version: 1,
    payload: z.object({ documentId: z.string().uuid(), version: z.number().int().min(1) }),
    attempts: 2,
    backoffSeconds: 10,
    concurrency: 1,
    timeoutSeconds: 20 * 60,
    // The document must not stay "läuft" when reading is given up (a crash, an unreadable file).
    onGiveUp: async ({ payload, withTenant }) => {
      await withTenant((tx) =>
        tx
          .update(document)
          .set({
            textStatus: 'fehler',
            textNote: 'Die Texterkennung wurde abgebrochen. Bitte die Datei erneut hochladen.',
          })
          .where(
            and(
              eq(document.id, payload.documentId),
              eq(document.currentVersion, payload.version),
              inArray(document.textStatus, ['ausstehend', 'laeuft']),
            ),
          ),
      );
    },
    handler: async ({ tenantId, payload, withTenant, reportProgress }) => {
      if (!tenantId) throw new PermanentJobError('document without tenant');
      const found = await withTenant(async (tx) => {
        const [doc] = await tx.select().from(document).where(eq(document.id, payload.documentId));
        const [version] = await tx
          .select()
          .from(documentVersion)
          .where(
            and(
              eq(documentVersion.documentId, payload.documentId),
              eq(documentVersion.version, payload.version),
            ),
          );
        return doc && version ? { doc, version } : null;
      });
      // A newer upload has its own job; this one would only write stale text.
      if (!found || found.doc.currentVersion !== payload.version) return { skipped: 'superseded' };
      const { doc, version } = found;
      await withTenant((tx) =>
        tx.update(document).set({ textStatus: 'laeuft' }).where(eq(document.id, doc.id)),
      );
      // On a thread of its own: rendering a scanned PDF and reading it held the event loop for
      // up to 0.7 s (issue 19); the OCR models load there and go with the thread.
      const result = await runOffThread<ExtractionResult>(
        siblingModule(import.meta.url, './text-extraction'),
        'extractTextTask',
        { data: await platform.files.read(version.fileKey), contentType: version.contentType },
        reportProgress,
      );
      if (result.status !== 'fertig') {
        await withTenant((tx) =>
          tx
            .update(document)
            .set({ textStatus: result.status, textNote: result.note })
            .where(eq(document.id, doc.id)),
        );
        return { text: result.status };
      }
      const guess = categorise({
        fileName: version.fileName,
        text: result.text,
        contentType: version.contentType,
      });
      const energyFacts = guess.category === 'energieausweis' ? extractEnergyCertificate(result.text) : null;
      const applyCategory = doc.categorySource === 'automatisch' && guess.confidence >= APPLY_CONFIDENCE;
      await withTenant((tx) =>
        tx
          .update(document)
          .set({
            extractedText: result.text,
            textStatus: 'fertig',
            textNote: result.note,
            suggestedCategory: guess.category,
            categoryConfidence: guess.confidence,
            categoryReason: guess.reason,
            ...(applyCategory ? { category: guess.category } : {}),
            energyFacts,
            ...(energyFacts?.validUntil && !doc.validUntil ? { validUntil: energyFacts.validUntil } : {}),
            updatedAt: new Date(),
          })
          .where(eq(document.id, doc.id)),
      );
      if (applyCategory && guess.category !== doc.category && guess.category !== 'sonstiges')
        platform.events.emit('document.filed', tenantId, {
          documentId: doc.id,
          propertyId: doc.propertyId,
          contactId: doc.contactId,
          category: guess.category,
          title: doc.title,
        });
      await reportProgress(100, 'Fertig');
      return { method: result.method, category: guess.category, confidence: guess.confidence };
    },
  });
