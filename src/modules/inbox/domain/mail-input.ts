import { simpleParser } from 'mailparser';
import type { MailInput } from './portal-inquiry.js';

export interface ParsedMail extends MailInput {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  fromAddress: string;
  fromName: string;
  to: string;
  date: Date;
}

const first = (
  a:
    | { value: { address?: string; name?: string }[] }
    | { value: { address?: string; name?: string }[] }[]
    | undefined,
) => (Array.isArray(a) ? a[0] : a)?.value[0];

/** One RFC 5322 message as the inbox stores and classifies it (MIME decoded by mailparser). */
export async function readMail(source: Buffer | string): Promise<ParsedMail> {
  const m = await simpleParser(source, { skipHtmlToText: false, skipTextToHtml: true, skipImageLinks: true });
  const from = first(m.from);
  const replyTo = first(m.replyTo);
  const to = first(m.to);
  const refs = m.references === undefined ? [] : Array.isArray(m.references) ? m.references : [m.references];
  return {
    messageId: m.messageId ?? null,
    inReplyTo: m.inReplyTo ?? null,
    references: refs,
    fromAddress: (from?.address ?? '').toLowerCase(),
    fromName: from?.name ?? '',
    from: from?.address ?? '',
    replyTo: replyTo?.address ?? null,
    to: to?.address ?? '',
    subject: m.subject ?? '',
    text: m.text ?? '',
    date: m.date ?? new Date(),
    attachments: m.attachments.map((a) => ({
      filename: a.filename ?? null,
      contentType: a.contentType,
      content: a.content,
    })),
  };
}
