import sharp from 'sharp';
import { FONTS } from './fonts.js';

export interface TextLayer {
  image: Buffer;
  width: number;
  height: number;
}

const escapeMarkup = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * One block of text as a transparent PNG, wrapped at `maxWidth`. Pango renders it with the
 * bundled DejaVu file; the markup is escaped, so a listing title cannot inject formatting.
 */
export async function textLayer(
  text: string,
  opts: { size: number; maxWidth: number; color?: string; bold?: boolean; align?: 'left' | 'centre' },
): Promise<TextLayer> {
  const weight = opts.bold ? 'bold' : 'normal';
  const { data, info } = await sharp({
    text: {
      text: `<span foreground="${opts.color ?? '#ffffff'}" weight="${weight}">${escapeMarkup(text)}</span>`,
      font: `DejaVu Sans ${opts.bold ? 'Bold ' : ''}${opts.size}`,
      fontfile: opts.bold ? FONTS.bold : FONTS.regular,
      width: opts.maxWidth,
      align: opts.align ?? 'left',
      wrap: 'word',
      rgba: true,
      dpi: 72,
    },
  })
    .png()
    .toBuffer({ resolveWithObject: true });
  return { image: data, width: info.width, height: info.height };
}

/** A flat rectangle (with optional rounded corners) as SVG, for bands and badges. */
export function box(width: number, height: number, fill: string, radius = 0, opacity = 1): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" rx="${radius}" fill="${fill}" fill-opacity="${opacity}"/></svg>`,
  );
}

/** A vertical fade from transparent to dark, so white text stays readable on any photo. */
export function shade(width: number, height: number, from: number, to: number): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#000" stop-opacity="${from}"/><stop offset="1" stop-color="#000" stop-opacity="${to}"/></linearGradient></defs><rect width="${width}" height="${height}" fill="url(#g)"/></svg>`,
  );
}
