import PDFDocument from 'pdfkit';
import { formatCents, formatDate, formatNumber } from '../format/format-de.js';
import { FONTS } from '../render/fonts.js';
import { A4, MARGIN, pdfBytes } from '../render/pdf-blocks.js';
import { formatIban } from './iban.js';
import type { InvoiceDocument, InvoiceParty } from './invoice-document.js';
import { documentTotals } from './invoice-totals.js';

const INK = '#0f172a';
const MUTED = '#64748b';
const WIDTH = A4.width - 2 * MARGIN;
const UNIT_LABELS: Record<string, string> = { C62: 'Stk.', MON: 'Monat(e)', HUR: 'Std.', LS: 'pauschal' };

const eur = (cents: number) => formatCents(cents, 'de', { whole: false });
const date = (iso: string) => formatDate(iso);
const addressLines = (p: InvoiceParty) =>
  [
    p.name,
    p.contactName && p.contactName !== p.name ? p.contactName : null,
    p.street,
    `${p.postalCode} ${p.city}`,
    p.country !== 'DE' ? p.country : null,
  ].filter((l): l is string => Boolean(l));

/**
 * The invoice as the customer reads it: sender line and address in the window of a DIN 5008
 * envelope, the numbers § 14 Abs. 4 UStG asks for (number, dates, service period, tax ids, net,
 * rate, tax, gross), and the seller in the footer. The fonts are embedded, as PDF/A-3 (Factur-X)
 * requires, and DejaVu prints every name a customer may have.
 */
