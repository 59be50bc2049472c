import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { FONTS } from '../../../platform/render/fonts.js';

let cache: Promise<{ regular: Buffer; bold: Buffer }> | null = null;

/** DejaVu embedded (subset) so names like „Łukasz Müller-Ødegaard“ print, which WinAnsi cannot. */
export async function embedFonts(pdf: PDFDocument): Promise<{ regular: PDFFont; bold: PDFFont }> {
  cache ??= Promise.all([readFile(FONTS.regular), readFile(FONTS.bold)]).then(([regular, bold]) => ({
    regular,
    bold,
  }));
  const bytes = await cache;
  pdf.registerFontkit(fontkit);
  const [regular, bold] = await Promise.all([
    pdf.embedFont(bytes.regular, { subset: true }),
    pdf.embedFont(bytes.bold, { subset: true }),
  ]);
  return { regular, bold };
}
