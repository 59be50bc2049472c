import { randomUUID } from 'node:crypto';
import { and, asc, eq, or } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { AppError, forbidden, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { activity, contact } from '../../crm/schema.js';
import { messageDetail, replyInput, smtpInput } from '../contract.js';
import { inboxMailbox, inboxMessage } from '../schema.js';
import { mailboxAad } from './imap-fetch.js';
import { messageOf, visibleMailboxes } from './message-view.js';
import { quoted, replySubject, SmtpError, sendReply, smtpLoginOf } from './smtp-send.js';
import { checkedSmtp } from './smtp-setup.js';

type MessageRow = typeof inboxMessage.$inferSelect;

/** The mailbox's outgoing server, and replies from ImmoXX that land in the conversation. */
export const replyRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.put(
    '/mailboxes/:mailboxId/smtp',
    {
      config: { access: { permission: 'inbox.write' } },
      schema: {
        tags: ['inbox'],
        summary: 'Set the outgoing server (SMTP, same login as IMAP); the login is tested first',
        params: z.object({ mailboxId: z.string().uuid() }),
        body: smtpInput,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const [box] = await ctx.db((tx) =>
        tx
          .select()
          .from(inboxMailbox)
          .where(and(eq(inboxMailbox.id, request.params.mailboxId), visibleMailboxes(ctx.auth.user.id))),
      );
      if (!box) throw notFound('Postfach');
      if (box.userId === null && !platform.permissions.allows(ctx.auth.role, 'inbox.manage'))
        throw forbidden('Ein Büro-Postfach dürfen nur Inhaber und Administratoren ändern.');
      const input = request.body;
      const password = platform.secretBox.decrypt(box.secretSealed, mailboxAad(box.id));
      const smtp = await checkedSmtp(platform, input, { username: box.username, password });
      await ctx.db(async (tx) => {
        await tx.update(inboxMailbox).set(smtp).where(eq(inboxMailbox.id, box.id));
        await recordAudit(tx, ctx.actor, {
          entity: 'inbox_mailbox',
          entityId: box.id,
          action: 'updated',
          before: { smtpHost: box.smtpHost },
          after: { smtpHost: smtp.smtpHost, smtpFrom: smtp.smtpFrom },
        });
      });
      return reply.status(204).send(null);
    },
  );

  /** The mail and its mailbox, if the user may see that mailbox. */
  const loadMessage = async (ctx: ReturnType<typeof tenantContext>, id: string) => {
    const [row] = await ctx.db((tx) =>
      tx
        .select({ m: inboxMessage, box: inboxMailbox })
        .from(inboxMessage)
        .innerJoin(inboxMailbox, eq(inboxMailbox.id, inboxMessage.mailboxId))
        .where(and(eq(inboxMessage.id, id), visibleMailboxes(ctx.auth.user.id))),
    );
    if (!row) throw notFound('Nachricht');
    return row;
  };

  /** A portal inquiry comes from the portal's no-reply address: the answer goes to the enquirer. */
  const replyAddress = async (ctx: ReturnType<typeof tenantContext>, m: MessageRow) => {
    if (m.direction === 'ausgang') return m.toAddress;
    if (m.outcome === 'anfrage' && m.contactId) {
      const [c] = await ctx.db((tx) =>
        tx.select({ email: contact.email }).from(contact).where(eq(contact.id, m.contactId!)),
      );
      if (c?.email) return c.email;
    }
    return m.outcome === 'nicht_erkannt' && m.portal ? null : m.fromAddress;
  };

  app.get(
    '/messages/:messageId',
    {
      config: { access: { permission: 'inbox.read' } },
      schema: {
        tags: ['inbox'],
        summary: 'One mail with its text and its conversation, oldest first',
        params: z.object({ messageId: z.string().uuid() }),
        response: { 200: messageDetail },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { m, box } = await loadMessage(ctx, request.params.messageId);
      const root = m.threadId ?? m.id;
      const thread = await ctx.db((tx) =>
        tx
          .select()
          .from(inboxMessage)
          .where(or(eq(inboxMessage.id, root), eq(inboxMessage.threadId, root)))
          .orderBy(asc(inboxMessage.receivedAt)),
      );
      const to = await replyAddress(ctx, m);
      return {
        ...messageOf(m),
        text: m.text,
        thread: thread.map((x) => ({ ...messageOf(x), text: x.text })),
        replyTo: to,
        canReply: Boolean(box.smtpHost && to),
      };
    },
  );

  app.post(
    '/messages/:messageId/reply',
    {
      config: { access: { permission: 'inbox.write' } },
      schema: {
        tags: ['inbox'],
        summary: 'Answer a mail through the mailbox’s SMTP server; the answer joins the conversation',
        params: z.object({ messageId: z.string().uuid() }),
        body: replyInput,
        response: { 201: z.object({ id: z.string().uuid() }) },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const { m, box } = await loadMessage(ctx, request.params.messageId);
      const to = await replyAddress(ctx, m);
      if (!to)
        throw new AppError(
          422,
          'no_reply_address',
          'Diese Portal-E-Mail wurde nicht erkannt; es gibt keine Adresse, an die eine Antwort gehen könnte.',
        );
      const password = platform.secretBox.decrypt(box.secretSealed, mailboxAad(box.id));
      const login = smtpLoginOf(box, { username: box.username, password });
      if (!login || !box.smtpFrom)
        throw new AppError(
          409,
          'smtp_missing',
          'Für dieses Postfach ist kein Postausgangsserver (SMTP) eingetragen. Bitte unter „Postfächer“ ergänzen.',
        );
      const footer = await platform.mail.customerFooterFor(ctx.tenantId);
      const text = [request.body.text.trimEnd(), footer, quoted(m)].filter(Boolean).join('\n\n');
      const domain = box.smtpFrom.split('@')[1] ?? 'immoxx.invalid';
      const messageId = `<${randomUUID()}@${domain}>`;
      const subject = replySubject(m.subject);
      try {
        await sendReply(login, {
          from: { name: ctx.auth.user.name, address: box.smtpFrom },
          to,
          subject,
          text,
          messageId,
          inReplyTo: m.messageId,
          references: m.messageId ? [m.messageId] : [],
        });
      } catch (error) {
        if (error instanceof SmtpError) throw new AppError(502, 'smtp_refused', error.message);
        throw error;
      }
      // Recorded once the server has taken it: a refused reply leaves nothing in the conversation.
      const id = randomUUID();
      await ctx.db(async (tx) => {
        await tx.insert(inboxMessage).values({
          id,
          tenantId: ctx.tenantId,
          mailboxId: box.id,
          direction: 'ausgang',
          uid: null,
          messageId,
          inReplyTo: m.messageId,
          threadId: m.threadId ?? m.id,
          fromAddress: box.smtpFrom!,
          fromName: ctx.auth.user.name,
          toAddress: to,
          subject,
          text,
          receivedAt: new Date(),
          outcome: 'mail',
          contactId: m.contactId,
          propertyId: m.propertyId,
        });
        if (m.contactId)
          await tx.insert(activity).values({
            tenantId: ctx.tenantId,
            contactId: m.contactId,
            propertyId: m.propertyId,
            kind: 'email',
            subject: `E-Mail gesendet: ${subject}`.slice(0, 300),
            body: request.body.text.slice(0, 4000),
            userId: ctx.auth.user.id,
            userName: ctx.auth.user.name,
          });
      });
      return reply.status(201).send({ id });
    },
  );
};