export async function renderInvoicePdf(
  doc: InvoiceDocument,
  options: { colour?: string } = {},
): Promise<Buffer> {
  const colour = options.colour && /^#[0-9a-f]{6}$/i.test(options.colour) ? options.colour : '#0f766e';
  const title = doc.kind === 'invoice' ? 'Rechnung' : 'Gutschrift (Rechnungskorrektur)';
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: 40, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: `${title} ${doc.number}`, Author: doc.seller.name, Subject: title },
  });
  const bytes = pdfBytes(pdf);
  pdf.registerFont('regular', FONTS.regular);
  pdf.registerFont('bold', FONTS.bold);
  const totals = documentTotals(doc);

  pdf.font('bold').fontSize(16).fillColor(colour).text(doc.seller.name, MARGIN, MARGIN, { width: WIDTH });
  pdf
    .font('regular')
    .fontSize(9)
    .fillColor(MUTED)
    .text(
      [doc.seller.street, `${doc.seller.postalCode} ${doc.seller.city}`, doc.seller.phone, doc.seller.email]
        .filter(Boolean)
        .join(' · '),
      { width: WIDTH },
    );

  // DIN 5008 form B: the address field starts 45 mm from the top, 20 mm from the left edge.
  const addressTop = 127;
  pdf
    .font('regular')
    .fontSize(7)
    .fillColor(MUTED)
    .text(
      `${doc.seller.name} · ${doc.seller.street} · ${doc.seller.postalCode} ${doc.seller.city}`,
      MARGIN,
      addressTop,
      { width: 240, lineBreak: false },
    );
  pdf
    .font('regular')
    .fontSize(10.5)
    .fillColor(INK)
    .text(addressLines(doc.buyer).join('\n'), MARGIN, addressTop + 14, { width: 240 });

  const facts: [string, string][] = [
    [doc.kind === 'invoice' ? 'Rechnungsnummer' : 'Gutschriftnummer', doc.number],
    ['Datum', date(doc.issueDate)],
    [
      'Leistungszeitraum',
      doc.servicePeriod.start === doc.servicePeriod.end
        ? date(doc.servicePeriod.start)
        : `${date(doc.servicePeriod.start)} – ${date(doc.servicePeriod.end)}`,
    ],
    ['Ihre Referenz', doc.buyerReference],
    ...(doc.buyer.vatId ? ([['Ihre USt-IdNr.', doc.buyer.vatId]] as [string, string][]) : []),
    doc.seller.vatId ? ['Unsere USt-IdNr.', doc.seller.vatId] : ['Steuernummer', doc.seller.taxNumber ?? '–'],
  ];
  let y = addressTop;
  for (const [label, value] of facts) {
    pdf.font('regular').fontSize(8.5).fillColor(MUTED).text(label, 340, y, { width: 95 });
    pdf
      .font('bold')
      .fontSize(8.5)
      .fillColor(INK)
      .text(value, 435, y, { width: A4.width - MARGIN - 435 });
    y = Math.max(pdf.y, y + 13);
  }

  pdf.y = Math.max(y, addressTop + 100) + 24;
  pdf
    .font('bold')
    .fontSize(15)
    .fillColor(INK)
    .text(`${title} Nr. ${doc.number}`, MARGIN, pdf.y, { width: WIDTH });
  if (doc.corrects)
    pdf
      .font('regular')
      .fontSize(10)
      .fillColor(INK)
      .text(`zur Rechnung Nr. ${doc.corrects.number} vom ${date(doc.corrects.issueDate)}`, { width: WIDTH });
  pdf.moveDown(0.8);

  const cols = [36, WIDTH - 36 - 70 - 85 - 85, 70, 85, 85];
  const row = (cells: string[], bold: boolean, shade: boolean) => {
    pdf.font(bold ? 'bold' : 'regular').fontSize(9.5);
    const height = Math.max(18, ...cells.map((c, i) => pdf.heightOfString(c, { width: cols[i]! - 8 }) + 8));
    if (pdf.y + height > A4.height - 110) pdf.addPage();
    const top = pdf.y;
    if (shade) pdf.rect(MARGIN, top - 3, WIDTH, height).fill('#f1f5f9');
    let x = MARGIN;
    cells.forEach((c, i) => {
      pdf.fillColor(INK).text(c, x + 4, top, { width: cols[i]! - 8, align: i === 1 ? 'left' : 'right' });
      x += cols[i]!;
    });
    pdf.y = top + height;
  };
  row(['Pos.', 'Beschreibung', 'Menge', 'Einzelpreis', 'Betrag'], true, true);
  doc.lines.forEach((line, i) => {
    row(
      [
        String(i + 1),
        line.description,
        `${formatNumber(line.quantity, 'de', Number.isInteger(line.quantity) ? 0 : 2)} ${UNIT_LABELS[line.unitCode] ?? line.unitCode}`,
        eur(line.unitPriceCents),
        eur(totals.lineNetCents[i]!),
      ],
      false,
      false,
    );
  });
  pdf
    .moveTo(MARGIN, pdf.y)
    .lineTo(MARGIN + WIDTH, pdf.y)
    .strokeColor('#cbd5e1')
    .stroke();
  pdf.moveDown(0.5);

  const sum = (label: string, value: string, bold = false) => {
    const top = pdf.y;
    pdf
      .font(bold ? 'bold' : 'regular')
      .fontSize(bold ? 11 : 10)
      .fillColor(INK);
    pdf.text(label, MARGIN + WIDTH - 300, top, { width: 210, align: 'right' });
    pdf.text(value, MARGIN + WIDTH - 90, top, { width: 86, align: 'right' });
    pdf.y = top + (bold ? 18 : 15);
  };
  sum('Nettobetrag', eur(totals.netCents));
  sum(
    doc.taxMode === 'standard' ? `Umsatzsteuer ${totals.vatPercent} %` : 'Umsatzsteuer 0 % (Reverse Charge)',
    eur(totals.vatCents),
  );
  sum(doc.kind === 'invoice' ? 'Gesamtbetrag' : 'Gutschriftbetrag', eur(totals.grossCents), true);
  pdf.moveDown(1);

  const paragraphs = [
    doc.note,
    doc.taxMode === 'reverse_charge'
      ? 'Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge, § 13b UStG / Art. 196 MwStSystRL).'
      : null,
    doc.kind === 'credit_note'
      ? 'Der Betrag wird Ihnen erstattet bzw. mit offenen Forderungen verrechnet.'
      : doc.bank
        ? `Bitte überweisen Sie den Gesamtbetrag ohne Abzug bis zum ${date(doc.dueDate)} unter Angabe der Rechnungsnummer ${doc.number} auf das unten genannte Konto.`
        : 'Der Betrag wurde bereits bezahlt.',
  ].filter((p): p is string => Boolean(p));
  for (const p of paragraphs) {
    pdf.font('regular').fontSize(10).fillColor(INK).text(p, MARGIN, pdf.y, { width: WIDTH, lineGap: 1.5 });
    pdf.moveDown(0.6);
  }

  const footer = [
    [doc.seller.name, doc.seller.street, `${doc.seller.postalCode} ${doc.seller.city}`].join(' · '),
    [
      doc.seller.vatId ? `USt-IdNr. ${doc.seller.vatId}` : null,
      doc.seller.taxNumber ? `St.-Nr. ${doc.seller.taxNumber}` : null,
      ...doc.footer,
    ]
      .filter(Boolean)
      .join(' · '),
    doc.bank
      ? [
          `IBAN ${formatIban(doc.bank.iban)}`,
          doc.bank.bic ? `BIC ${doc.bank.bic}` : null,
          `Kontoinhaber ${doc.bank.accountHolder}`,
        ]
          .filter(Boolean)
          .join(' · ')
      : null,
  ].filter((l): l is string => Boolean(l));
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    pdf.page.margins.bottom = 0;
    pdf
      .moveTo(MARGIN, A4.height - 78)
      .lineTo(MARGIN + WIDTH, A4.height - 78)
      .strokeColor('#e2e8f0')
      .stroke();
    pdf
      .font('regular')
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(
        [...footer, `Seite ${i - range.start + 1} von ${range.count}`].join('\n'),
        MARGIN,
        A4.height - 72,
        {
          width: WIDTH,
          align: 'center',
          lineGap: 1,
        },
      );
  }
  pdf.end();
  return bytes;
}
