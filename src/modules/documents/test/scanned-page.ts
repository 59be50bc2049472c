import sharp from 'sharp';
import { FONTS } from '../../../platform/render/fonts.js';

export const CERTIFICATE_LINES = [
  'ENERGIEAUSWEIS für Wohngebäude',
  'gemäß den §§ 79 ff. Gebäudeenergiegesetz (GEG)',
  'Gültig bis: 14.03.2034',
  'Gebäude: Seestraße 7, 78464 Konstanz',
  'Endenergiebedarf dieses Gebäudes 72,4 kWh/(m²·a)',
  'Energieeffizienzklasse B',
];

/**
 * A "scanned" A4 page at 200 dpi: the lines rendered with a bundled font, turned by a degree and
 * a half, with salt-and-pepper noise (about one dark pixel in a hundred), saved as JPEG.
 */
export async function scannedPage(lines: string[] = CERTIFICATE_LINES, seed = 7): Promise<Buffer> {
  const layer = await sharp({
    text: {
      text: `<span foreground="black">${lines.join('\n').replace(/&/g, '&amp;').replace(/</g, '&lt;')}</span>`,
      fontfile: FONTS.regular,
      font: 'DejaVu Sans 30',
      width: 1500,
      dpi: 72,
      rgba: true,
    },
  })
    .png()
    .toBuffer();
  const width = 1654;
  const height = 2339;
  const noise = Buffer.alloc(width * height);
  let state = seed;
  for (let i = 0; i < noise.length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    noise[i] = state % 97 === 0 ? 0 : 255;
  }
  return sharp(noise, { raw: { width, height, channels: 1 } })
    .composite([{ input: layer, top: 220, left: 100 }])
    .rotate(1.5, { background: '#ffffff' })
    .jpeg({ quality: 80 })
    .toBuffer();
}
