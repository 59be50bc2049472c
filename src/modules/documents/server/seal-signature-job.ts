import { createHash } from 'node:crypto';
import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { authUser } from '../../../platform/auth/auth.schema.js';
import { defineJob, PermanentJobError } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import { document, documentVersion, signatureRequest, signatureSigner } from '../schema.js';
import { DocumentService } from './document-service.js';
import { providerOf, SEAL_SIGNATURE_JOB } from './signature-service.js';

const sealedName = (fileName: string) => `${fileName.replace(/\.pdf$/i, '')}_unterschrieben.pdf`;

/**
 * Once everyone has signed: stamps the signatures, appends the audit page and files the
 * result as the document's next version. Sealing is deterministic, so a retried run finds
 * its own file already filed and does not add it twice.
 */
export const sealSignatureJob = (platform: Platform) =>
  defineJob({
    name: SEAL_SIGNATURE_JOB,
    version: 1,
    payload: z.object({ requestId: z.string().uuid() }),
    attempts: 3,
    backoffSeconds: 10,
    concurrency: 2,
    handler: async ({ tenantId, payload, withTenant }) => {
      if (!tenantId) throw new PermanentJobError('signature request without tenant');
      const loaded = await withTenant(async (tx) => {
        const [request] = await tx
          .select()
          .from(signatureRequest)
          .where(eq(signatureRequest.id, payload.requestId));
        if (!request) return null;
        const signers = await tx
          .select()
          .from(signatureSigner)
          .where(eq(signatureSigner.requestId, request.id))
          .orderBy(asc(signatureSigner.position));
        const [source] = await tx
          .select()
          .from(documentVersion)
          .where(
            and(
              eq(documentVersion.documentId, request.documentId),
              eq(documentVersion.version, request.sourceVersion),
            ),
          );
        const [doc] = await tx.select().from(document).where(eq(document.id, request.documentId));
        return { request, signers, source, doc };
      });
      if (!loaded) return { skipped: 'gone' };
      const { request, signers, source, doc } = loaded;
      if (request.status !== 'wird_versiegelt') return { skipped: request.status };
      if (!source || !doc) throw new PermanentJobError('the document to seal is gone');
      const data = await platform.files.read(source.fileKey);
      if (createHash('sha256').update(data).digest('hex') !== request.sha256Before)
        throw new PermanentJobError('the stored original no longer matches its hash');
      const [creator] = request.createdBy
        ? await platform.database.db.select().from(authUser).where(eq(authUser.id, request.createdBy))
        : [];
      const office = (await platform.tenantSettings.get(tenantId))?.displayName ?? 'Maklerbüro';
      const sealed = await providerOf(request.provider).seal({
        requestId: request.id,
        title: request.title,
        documentTitle: doc.title,
        office,
        createdByName: creator?.name ?? null,
        createdAt: request.createdAt,
        source: data,
        sha256Before: request.sha256Before,
        signers: await Promise.all(
          signers.map(async (s) => ({
            name: s.name,
            email: s.email,
            fields: s.fields,
            method: s.method === 'getippt' ? ('getippt' as const) : ('gezeichnet' as const),
            typedName: s.typedName,
            image: s.signatureFileKey ? await platform.files.read(s.signatureFileKey) : null,
            viewedAt: s.viewedAt,
            signedAt: s.signedAt ?? new Date(0),
            ip: s.ip,
            userAgent: s.userAgent,
          })),
        ),
      });
      const [latest] = await withTenant((tx) =>
        tx
          .select()
          .from(documentVersion)
          .where(eq(documentVersion.documentId, doc.id))
          .orderBy(desc(documentVersion.version))
          .limit(1),
      );
      const signedVersion =
        latest?.sha256 === sealed.sha256After
          ? latest.version
          : await new DocumentService(platform).addVersion(
              { tenantId, userId: request.createdBy, db: withTenant },
              doc.id,
              sealed.pdf,
              sealedName(source.fileName),
            );
      await withTenant((tx) =>
        tx
          .update(signatureRequest)
          .set({
            status: 'abgeschlossen',
            sha256Signed: sealed.sha256Signed,
            sha256After: sealed.sha256After,
            signedVersion,
            completedAt: new Date(),
          })
          .where(eq(signatureRequest.id, request.id)),
      );
      for (const to of [...signers.map((s) => s.email), ...(creator ? [creator.email] : [])])
        await platform.mail.send({
          audience: to === creator?.email ? 'staff' : 'customer',
          tenantId,
          to,
          purpose: 'documents.signature-completed',
          subject: `Unterschrieben: ${request.title}`,
          text: [
            `Alle haben „${request.title}“ unterschrieben.`,
            '',
            'Das unterschriebene Dokument mit Unterschriftsprotokoll steht über Ihren bisherigen Link zum Herunterladen bereit.',
            `Prüfsumme (SHA-256) der Datei: ${sealed.sha256After}`,
            '',
            office,
          ].join('\n'),
        });
      if (request.createdBy)
        await platform.notifications.notify({
          tenantId,
          userIds: [request.createdBy],
          kind: 'signature_completed',
          title: `Unterschrieben: ${request.title}`,
          body: 'Alle haben unterschrieben; das versiegelte Dokument liegt als neue Version in der Akte.',
          link: `/dokumente/${doc.id}`,
          dedupeKey: `signature:${request.id}`,
          // The creator has just been mailed above, with the checksum.
          mail: false,
        });
      platform.events.emit('signature.completed', tenantId, {
        requestId: request.id,
        documentId: doc.id,
        title: request.title,
      });
      return { signedVersion, sha256After: sealed.sha256After };
    },
  });
