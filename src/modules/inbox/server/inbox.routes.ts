import { and, count, desc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { AppError, forbidden, notFound } from '../../../platform/http/app-error.js';
import { assertOutboundUrl } from '../../../platform/http/outbound-url.js';
import type { Platform } from '../../../platform/kernel.js';
import { connectInput, mailboxView, messageView } from '../contract.js';
import { MESSAGE_OUTCOMES } from '../domain/message-enums.js';
import { inboxMailbox, inboxMessage } from '../schema.js';
import { fetchMailbox, MailboxError, mailboxAad, probeMailbox } from './imap-fetch.js';
import { mailboxOf, messageOf, visibleMailboxes } from './message-view.js';
import { checkedSmtp } from './smtp-setup.js';

/** Mailboxes (IMAP) and what came in through them. */
export const inboxRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
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
        tx
          .select()
          .from(inboxMailbox)
          .where(visibleMailboxes(ctx.auth.user.id))
          .orderBy(inboxMailbox.createdAt),
      );
      return { items: rows.map(mailboxOf) };
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
      const smtp = input.smtp
        ? await checkedSmtp(
            platform,
            input.smtp,
            { username: input.username, password: input.password },
            'smtp.',
          )
        : null;
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
          ...(smtp ?? {}),
        });
        await recordAudit(tx, ctx.actor, {
          entity: 'inbox_mailbox',
          entityId: id,
          action: 'connected',
          after: {
            label: input.label,
            host: input.imapHost,
            office: input.office,
            smtpHost: smtp?.smtpHost ?? null,
          },
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
        .where(and(eq(inboxMailbox.id, id), visibleMailboxes(ctx.auth.user.id))),
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
      const where = and(
        visibleMailboxes(ctx.auth.user.id),
        outcome ? eq(inboxMessage.outcome, outcome) : undefined,
      );
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
};
