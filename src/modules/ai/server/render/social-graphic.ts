import sharp, { type OverlayOptions } from 'sharp';
import type { GraphicFormat } from '../../contract.js';
import type { GraphicLines } from '../../domain/graphic-lines.js';
import { box, shade, type TextLayer, textLayer } from './text-layer.js';

export const GRAPHIC_SIZES: Record<GraphicFormat, { width: number; height: number }> = {
  feed: { width: 1080, height: 1080 },
  story: { width: 1080, height: 1920 },
};

/** Colours of the German energy label, so the badge reads like the one in the certificate. */
const ENERGY_CLASS_COLOURS: Record<string, { fill: string; text: string }> = {
  'A+': { fill: '#00843a', text: '#ffffff' },
  A: { fill: '#2ba138', text: '#ffffff' },
  B: { fill: '#9ac93c', text: '#1d1d1b' },
  C: { fill: '#d6e021', text: '#1d1d1b' },
  D: { fill: '#fdea1a', text: '#1d1d1b' },
  E: { fill: '#fbbb21', text: '#1d1d1b' },
  F: { fill: '#f37021', text: '#ffffff' },
  G: { fill: '#e30613', text: '#ffffff' },
  H: { fill: '#b3001b', text: '#ffffff' },
};

export interface GraphicInput {
  /** The listing photo; without one the graphic is set on the office colour. */
  photo: Buffer | null;
  lines: GraphicLines;
  office: { name: string; phone: string | null };
  brandColor: string;
  format: GraphicFormat;
}

export interface RenderedImage {
  data: Buffer;
  width: number;
  height: number;
  contentType: string;
}

/** Stories keep clear of the app's own bars at the top and bottom. */
const SAFE = { feed: { top: 48, bottom: 0 }, story: { top: 200, bottom: 260 } } as const;

/**
 * A feed (1080×1080) or story (1080×1920) graphic: the photo filled to the frame, a dark fade
 * at the bottom carrying headline, price and key facts, the GEG energy items, an energy-class
 * badge and the office in its colour. JPEG, because every network takes it.
 */
export async function renderSocialGraphic(input: GraphicInput): Promise<RenderedImage> {
  const { width, height } = GRAPHIC_SIZES[input.format];
  const story = input.format === 'story';
  const margin = 56;
  const textWidth = width - 2 * margin;
  const base = input.photo
    ? sharp(input.photo, { failOn: 'error' })
        .rotate()
        .resize(width, height, { fit: 'cover', position: 'attention' })
    : sharp({ create: { width, height, channels: 3, background: input.brandColor } });

  const [kicker, headline, price, facts, energy, office] = await Promise.all([
    textLayer(input.lines.kicker, { size: story ? 34 : 28, maxWidth: textWidth - 200, bold: true }),
    textLayer(input.lines.headline, { size: story ? 60 : 48, maxWidth: textWidth, bold: true }),
    textLayer(input.lines.price, { size: story ? 72 : 60, maxWidth: textWidth, bold: true }),
    textLayer(input.lines.keyFacts.join('  ·  '), { size: story ? 38 : 32, maxWidth: textWidth }),
    // Plots and parking have no § 87 statement; every building has one (see energyStatement).
    input.lines.energy
      ? textLayer(input.lines.energy, { size: story ? 24 : 21, maxWidth: textWidth, color: '#e6e6e6' })
      : null,
    textLayer([input.office.name, input.office.phone].filter(Boolean).join('  ·  '), {
      size: story ? 30 : 26,
      maxWidth: textWidth,
      bold: true,
    }),
  ]);

  const layers: OverlayOptions[] = [];
  const officeBand = office.height + 36;
  const bottom = height - SAFE[input.format].bottom - officeBand;
  // Stacked from the bottom up: energy, facts, price, headline.
  const stack: Array<{ layer: TextLayer; gap: number }> = [
    ...(energy ? [{ layer: energy, gap: 28 }] : []),
    { layer: facts, gap: 24 },
    { layer: price, gap: 18 },
    { layer: headline, gap: 14 },
  ];
  let y = bottom;
  const placed: Array<{ layer: TextLayer; top: number }> = [];
  for (const { layer, gap } of stack) {
    y -= layer.height + gap;
    placed.push({ layer, top: y });
  }
  const shadeTop = Math.max(0, y - 200);
  layers.push({ input: shade(width, height - shadeTop, 0, 0.9), top: shadeTop, left: 0 });
  for (const { layer, top } of placed) layers.push({ input: layer.image, top, left: margin });

  layers.push({ input: box(width, officeBand, input.brandColor), top: bottom, left: 0 });
  layers.push({ input: office.image, top: bottom + 18, left: margin });

  const top = SAFE[input.format].top;
  layers.push({
    input: box(kicker.width + 40, kicker.height + 20, input.brandColor, 10, 0.92),
    top,
    left: margin,
  });
  layers.push({ input: kicker.image, top: top + 10, left: margin + 20 });

  const energyClass = input.lines.energyClass;
  const colours = energyClass ? ENERGY_CLASS_COLOURS[energyClass] : undefined;
  if (energyClass && colours) {
    const [letter, caption] = await Promise.all([
      textLayer(energyClass, { size: 64, maxWidth: 140, bold: true, color: colours.text, align: 'centre' }),
      textLayer('Energie-\nklasse', { size: 18, maxWidth: 140, color: colours.text, align: 'centre' }),
    ]);
    const badge = 150;
    const left = width - margin - badge;
    layers.push({ input: box(badge, badge, colours.fill, 18), top, left });
    layers.push({ input: letter.image, top: top + 14, left: left + Math.round((badge - letter.width) / 2) });
    layers.push({
      input: caption.image,
      top: top + badge - caption.height - 12,
      left: left + Math.round((badge - caption.width) / 2),
    });
  }

  const data = await base.composite(layers).jpeg({ quality: 88, mozjpeg: true }).toBuffer();
  return { data, width, height, contentType: 'image/jpeg' };
}
