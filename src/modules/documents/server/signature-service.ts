import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import type { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { authUser } from '../../../platform/auth/auth.schema.js';
import type { Tx } from '../../../platform/db/database.js';
import type { TenantRequestContext } from '../../../platform/http/access-control.js';
import { AppError, badRequest, conflict, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { publicOffice } from '../../../platform/tenancy/public-office.js';
import type { DocumentCategory } from '../domain/categories.js';
import { defaultFields } from '../domain/default-fields.js';
import { hashLinkToken, looksLikeLinkToken, newLinkToken } from '../domain/link-secrets.js';
import { signatureSuitability } from '../domain/signature-suitability.js';
import { document, documentVersion, signatureRequest, signatureSigner } from '../schema.js';
import type {
  createSignatureSchema,
  PublicSigning,
  SignatureRequestView,
  signSchema,
} from '../signature-contract.js';
import type { Visitor } from './data-room-service.js';
import { fileUrl } from './document-view.js';
import { SIGNATURE_PROVIDERS } from './signature-providers.js';

type RequestRow = typeof signatureRequest.$inferSelect;
type SignerRow = typeof signatureSigner.$inferSelect;
type CreateSignature = z.infer<typeof createSignatureSchema>;
type Sign = z.infer<typeof signSchema>;

export const SEAL_SIGNATURE_JOB = 'documents.seal-signature';
export const signingUrl = (platform: Platform, token: string) => `${platform.publicUrl}/signieren/${token}`;

async function pageCountOf(data: Buffer): Promise<number> {
  try {
    return (await PDFDocument.load(data, { updateMetadata: false })).getPageCount();
  } catch {
    throw badRequest('pdf_unreadable', 'Das PDF lässt sich nicht öffnen (beschädigt oder verschlüsselt).');
  }
}

export async function signatureViews(tx: Tx, rows: RequestRow[]): Promise<SignatureRequestView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [signers, docs, creators] = await Promise.all([
    tx
      .select()
      .from(signatureSigner)
      .where(inArray(signatureSigner.requestId, ids))
      .orderBy(asc(signatureSigner.position)),
    tx
      .select({ id: document.id, title: document.title })
      .from(document)
      .where(inArray(document.id, [...new Set(rows.map((r) => r.documentId))])),
    tx
      .select({ id: authUser.id, name: authUser.name })
      .from(authUser)
      .where(
        inArray(
          authUser.id,
          rows.flatMap((r) => (r.createdBy ? [r.createdBy] : [])),
        ),
      ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    documentId: r.documentId,
    documentTitle: docs.find((d) => d.id === r.documentId)?.title ?? '',
    title: r.title,
    message: r.message,
    provider: r.provider,
    status: r.status as SignatureRequestView['status'],
    sourceVersion: r.sourceVersion,
    sha256Before: r.sha256Before,
    sha256Signed: r.sha256Signed,
    sha256After: r.sha256After,
    signedVersion: r.signedVersion,
    signedUrl: r.signedVersion ? fileUrl(r.documentId, r.signedVersion) : null,
    createdByName: creators.find((c) => c.id === r.createdBy)?.name ?? null,
    createdAt: r.createdAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
    signers: signers
      .filter((s) => s.requestId === r.id)
      .map((s) => ({
        id: s.id,
        name: s.name,
        email: s.email,
        status: s.status as 'offen' | 'unterschrieben' | 'abgelehnt',
        fields: s.fields,
        viewedAt: s.viewedAt?.toISOString() ?? null,
        signedAt: s.signedAt?.toISOString() ?? null,
        method: s.method as 'gezeichnet' | 'getippt' | null,
        ip: s.ip,
        declineReason: s.declineReason,
        mailDelivery: s.mailDelivery,
      })),
  }));
}

/** Staff side: prepare and send a PDF for signature, follow it, withdraw it. */
export class SignatureService {
  constructor(private readonly platform: Platform) {}

  async create(ctx: TenantRequestContext, input: CreateSignature, seesConfidential: boolean) {
    const source = await ctx.db(async (tx) => {
      const [row] = await tx
        .select({ doc: document, version: documentVersion })
        .from(document)
        .innerJoin(
          documentVersion,
          and(
            eq(documentVersion.documentId, document.id),
            eq(documentVersion.version, document.currentVersion),
          ),
        )
        .where(
          and(
            eq(document.id, input.documentId),
            seesConfidential ? undefined : eq(document.confidential, false),
          ),
        );
      return row;
    });
    if (!source) throw notFound('Dokument');
    if (source.version.contentType !== 'application/pdf')
      throw badRequest('not_a_pdf', 'Zur Unterschrift lassen sich nur PDF-Dokumente versenden.');
    const suitability = signatureSuitability(source.doc.category as DocumentCategory);
    if (!suitability.allowed) throw badRequest(suitability.code, suitability.reason);
    const pages = await pageCountOf(await this.platform.files.read(source.version.fileKey));
    const signers = input.signers.map((s, i) => ({
      ...s,
      fields: s.fields.length > 0 ? s.fields : defaultFields(i, pages),
      token: newLinkToken(),
    }));
    const outside = signers.flatMap((s) => s.fields).find((f) => f.page > pages);
    if (outside)
      throw badRequest(
        'field_outside_document',
        `Das PDF hat nur ${pages} Seite(n); ein Feld liegt auf Seite ${outside.page}.`,
      );
    if (!signers.every((s) => s.fields.some((f) => f.kind === 'signatur')))
      throw badRequest(
        'signature_field_missing',
        'Jede unterschreibende Person braucht ein Unterschriftsfeld.',
      );

    const title = input.title ?? source.doc.title;
    const requestId = await ctx.db(async (tx) => {
      const [request] = await tx
        .insert(signatureRequest)
        .values({
          tenantId: ctx.tenantId,
          documentId: source.doc.id,
          sourceVersion: source.version.version,
          title,
          message: input.message,
          sha256Before: source.version.sha256,
          createdBy: ctx.auth.user.id,
        })
        .returning({ id: signatureRequest.id });
      if (!request) throw new Error('signature request insert returned nothing');
      await tx.insert(signatureSigner).values(
        signers.map((s, position) => ({
          tenantId: ctx.tenantId,
          requestId: request.id,
          position,
          name: s.name,
          email: s.email,
          fields: s.fields,
          tokenHash: hashLinkToken(s.token),
        })),
      );
      await recordAudit(tx, ctx.actor, {
        entity: 'signature_request',
        entityId: request.id,
        action: 'created',
        after: { document: source.doc.title, signers: signers.map((s) => s.email) },
      });
      return request.id;
    });

    const office = (await this.platform.tenantSettings.get(ctx.tenantId))?.displayName ?? 'Ihr Maklerbüro';
    const rows = await ctx.db((tx) =>
      tx
        .select()
        .from(signatureSigner)
        .where(eq(signatureSigner.requestId, requestId))
        .orderBy(asc(signatureSigner.position)),
    );
    const links = [];
    for (const [i, signer] of signers.entries()) {
      const url = signingUrl(this.platform, signer.token);
      const receipt = await this.platform.mail.send({
        audience: 'customer',
        tenantId: ctx.tenantId,
        to: signer.email,
        purpose: 'documents.signature-request',
        subject: `Bitte unterschreiben: ${title}`,
        text: [
          `Guten Tag ${signer.name},`,
          '',
          input.message ??
            `${ctx.auth.user.name} von ${office} bittet Sie, „${title}“ elektronisch zu unterschreiben.`,
          '',
          'Sie können das Dokument über diesen persönlichen Link lesen und unterschreiben:',
          url,
          '',
          'Bitte leiten Sie den Link nicht weiter – er gilt nur für Sie.',
          '',
          'Mit freundlichen Grüßen',
          ctx.auth.user.name,
          office,
        ].join('\n'),
      });
      const row = rows[i];
      if (row) {
        await ctx.db((tx) =>
          tx
            .update(signatureSigner)
            .set({ mailDelivery: receipt.delivery })
            .where(eq(signatureSigner.id, row.id)),
        );
        links.push({ signerId: row.id, name: row.name, url });
      }
    }
    return { requestId, links };
  }

  async list(ctx: TenantRequestContext, filter: { documentId?: string; id?: string }) {
    return ctx.db(async (tx) =>
      signatureViews(
        tx,
        await tx
          .select()
          .from(signatureRequest)
          .where(
            and(
              filter.documentId ? eq(signatureRequest.documentId, filter.documentId) : undefined,
              filter.id ? eq(signatureRequest.id, filter.id) : undefined,
            ),
          )
          .orderBy(desc(signatureRequest.createdAt))
          .limit(200),
      ),
    );
  }

  async cancel(ctx: TenantRequestContext, id: string): Promise<void> {
    await ctx.db(async (tx) => {
      const [row] = await tx.select().from(signatureRequest).where(eq(signatureRequest.id, id)).for('update');
      if (!row) throw notFound('Unterschriftsvorgang');
      if (row.status !== 'offen')
        throw conflict('signature_not_open', 'Nur ein offener Vorgang kann zurückgezogen werden.');
      await tx.update(signatureRequest).set({ status: 'zurueckgezogen' }).where(eq(signatureRequest.id, id));
      await recordAudit(tx, ctx.actor, { entity: 'signature_request', entityId: id, action: 'cancelled' });
    });
  }

  /** Whether a PDF is, byte for byte, a document sealed here. */
  async verify(ctx: TenantRequestContext, sha256: string) {
    return ctx.db(async (tx) => {
      const rows = await tx.select().from(signatureRequest).where(eq(signatureRequest.sha256After, sha256));
      return (await signatureViews(tx, rows))[0] ?? null;
    });
  }
}

const alreadyDone = () =>
  conflict('already_done', 'Dieses Dokument wurde bereits unterschrieben oder der Vorgang ist beendet.');

/**
 * Locks the request and checks that both it and this signer are still open: one signature
 * or refusal at a time per request, so the last signature is counted exactly once.
 */
async function lockOpen(tx: Tx, requestId: string, signerId: string): Promise<void> {
  const [locked] = await tx
    .select()
    .from(signatureRequest)
    .where(eq(signatureRequest.id, requestId))
    .for('update');
  const [current] = await tx.select().from(signatureSigner).where(eq(signatureSigner.id, signerId));
  if (locked?.status !== 'offen' || current?.status !== 'offen') throw alreadyDone();
}

/** Signer side: the personal link's token is the only key. */
export class PublicSigningService {
  constructor(private readonly platform: Platform) {}

  private async find(token: string): Promise<{ signer: SignerRow; request: RequestRow }> {
    if (!looksLikeLinkToken(token)) throw notFound('Unterschriftslink');
    // Looked up without a tenant: the token is the key; all else runs under the request's tenant.
    const [row] = await this.platform.database.db
      .select({ signer: signatureSigner, request: signatureRequest })
      .from(signatureSigner)
      .innerJoin(signatureRequest, eq(signatureRequest.id, signatureSigner.requestId))
      .where(eq(signatureSigner.tokenHash, hashLinkToken(token)));
    if (!row) throw notFound('Unterschriftslink');
    if (row.request.status === 'zurueckgezogen')
      throw new AppError(
        410,
        'signature_cancelled',
        'Der Makler hat diese Unterschriftsanfrage zurückgezogen.',
      );
    return row;
  }

  async view(token: string): Promise<PublicSigning> {
    const { signer, request } = await this.find(token);
    const tx = <T>(fn: (tx: Tx) => Promise<T>) => this.platform.database.withTenant(request.tenantId, fn);
    if (!signer.viewedAt)
      await tx((t) =>
        t.update(signatureSigner).set({ viewedAt: new Date() }).where(eq(signatureSigner.id, signer.id)),
      );
    const [others, [doc], settings] = await Promise.all([
      tx((t) =>
        t
          .select({ id: signatureSigner.id, name: signatureSigner.name, status: signatureSigner.status })
          .from(signatureSigner)
          .where(eq(signatureSigner.requestId, request.id))
          .orderBy(asc(signatureSigner.position)),
      ),
      tx((t) =>
        t.select({ title: document.title }).from(document).where(eq(document.id, request.documentId)),
      ),
      this.platform.tenantSettings.get(request.tenantId),
    ]);
    const base = `/api/documents/public/sign/${token}`;
    return {
      title: request.title,
      message: request.message,
      documentTitle: doc?.title ?? request.title,
      office: publicOffice(settings, this.platform.publicUrl),
      signer: {
        name: signer.name,
        email: signer.email,
        status: signer.status as PublicSigning['signer']['status'],
        signedAt: signer.signedAt?.toISOString() ?? null,
      },
      requestStatus: request.status as PublicSigning['requestStatus'],
      fields: signer.fields,
      others: others
        .filter((o) => o.id !== signer.id)
        .map((o) => ({ name: o.name, status: o.status as PublicSigning['signer']['status'] })),
      documentUrl: `${base}/document`,
      signedUrl: request.status === 'abgeschlossen' ? `${base}/signed` : null,
    };
  }

  /** The PDF to read before signing, or — once all have signed — the sealed one. */
  async file(token: string, which: 'document' | 'signed') {
    const { request } = await this.find(token);
    const version = which === 'signed' ? request.signedVersion : request.sourceVersion;
    if (which === 'signed' && request.status !== 'abgeschlossen')
      throw conflict('not_sealed_yet', 'Das unterschriebene Dokument ist noch nicht fertig.');
    const [row] = await this.platform.database.withTenant(request.tenantId, (tx) =>
      tx
        .select()
        .from(documentVersion)
        .where(
          and(eq(documentVersion.documentId, request.documentId), eq(documentVersion.version, version ?? 0)),
        ),
    );
    if (!row) throw notFound('Dokument');
    return { data: await this.platform.files.read(row.fileKey), fileName: row.fileName, sha256: row.sha256 };
  }

  async sign(token: string, body: Sign, visitor: Visitor): Promise<void> {
    const { signer, request } = await this.find(token);
    let image: Buffer | null = null;
    if (body.method === 'gezeichnet' && body.image) {
      image = Buffer.from(body.image.slice(body.image.indexOf(',') + 1), 'base64');
      const meta = await sharp(image)
        .metadata()
        .catch(() => null);
      if (meta?.format !== 'png' || !meta.width || !meta.height || meta.width > 3000 || meta.height > 1500)
        throw badRequest('signature_image_invalid', 'Die gezeichnete Unterschrift ist kein gültiges Bild.');
      const { channels } = await sharp(image).stats();
      // A blank pad has no ink: every pixel fully transparent.
      if ((channels[3]?.max ?? 255) === 0)
        throw badRequest('signature_empty', 'Bitte zeichnen Sie zuerst Ihre Unterschrift.');
    }
    if (signer.status !== 'offen' || request.status !== 'offen') throw alreadyDone();
    // A fresh key per attempt: a late or repeated request can never overwrite a signature on file.
    const imageKey = image
      ? `tenants/${request.tenantId}/signatures/${request.id}/${randomUUID()}.png`
      : null;
    if (image && imageKey) await this.platform.files.put(imageKey, image);
    const allSigned = await this.platform.database
      .withTenant(request.tenantId, async (tx) => {
        await lockOpen(tx, request.id, signer.id);
        await tx
          .update(signatureSigner)
          .set({
            status: 'unterschrieben',
            signedAt: new Date(),
            method: body.method,
            typedName: body.method === 'getippt' ? (body.typedName ?? null) : null,
            signatureFileKey: imageKey,
            ip: visitor.ip,
            userAgent: visitor.userAgent.slice(0, 500),
          })
          .where(eq(signatureSigner.id, signer.id));
        const [open] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(signatureSigner)
          .where(and(eq(signatureSigner.requestId, request.id), eq(signatureSigner.status, 'offen')));
        if ((open?.n ?? 0) > 0) return false;
        await tx
          .update(signatureRequest)
          .set({ status: 'wird_versiegelt' })
          .where(eq(signatureRequest.id, request.id));
        return true;
      })
      .catch(async (error: unknown) => {
        if (imageKey) await this.platform.files.delete(imageKey);
        throw error;
      });
    if (allSigned)
      await this.platform.jobs.enqueue(
        SEAL_SIGNATURE_JOB,
        { requestId: request.id },
        { tenantId: request.tenantId, key: request.id, createdBy: request.createdBy ?? undefined },
      );
  }

  async decline(token: string, reason: string, visitor: Visitor): Promise<void> {
    const { signer, request } = await this.find(token);
    await this.platform.database.withTenant(request.tenantId, async (tx) => {
      await lockOpen(tx, request.id, signer.id);
      await tx
        .update(signatureSigner)
        .set({
          status: 'abgelehnt',
          declineReason: reason,
          ip: visitor.ip,
          userAgent: visitor.userAgent.slice(0, 500),
        })
        .where(eq(signatureSigner.id, signer.id));
      await tx
        .update(signatureRequest)
        .set({ status: 'abgelehnt' })
        .where(eq(signatureRequest.id, request.id));
    });
    const creator = request.createdBy
      ? (await this.platform.database.db.select().from(authUser).where(eq(authUser.id, request.createdBy)))[0]
      : undefined;
    if (creator)
      await this.platform.mail.send({
        audience: 'staff',
        tenantId: request.tenantId,
        to: creator.email,
        purpose: 'documents.signature-declined',
        subject: `Unterschrift abgelehnt: ${request.title}`,
        text: `${signer.name} hat die Unterschrift unter „${request.title}“ abgelehnt.\n\nBegründung: ${reason}`,
      });
  }
}

export const providerOf = (id: string) => {
  const provider = SIGNATURE_PROVIDERS.get(id);
  if (!provider) throw new Error(`unknown signature provider ${id}`);
  return provider;
};
