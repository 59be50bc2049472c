import type { FastifyReply } from 'fastify';
import type { FileStorage } from '../files/file-storage.js';
import type { IssuedInvoiceRow } from './issue-invoice.js';

/** Sends the stored PDF (Factur-X) or XRechnung exactly as issued. */
export async function sendInvoiceFile(
  reply: FastifyReply,
  files: FileStorage,
  row: IssuedInvoiceRow,
  format: 'pdf' | 'xml',
) {
  const data = await files.read(format === 'pdf' ? row.pdfKey : row.xmlKey);
  const base = `${row.kind === 'invoice' ? 'Rechnung' : 'Gutschrift'}-${row.number}`;
  return reply
    .header('content-type', format === 'pdf' ? 'application/pdf' : 'application/xml; charset=utf-8')
    .header(
      'content-disposition',
      `${format === 'pdf' ? 'inline' : 'attachment'}; filename="${base}${format === 'pdf' ? '.pdf' : '-XRechnung.xml'}"`,
    )
    .header('cache-control', 'private, no-store')
    .send(data);
}
