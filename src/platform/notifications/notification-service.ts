import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { authUser, tenantMember } from '../auth/auth.schema.js';
import type { Database } from '../db/database.js';
import type { MailService } from '../mail/mail-service.js';
import { NOTIFICATION_KINDS, type NotificationKind } from './notification-kinds.js';
import { notification, notificationPreference } from './notifications.schema.js';

export interface NotificationRequest {
  tenantId: string;
  userIds: readonly string[];
  kind: NotificationKind;
  title: string;
  body?: string;
  /** An app path such as `/projekte/…`; the e-mail links to it on the public address. */
  link?: string | null;
  /** Who caused it; never notified about their own action. */
  actorId?: string | null;
  actorName?: string | null;
  /** Same key, same user: only the first one is kept (and mailed). */
  dedupeKey?: string | null;
  detail?: Record<string, unknown>;
  /** False when the module has mailed the recipients itself (with more than a notice carries). */
  mail?: boolean;
}

/**
 * The notification centre as a platform service: modules publish, users read in the bell and,
 * per kind, by e-mail through the outbox. Recipients must be members of the office.
 */
export class NotificationService {
  constructor(
    private readonly database: Database,
    private readonly mail: MailService,
    private readonly publicUrl: string,
    private readonly logger: Logger,
  ) {}

  /** Returns the ids of the users that got a new notification. */
  async notify(request: NotificationRequest): Promise<string[]> {
    const wanted = [...new Set(request.userIds)].filter((id) => id && id !== request.actorId);
    if (wanted.length === 0) return [];
    const created = await this.database.withTenant(request.tenantId, async (tx) => {
      const members = await tx
        .select({ userId: tenantMember.userId })
        .from(tenantMember)
        .where(and(eq(tenantMember.organizationId, request.tenantId), inArray(tenantMember.userId, wanted)));
      if (members.length === 0) return [];
      return tx
        .insert(notification)
        .values(
          members.map((m) => ({
            tenantId: request.tenantId,
            userId: m.userId,
            kind: request.kind,
            title: request.title,
            body: request.body ?? '',
            link: request.link ?? null,
            actorName: request.actorName ?? null,
            dedupeKey: request.dedupeKey ?? null,
            detail: request.detail ?? {},
          })),
        )
        .onConflictDoNothing()
        .returning({ userId: notification.userId });
    });
    const userIds = created.map((row) => row.userId);
    if (request.mail === false) return userIds;
    await this.mailThose(request, userIds).catch((error: unknown) =>
      this.logger.warn({ err: error, kind: request.kind }, 'notification mail failed'),
    );
    return userIds;
  }

  private async mailThose(request: NotificationRequest, userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    const preferences = await this.database.withTenant(request.tenantId, (tx) =>
      tx
        .select()
        .from(notificationPreference)
        .where(
          and(eq(notificationPreference.kind, request.kind), inArray(notificationPreference.userId, userIds)),
        ),
    );
    const choice = new Map(preferences.map((p) => [p.userId, p.email]));
    const byDefault = NOTIFICATION_KINDS[request.kind].emailByDefault;
    const recipients = userIds.filter((id) => choice.get(id) ?? byDefault);
    if (recipients.length === 0) return;
    const users = await this.database.db
      .select({ id: authUser.id, email: authUser.email, name: authUser.name })
      .from(authUser)
      .where(inArray(authUser.id, recipients));
    for (const user of users) {
      const lines = [
        `Hallo ${user.name},`,
        '',
        request.title,
        ...(request.body ? ['', request.body] : []),
        ...(request.link ? ['', `Öffnen: ${this.publicUrl}${request.link}`] : []),
        '',
        'Welche Benachrichtigungen Sie per E-Mail erhalten, stellen Sie in Ihrem Profil ein.',
      ];
      await this.mail.send({
        to: user.email,
        subject: request.title,
        text: lines.join('\n'),
        purpose: `notification.${request.kind}`,
        tenantId: request.tenantId,
        audience: 'staff',
      });
    }
  }

  async unreadCount(tenantId: string, userId: string): Promise<number> {
    const [row] = await this.database.withTenant(tenantId, (tx) =>
      tx
        .select({ n: sql<number>`count(*)::int` })
        .from(notification)
        .where(and(eq(notification.userId, userId), isNull(notification.readAt))),
    );
    return row?.n ?? 0;
  }
}
