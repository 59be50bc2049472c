import nodemailer from 'nodemailer';
import type { MailAttachment } from './mail.schema.js';

export interface OutgoingMail {
  /** The platform's address, in the office's name for customer mails. */
  from: string | { name: string; address: string };
  replyTo?: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  attachments?: MailAttachment[];
  headers?: Record<string, string>;
}

/** SMTP when SMTP_URL is set; `null` means offline: mails stay in the outbox. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

export function createSmtpTransport(smtpUrl: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      const info = await transporter.sendMail({
        ...mail,
        html: mail.html ?? undefined,
        replyTo: mail.replyTo ?? undefined,
        attachments: mail.attachments?.map((a) => ({ ...a, contentDisposition: 'attachment' as const })),
      });
      return { messageId: info.messageId };
    },
    close() {
      transporter.close();
    },
  };
}
