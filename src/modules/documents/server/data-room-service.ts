import { and, count, desc, eq, gt, inArray, isNull, max } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { authUser } from '../../../platform/auth/auth.schema.js';
import type { Tx } from '../../../platform/db/database.js';
import type { TenantRequestContext } from '../../../platform/http/access-control.js';
import { AppError, badRequest, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { publicOffice } from '../../../platform/tenancy/public-office.js';
import type { createShareSchema, PublicRoom, ShareView } from '../data-room-contract.js';
import type { DocumentCategory } from '../domain/categories.js';
import {
  grantIsValid,
  hashLinkToken,
  hashSharePassword,
  issueGrant,
  looksLikeLinkToken,
  newLinkToken,
  verifySharePassword,
} from '../domain/link-secrets.js';
import {
  document,
  documentShare,
  documentShareAccess,
  documentShareItem,
  documentVersion,
} from '../schema.js';
import { watermark } from './watermark.js';

type ShareRow = typeof documentShare.$inferSelect;
type CreateShare = z.infer<typeof createShareSchema>;
/** Wrong passwords per link within the window before the link waits out the window. */
const MAX_WRONG_PASSWORDS = 10;
const UNLOCK_WINDOW_MS = 15 * 60_000;

type Outcome = 'geoeffnet' | 'heruntergeladen' | 'passwort_falsch' | 'abgelaufen' | 'widerrufen';
export interface Visitor {
  ip: string;
  userAgent: string;
}

/** Who opened a public link, for the access log and the audit page. */
export const visitorOf = (request: { ip: string; headers: Record<string, unknown> }): Visitor => ({
  ip: request.ip,
  userAgent: String(request.headers['user-agent'] ?? ''),
});

/** After the password, downloads work without it for this long. */
const GRANT_VALIDITY_MS = 60 * 60_000;

export const shareStatus = (row: Pick<ShareRow, 'revokedAt' | 'expiresAt'>, now = new Date()) =>
  row.revokedAt ? 'widerrufen' : row.expiresAt < now ? 'abgelaufen' : 'aktiv';

export const dataRoomUrl = (platform: Platform, token: string) => `${platform.publicUrl}/datenraum/${token}`;

/** Staff side: create, list, revoke data-room links and read their access log. */
export class DataRoomService {
  constructor(private readonly platform: Platform) {}

  async create(
    ctx: TenantRequestContext,
    input: CreateShare,
    mayShareConfidential: boolean,
  ): Promise<{ shareId: string; url: string; delivery: 'queued' | 'offline' | 'not_sent' }> {
    const token = newLinkToken();
    const expiresAt = new Date(Date.now() + input.validDays * 86_400_000);
    const ids = [...new Set(input.documentIds)];
    const shareId = await ctx.db(async (tx) => {
      const docs = await tx
        .select({ id: document.id, title: document.title, confidential: document.confidential })
        .from(document)
        .where(inArray(document.id, ids));
      const visible = docs.filter((d) => mayShareConfidential || !d.confidential);
      if (visible.length !== ids.length)
        throw badRequest(
          'unknown_documents',
          'Nicht alle gewählten Dokumente gibt es (noch) oder dürfen geteilt werden.',
        );
      const [share] = await tx
        .insert(documentShare)
        .values({
          tenantId: ctx.tenantId,
          propertyId: input.propertyId,
          title: `Datenraum für ${input.recipientName}`,
          recipientName: input.recipientName,
          recipientEmail: input.recipientEmail,
          tokenHash: hashLinkToken(token),
          expiresAt,
          passwordHash: input.password ? hashSharePassword(input.password) : null,
          watermark: input.watermark,
          createdBy: ctx.auth.user.id,
        })
        .returning({ id: documentShare.id });
      if (!share) throw new Error('share insert returned nothing');
      await tx.insert(documentShareItem).values(
        ids.map((documentId, position) => ({
          tenantId: ctx.tenantId,
          shareId: share.id,
          documentId,
          position,
        })),
      );
      await recordAudit(tx, ctx.actor, {
        entity: 'document_share',
        entityId: share.id,
        action: 'created',
        after: {
          recipientName: input.recipientName,
          documents: ids.length,
          validDays: input.validDays,
          password: Boolean(input.password),
          watermark: input.watermark,
        },
      });
      return share.id;
    });
    const url = dataRoomUrl(this.platform, token);
    if (!input.sendEmail || !input.recipientEmail) return { shareId, url, delivery: 'not_sent' };
    const settings = await this.platform.tenantSettings.get(ctx.tenantId);
    const office = settings?.displayName ?? 'Ihr Maklerbüro';
    const receipt = await this.platform.mail.send({
      audience: 'customer',
      tenantId: ctx.tenantId,
      to: input.recipientEmail,
      purpose: 'documents.data-room',
      subject: `Unterlagen für Sie: Datenraum von ${office}`,
      text: [
        `Guten Tag ${input.recipientName},`,
        '',
        input.message ?? 'wie besprochen stellen wir Ihnen die Unterlagen in einem Datenraum bereit:',
        '',
        url,
        '',
        `Der Link ist bis ${expiresAt.toLocaleDateString('de-DE')} gültig.${
          input.password ? ' Das Passwort erhalten Sie auf einem anderen Weg von uns.' : ''
        }${input.watermark ? ' Die Dokumente tragen ein Wasserzeichen mit Ihrem Namen.' : ''}`,
        '',
        'Mit freundlichen Grüßen',
        ctx.auth.user.name,
        office,
      ].join('\n'),
    });
    return { shareId, url, delivery: receipt.delivery };
  }

  async list(
    ctx: TenantRequestContext,
    filter: { propertyId?: string; shareId?: string },
  ): Promise<ShareView[]> {
    return ctx.db(async (tx) => {
      const rows = await tx
        .select({ share: documentShare, createdByName: authUser.name })
        .from(documentShare)
        .leftJoin(authUser, eq(authUser.id, documentShare.createdBy))
        .where(
          and(
            filter.propertyId ? eq(documentShare.propertyId, filter.propertyId) : undefined,
            filter.shareId ? eq(documentShare.id, filter.shareId) : undefined,
          ),
        )
        .orderBy(desc(documentShare.createdAt))
        .limit(200);
      if (rows.length === 0) return [];
      const shareIds = rows.map((r) => r.share.id);
      const [items, stats] = await Promise.all([
        tx
          .select({
            shareId: documentShareItem.shareId,
            id: document.id,
            title: document.title,
            category: document.category,
          })
          .from(documentShareItem)
          .innerJoin(document, eq(document.id, documentShareItem.documentId))
          .where(inArray(documentShareItem.shareId, shareIds))
          .orderBy(documentShareItem.position),
        tx
          .select({ shareId: documentShareAccess.shareId, n: count(), last: max(documentShareAccess.at) })
          .from(documentShareAccess)
          .where(
            and(
              inArray(documentShareAccess.shareId, shareIds),
              inArray(documentShareAccess.outcome, ['geoeffnet', 'heruntergeladen']),
            ),
          )
          .groupBy(documentShareAccess.shareId),
      ]);
      return rows.map(({ share, createdByName }) => {
        const stat = stats.find((s) => s.shareId === share.id);
        return {
          id: share.id,
          propertyId: share.propertyId,
          title: share.title,
          recipientName: share.recipientName,
          recipientEmail: share.recipientEmail,
          status: shareStatus(share),
          expiresAt: share.expiresAt.toISOString(),
          hasPassword: Boolean(share.passwordHash),
          watermark: share.watermark,
          documents: items
            .filter((i) => i.shareId === share.id)
            .map(({ id, title, category }) => ({ id, title, category: category as DocumentCategory })),
          accessCount: stat?.n ?? 0,
          lastAccessAt: stat?.last ? new Date(stat.last).toISOString() : null,
          createdByName,
          createdAt: share.createdAt.toISOString(),
          revokedAt: share.revokedAt?.toISOString() ?? null,
        };
      });
    });
  }

  async revoke(ctx: TenantRequestContext, shareId: string): Promise<void> {
    await ctx.db(async (tx) => {
      const [row] = await tx
        .update(documentShare)
        .set({ revokedAt: new Date(), revokedBy: ctx.auth.user.id })
        .where(and(eq(documentShare.id, shareId), isNull(documentShare.revokedAt)))
        .returning({ id: documentShare.id });
      if (!row) {
        const [exists] = await tx
          .select({ id: documentShare.id })
          .from(documentShare)
          .where(eq(documentShare.id, shareId));
        if (!exists) throw notFound('Freigabe');
        return;
      }
      await recordAudit(tx, ctx.actor, { entity: 'document_share', entityId: shareId, action: 'revoked' });
    });
  }

  async accessLog(ctx: TenantRequestContext, shareId: string) {
    return ctx.db(async (tx) => {
      const [share] = await tx
        .select({ id: documentShare.id })
        .from(documentShare)
        .where(eq(documentShare.id, shareId));
      if (!share) throw notFound('Freigabe');
      const rows = await tx
        .select({ access: documentShareAccess, documentTitle: document.title })
        .from(documentShareAccess)
        .leftJoin(document, eq(document.id, documentShareAccess.documentId))
        .where(eq(documentShareAccess.shareId, shareId))
        .orderBy(desc(documentShareAccess.at))
        .limit(500);
      return rows.map(({ access, documentTitle }) => ({
        at: access.at.toISOString(),
        outcome: access.outcome as Outcome,
        documentTitle,
        ip: access.ip,
        userAgent: access.userAgent,
      }));
    });
  }
}

/** Visitor side: the link's token is all the visitor has; every use is logged, refusals included. */
export class PublicDataRoom {
  constructor(private readonly platform: Platform) {}

  /** 404 for a token nobody issued; 410 (logged) for a link that ended. */
  private async open(token: string, visitor: Visitor): Promise<ShareRow> {
    if (!looksLikeLinkToken(token)) throw notFound('Datenraum');
    // Looked up without a tenant: the token is the key. Everything after runs under the share's tenant.
    const [share] = await this.platform.database.db
      .select()
      .from(documentShare)
      .where(eq(documentShare.tokenHash, hashLinkToken(token)));
    if (!share) {
      this.platform.logger.info({ ip: visitor.ip }, 'data room: unknown link');
      throw notFound('Datenraum');
    }
    const status = shareStatus(share);
    if (status !== 'aktiv') {
      await this.log(share, visitor, status === 'widerrufen' ? 'widerrufen' : 'abgelaufen', null);
      throw status === 'widerrufen'
        ? new AppError(410, 'share_revoked', 'Dieser Datenraum wurde vom Makler geschlossen.')
        : new AppError(
            410,
            'share_expired',
            'Dieser Link ist abgelaufen. Bitte fragen Sie beim Makler einen neuen an.',
          );
    }
    return share;
  }

  private requireGrant(share: ShareRow, grant: string | undefined) {
    if (share.passwordHash && !(grant && grantIsValid(grant, share.id, share.passwordHash)))
      throw new AppError(401, 'password_required', 'Dieser Datenraum ist mit einem Passwort geschützt.');
  }

  private log(share: ShareRow, visitor: Visitor, outcome: Outcome, documentId: string | null) {
    return this.platform.database.withTenant(share.tenantId, (tx) =>
      tx.insert(documentShareAccess).values({
        tenantId: share.tenantId,
        shareId: share.id,
        documentId,
        outcome,
        ip: visitor.ip,
        userAgent: visitor.userAgent.slice(0, 500),
      }),
    );
  }

  async unlock(token: string, password: string, visitor: Visitor): Promise<{ grant: string }> {
    const share = await this.open(token, visitor);
    if (!share.passwordHash) return { grant: '' };
    // Per link, whatever the address: guessing from many addresses is slowed just the same.
    const [recent] = await this.platform.database.withTenant(share.tenantId, (tx) =>
      tx
        .select({ failures: count(), last: max(documentShareAccess.at) })
        .from(documentShareAccess)
        .where(
          and(
            eq(documentShareAccess.shareId, share.id),
            eq(documentShareAccess.outcome, 'passwort_falsch'),
            gt(documentShareAccess.at, new Date(Date.now() - UNLOCK_WINDOW_MS)),
          ),
        ),
    );
    if ((recent?.failures ?? 0) >= MAX_WRONG_PASSWORDS && recent?.last) {
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil((recent.last.getTime() + UNLOCK_WINDOW_MS - Date.now()) / 1000),
      );
      throw new AppError(
        429,
        'data_room_locked',
        `Zu viele falsche Passwörter für diesen Link. Bitte in ${Math.ceil(retryAfterSeconds / 60)} Minuten erneut versuchen oder den Makler fragen.`,
        { retryAfterSeconds },
      );
    }
    if (!verifySharePassword(password, share.passwordHash)) {
      await this.log(share, visitor, 'passwort_falsch', null);
      throw new AppError(401, 'password_wrong', 'Das Passwort stimmt nicht.');
    }
    return { grant: issueGrant(share.id, share.passwordHash, GRANT_VALIDITY_MS) };
  }

  async room(token: string, grant: string | undefined, visitor: Visitor): Promise<PublicRoom> {
    const share = await this.open(token, visitor);
    this.requireGrant(share, grant);
    const docs = await this.platform.database.withTenant(share.tenantId, (tx) =>
      sharedDocuments(tx, share.id),
    );
    await this.log(share, visitor, 'geoeffnet', null);
    if (share.createdBy)
      await this.platform.notifications.notify({
        tenantId: share.tenantId,
        userIds: [share.createdBy],
        kind: 'data_room_access',
        title: `${share.recipientName} hat den Datenraum „${share.title}“ geöffnet`,
        link: share.propertyId ? `/objekte/${share.propertyId}?tab=documents` : '/dokumente',
        // One notice per data room and day, however often it is opened.
        dedupeKey: `data_room:${share.id}:${new Date().toISOString().slice(0, 10)}`,
      });
    const settings = await this.platform.tenantSettings.get(share.tenantId);
    const suffix = grant ? `?grant=${encodeURIComponent(grant)}` : '';
    return {
      title: share.title,
      recipientName: share.recipientName,
      office: publicOffice(settings, this.platform.publicUrl),
      expiresAt: share.expiresAt.toISOString(),
      watermark: share.watermark,
      documents: docs.map((d) => ({
        id: d.id,
        title: d.title,
        category: d.category as DocumentCategory,
        fileName: d.fileName,
        contentType: d.contentType,
        sizeBytes: d.sizeBytes,
        url: `/api/documents/public/data-room/${token}/files/${d.id}${suffix}`,
      })),
    };
  }

  async download(token: string, documentId: string, grant: string | undefined, visitor: Visitor) {
    const share = await this.open(token, visitor);
    this.requireGrant(share, grant);
    const docs = await this.platform.database.withTenant(share.tenantId, (tx) =>
      sharedDocuments(tx, share.id),
    );
    const doc = docs.find((d) => d.id === documentId);
    if (!doc) throw notFound('Dokument');
    const original = await this.platform.files.read(doc.fileKey);
    const day = new Date().toLocaleDateString('de-DE');
    const marked = share.watermark
      ? await watermark(original, doc.contentType, `Vertraulich – für ${share.recipientName} – ${day}`)
      : { data: original, marked: false };
    await this.log(share, visitor, 'heruntergeladen', doc.id);
    return { ...doc, data: marked.data, watermarked: marked.marked };
  }
}

/** The current version of each shared document, in the order the broker chose. */
function sharedDocuments(tx: Tx, shareId: string) {
  return tx
    .select({
      id: document.id,
      title: document.title,
      category: document.category,
      fileName: documentVersion.fileName,
      contentType: documentVersion.contentType,
      sizeBytes: documentVersion.sizeBytes,
      fileKey: documentVersion.fileKey,
    })
    .from(documentShareItem)
    .innerJoin(document, eq(document.id, documentShareItem.documentId))
    .innerJoin(
      documentVersion,
      and(eq(documentVersion.documentId, document.id), eq(documentVersion.version, document.currentVersion)),
    )
    .where(eq(documentShareItem.shareId, shareId))
    .orderBy(documentShareItem.position);
}
