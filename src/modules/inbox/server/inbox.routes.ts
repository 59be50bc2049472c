import { and, count, desc, eq, isNull, or, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { AppError, forbidden, notFound } from '../../../platform/http/app-error.js';
import { assertOutboundUrl } from '../../../platform/http/outbound-url.js';
import type { Platform } from '../../../platform/kernel.js';
import { inboxMailbox, inboxMessage, MESSAGE_OUTCOMES } from '../schema.js';
import { fetchMailbox, MailboxError, mailboxAad, probeMailbox } from './imap-fetch.js';

const mailboxView = z.object({
  id: z.string().uuid(),
  label: z.string(),
  office: z.boolean(),
  imapHost: z.string(),
  imapPort: z.number().int(),
  imapTls: z.boolean(),
  username: z.string(),
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

const messageView = z.object({
  id: z.string().uuid(),
  mailboxId: z.string().uuid(),
  fromAddress: z.string(),
  fromName: z.string(),
  subject: z.string(),
  receivedAt: z.string(),
  outcome: z.enum(MESSAGE_OUTCOMES),
  portal: z.string().nullable(),
  reason: z.string().nullable(),
  contactId: z.string().uuid().nullable(),
  propertyId: z.string().uuid().nullable(),
});

const connectInput = z.object({
  label: z.string().trim().min(1, 'Bitte einen Namen für das Postfach angeben.').max(100),
  imapHost: z
    .string()
    .trim()
    .min(1, 'Bitte den IMAP-Server angeben.')
    .max(253)
    .regex(/^[A-Za-z0-9.-]+$/, 'Bitte nur den Servernamen angeben, ohne imap:// und Pfad.'),
  imapPort: z.number().int().min(1).max(65535).default(993),
  imapTls: z.boolean().default(true),
  username: z.string().trim().min(1, 'Bitte den Benutzernamen angeben.').max(200),
  password: z.string().min(1, 'Bitte das Passwort angeben.').max(500),
  /** An office mailbox (info@…) is shared; otherwise it is the signed-in user's own. */
  office: z.boolean().default(false),
  /** Take in the mail of the last N days as well; 0 = only mail arriving from now on. */
  sinceDays: z.number().int().min(0).max(60).default(0),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const messageOf = (m: typeof inboxMessage.$inferSelect): z.infer<typeof messageView> => ({
  id: m.id,
  mailboxId: m.mailboxId,
  fromAddress: m.fromAddress,
  fromName: m.fromName,
  subject: m.subject,
  receivedAt: m.receivedAt.toISOString(),
  outcome: m.outcome,
  portal: m.portal,
  reason: m.reason,
  contactId: m.contactId,
  propertyId: m.propertyId,
});

/** Mailboxes (IMAP) and what came in through them. */
export const inboxRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  /** Office mailboxes for everyone with inbox.read; a personal one only for its owner. */
  const visible = (userId: string): SQL => or(isNull(inboxMailbox.userId), eq(inboxMailbox.userId, userId))!;

  app.get(
    '/mailboxes',
    {
      config: { access: { permission: 'inbox.read' } },
      schema: {
        tags: ['inbox'],
        summary: 'The office’s and the user’s own mailboxes',
        response: { 200: z.object({ items: z.array(mailboxView) }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const rows = await ctx.db((tx) =>
        tx.select().from(inboxMailbox).where(visible(ctx.auth.user.id)).orderBy(inboxMailbox.createdAt),
      );
      return {
        items: rows.map((m) => ({
          id: m.id,
          label: m.label,
          office: m.userId === null,
          imapHost: m.imapHost,
          imapPort: m.imapPort,
          imapTls: m.imapTls,
          username: m.username,
          lastSyncAt: iso(m.lastSyncAt),
          lastError: m.lastError,
        })),
      };
    },
  );

  app.post(
    '/mailboxes',
    {
      config: { access: { permission: 'inbox.write' } },
      schema: {
        tags: ['inbox'],
        summary: 'Connect a mailbox by IMAP; the login is tested first and the password stored encrypted',
        body: connectInput,
        response: { 201: z.object({ id: z.string().uuid() }) },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const input = request.body;
      if (input.office && !platform.permissions.allows(ctx.auth.role, 'inbox.manage'))
        throw forbidden('Ein Büro-Postfach dürfen nur Inhaber und Administratoren verbinden.');
      await assertOutboundUrl(`http://${input.imapHost}`, {
        allowPrivate: platform.config.env.INTEGRATIONS_ALLOW_PRIVATE_ENDPOINTS,
        field: 'imapHost',
        privateSetting: 'INTEGRATIONS_ALLOW_PRIVATE_ENDPOINTS',
      });
      let start: { uidValidity: string; lastUid: number };
      try {
        start = await probeMailbox(
          {
            host: input.imapHost,
            port: input.imapPort,
            tls: input.imapTls,
            username: input.username,
            password: input.password,
          },
          input.sinceDays,
        );
      } catch (error) {
        if (error instanceof MailboxError) throw new AppError(422, 'mailbox_refused', error.message);
        throw error;
      }
      const id = crypto.randomUUID();
      await ctx.db(async (tx) => {
        await tx.insert(inboxMailbox).values({
          id,
          tenantId: ctx.tenantId,
          userId: input.office ? null : ctx.auth.user.id,
          label: input.label,
          imapHost: input.imapHost,
          imapPort: input.imapPort,
          imapTls: input.imapTls,
          username: input.username,
          secretSealed: platform.secretBox.encrypt(input.password, mailboxAad(id)),
          uidValidity: start.uidValidity,
          lastUid: start.lastUid,
        });
        await recordAudit(tx, ctx.actor, {
          entity: 'inbox_mailbox',
          entityId: id,
          action: 'connected',
          after: { label: input.label, host: input.imapHost, office: input.office },
        });
      });
      return reply.status(201).send({ id });
    },
  );

  const ownMailbox = async (ctx: ReturnType<typeof tenantContext>, id: string) => {
    const [box] = await ctx.db((tx) =>
      tx
        .select()
        .from(inboxMailbox)
        .where(and(eq(inboxMailbox.id, id), visible(ctx.auth.user.id))),
    );
    if (!box) throw notFound('Postfach');
    return box;
  };

  app.post(
    '/mailboxes/:mailboxId/fetch',
    {
      config: { access: { permission: 'inbox.write' } },
      schema: {
        tags: ['inbox'],
        summary: 'Fetch new mail now (also runs every minute on its own)',
        params: z.object({ mailboxId: z.string().uuid() }),
        response: {
          200: z.object({
            read: z.number().int(),
            inquiries: z.number().int(),
            unreadable: z.number().int(),
          }),
        },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const box = await ownMailbox(ctx, request.params.mailboxId);
      try {
        return await fetchMailbox(platform, ctx.tenantId, box.id);
      } catch (error) {
        if (error instanceof MailboxError) throw new AppError(502, 'mailbox_unreachable', error.message);
        throw error;
      }
    },
  );

  app.delete(
    '/mailboxes/:mailboxId',
    {
      config: { access: { permission: 'inbox.write' } },
      schema: {
        tags: ['inbox'],
        summary: 'Disconnect a mailbox; mail already taken in stays',
        params: z.object({ mailboxId: z.string().uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const box = await ownMailbox(ctx, request.params.mailboxId);
      if (box.userId === null && !platform.permissions.allows(ctx.auth.role, 'inbox.manage'))
        throw forbidden('Ein Büro-Postfach dürfen nur Inhaber und Administratoren trennen.');
      await ctx.db(async (tx) => {
        await tx.delete(inboxMailbox).where(eq(inboxMailbox.id, box.id));
        await recordAudit(tx, ctx.actor, {
          entity: 'inbox_mailbox',
          entityId: box.id,
          action: 'disconnected',
          before: { label: box.label },
        });
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/messages',
    {
      config: { access: { permission: 'inbox.read' } },
      schema: {
        tags: ['inbox'],
        summary: 'Received mail, newest first; filter by outcome (anfrage, nicht_erkannt, mail)',
        querystring: z.object({
          outcome: z.enum(MESSAGE_OUTCOMES).optional(),
          page: z.coerce.number().int().min(1).max(1000).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(50),
        }),
        response: { 200: z.object({ items: z.array(messageView), total: z.number().int() }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { outcome, page, pageSize } = request.query;
      const where = and(visible(ctx.auth.user.id), outcome ? eq(inboxMessage.outcome, outcome) : undefined);
      return ctx.db(async (tx) => {
        const rows = await tx
          .select({ m: inboxMessage })
          .from(inboxMessage)
          .innerJoin(inboxMailbox, eq(inboxMailbox.id, inboxMessage.mailboxId))
          .where(where)
          .orderBy(desc(inboxMessage.receivedAt))
          .limit(pageSize)
          .offset((page - 1) * pageSize);
        const [total] = await tx
          .select({ n: count() })
          .from(inboxMessage)
          .innerJoin(inboxMailbox, eq(inboxMailbox.id, inboxMessage.mailboxId))
          .where(where);
        return {
          total: total?.n ?? 0,
          items: rows.map(({ m }) => messageOf(m)),
        };
      });
    },
  );

  app.get(
    '/messages/:messageId',
    {
      config: { access: { permission: 'inbox.read' } },
      schema: {
        tags: ['inbox'],
        summary: 'One received mail with its text',
        params: z.object({ messageId: z.string().uuid() }),
        response: { 200: messageView.extend({ text: z.string() }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const [row] = await ctx.db((tx) =>
        tx
          .select({ m: inboxMessage })
          .from(inboxMessage)
          .innerJoin(inboxMailbox, eq(inboxMailbox.id, inboxMessage.mailboxId))
          .where(and(eq(inboxMessage.id, request.params.messageId), visible(ctx.auth.user.id))),
      );
      if (!row) throw notFound('Nachricht');
      return { ...messageOf(row.m), text: row.m.text };
    },
  );
};
