import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { defineJob } from '../jobs/job-definition.js';
import type { JobService } from '../jobs/job-service.js';
import { type MailAttachment, mailOutbox } from './mail.schema.js';
import type { MailTransport } from './mail-transport.js';

export interface MailRequest {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  headers?: Record<string, string>;
  purpose: string;
  tenantId?: string | null;
  /** The office's contact the mail goes to, when there is one: its opens and clicks may be measured. */
  contactId?: string | null;
  /**
   * `customer`: a mail to a buyer, tenant or other outsider; it carries the office's Impressum
   * and privacy links (§ 5 DDG). `staff`: a mail to the office's own users. Every caller decides.
   */
  audience: 'customer' | 'staff';
}

/**
 * Rewrites a customer mail to a known contact before it is stored: tracked links, and an HTML
 * part with an open pixel where the contact consented (the lead-scoring module provides it).
 */
export type MailTracker = (mail: {
  mailId: string;
  tenantId: string;
  contactId: string;
  purpose: string;
  text: string;
  html: string | null;
}) => Promise<{ text: string; html: string | null }>;

/** The office's signature with the Impressum and privacy links, appended to customer mails. */
export type CustomerFooter = (tenantId: string) => Promise<string | null>;
/**
 * In whose name a customer mail goes out and where answers go. The address stays the platform's,
 * which SPF and DKIM cover; only the name and Reply-To are the office's.
 */
export type CustomerSender = (tenantId: string) => Promise<{ name: string; replyTo: string | null } | null>;

/** "ImmoXX <no-reply@immoxx.de>" → "no-reply@immoxx.de". */
export const addressOf = (from: string) => /<([^>]+)>/.exec(from)?.[1]?.trim() ?? from.trim();

export interface MailReceipt {
  id: string;
  /** `offline`: no SMTP configured, the mail waits in the outbox (`npm run mail:outbox`). */
  delivery: 'queued' | 'offline';
}

export const MAIL_SEND_JOB = 'platform.mail.send';

/** Every mail goes to the outbox table first; a job delivers it over SMTP when configured. */
export class MailService {
  constructor(
    private readonly database: Database,
    private readonly jobs: JobService,
    private readonly transport: MailTransport | null,
    private readonly from: string,
    private readonly retry: { attempts: number; backoffSeconds: number } = {
      attempts: 5,
      backoffSeconds: 30,
    },
  ) {}

  #customerFooter: CustomerFooter | null = null;
  #customerSender: CustomerSender | null = null;
  #tracker: MailTracker | null = null;

  /** Set by the module that measures mail engagement; without it mails go out as written. */
  setTracker(tracker: MailTracker | null): void {
    this.#tracker = tracker;
  }

  /** Wired by the kernel once the tenant settings exist. */
  setCustomerFooter(footer: CustomerFooter): void {
    this.#customerFooter = footer;
  }

  /** Wired by the kernel: the office's name and reply address for its customer mails. */
  setCustomerSender(sender: CustomerSender): void {
    this.#customerSender = sender;
  }

  /** The office's footer for a mail that does not go through the outbox (a reply by the mailbox's own SMTP). */
  async customerFooterFor(tenantId: string): Promise<string | null> {
    return this.#customerFooter ? this.#customerFooter(tenantId) : null;
  }

  get online(): boolean {
    return this.transport !== null;
  }

  sendJob() {
    return defineJob({
      name: MAIL_SEND_JOB,
      version: 1,
      payload: z.object({ mailId: z.string().uuid() }),
      attempts: this.retry.attempts,
      backoffSeconds: this.retry.backoffSeconds,
      concurrency: 2,
      handler: async ({ payload }) => this.#deliver(payload.mailId),
    });
  }

  async send(request: MailRequest): Promise<MailReceipt> {
    const footer =
      request.audience === 'customer' && request.tenantId && this.#customerFooter
        ? await this.#customerFooter(request.tenantId)
        : null;
    const written = footer ? `${request.text.trimEnd()}\n\n${footer}` : request.text;
    const sender =
      request.audience === 'customer' && request.tenantId && this.#customerSender
        ? await this.#customerSender(request.tenantId)
        : null;
    const id = randomUUID();
    const { text, html } =
      this.#tracker && request.audience === 'customer' && request.tenantId && request.contactId
        ? await this.#tracker({
            mailId: id,
            tenantId: request.tenantId,
            contactId: request.contactId,
            purpose: request.purpose,
            text: written,
            html: request.html ?? null,
          })
        : { text: written, html: request.html ?? null };
    const [row] = await this.database.db
      .insert(mailOutbox)
      .values({
        id,
        tenantId: request.tenantId ?? null,
        toAddress: request.to,
        subject: request.subject,
        textBody: text,
        htmlBody: html,
        attachments: request.attachments ?? [],
        headers: request.headers ?? {},
        fromName: sender?.name ?? null,
        replyTo: sender?.replyTo ?? null,
        purpose: request.purpose,
        status: this.transport ? 'queued' : 'offline',
      })
      .returning({ id: mailOutbox.id });
    if (!row) throw new Error('mail outbox insert returned nothing');
    if (!this.transport) return { id: row.id, delivery: 'offline' };
    await this.jobs.enqueue(MAIL_SEND_JOB, { mailId: row.id }, { key: row.id, tenantId: null });
    return { id: row.id, delivery: 'queued' };
  }

  async #deliver(mailId: string): Promise<{ messageId: string } | { skipped: string }> {
    const [mail] = await this.database.db.select().from(mailOutbox).where(eq(mailOutbox.id, mailId));
    if (!mail) return { skipped: 'mail no longer in outbox' };
    if (mail.status === 'sent') return { skipped: 'already sent' };
    if (!this.transport) return { skipped: 'smtp not configured' };
    await this.database.db
      .update(mailOutbox)
      .set({ attempts: sql`${mailOutbox.attempts} + 1` })
      .where(eq(mailOutbox.id, mailId));
    try {
      const { messageId } = await this.transport.send({
        from: mail.fromName ? { name: mail.fromName, address: addressOf(this.from) } : this.from,
        replyTo: mail.replyTo,
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.textBody,
        html: mail.htmlBody,
        attachments: mail.attachments,
        headers: mail.headers,
      });
      await this.database.db
        .update(mailOutbox)
        .set({ status: 'sent', sentAt: new Date(), providerMessageId: messageId, lastError: null })
        .where(eq(mailOutbox.id, mailId));
      return { messageId };
    } catch (error) {
      await this.database.db
        .update(mailOutbox)
        .set({ status: 'failed', lastError: (error as Error).message.slice(0, 1000) })
        .where(eq(mailOutbox.id, mailId));
      throw error;
    }
  }
}
