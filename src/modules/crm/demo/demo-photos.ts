import sharp from 'sharp';
import { type ImageVariants, imageVariants } from '../server/image-variants.js';
import { createRandom, type Random } from './random.js';

const W = 1600;
const H = 1067;

/** An exterior "photo": sky, Alps, lake, and a house or apartment block in the property's colours. */
export function exteriorSvg(
  r: Random,
  kind: 'haus' | 'wohnung' | 'plot' | 'other',
  lakeside: boolean,
): string {
  const skyHue = r.int(195, 215);
  const wall = r.pick(['#f5f0e6', '#fde68a', '#e7e5e4', '#fecaca', '#dbeafe', '#ffffff']);
  const roof = r.pick(['#9a3412', '#7c2d12', '#44403c', '#b45309']);
  const mountains = Array.from(
    { length: 7 },
    (_, i) => `${i * 280 - 100},${560} ${i * 280 + 40},${r.int(330, 430)} ${i * 280 + 180},560`,
  ).join(' ');
  const lake = lakeside
    ? `<rect y="560" width="${W}" height="140" fill="hsl(${r.int(195, 205)},55%,${r.int(45, 55)}%)"/><rect y="690" width="${W}" height="${H - 690}" fill="#65a30d"/>`
    : `<rect y="560" width="${W}" height="${H - 560}" fill="#65a30d"/>`;
  // A plot shows its meadow with survey stakes and a fence, not a house that is not there.
  const plot = `<rect x="300" y="640" width="1000" height="260" fill="#84cc16" opacity="0.6"/>${Array.from(
    { length: 11 },
    (_, i) => `<rect x="${300 + i * 100}" y="610" width="8" height="60" fill="#78350f"/>`,
  ).join(
    '',
  )}<rect x="300" y="625" width="1000" height="5" fill="#a16207"/><rect x="1240" y="560" width="10" height="110" fill="#dc2626"/><rect x="300" y="560" width="10" height="110" fill="#dc2626"/>`;
  const building =
    kind === 'plot'
      ? plot
      : kind === 'wohnung'
        ? `<rect x="480" y="300" width="640" height="560" fill="${wall}" stroke="#78716c" stroke-width="4"/>${Array.from(
            { length: 4 },
            (_, row) =>
              Array.from(
                { length: 5 },
                (_, col) =>
                  `<rect x="${520 + col * 120}" y="${340 + row * 125}" width="70" height="80" fill="#93c5fd" stroke="#475569" stroke-width="3"/>`,
              ).join(''),
          ).join('')}<rect x="480" y="${300 + 125 * 2 - 10}" width="640" height="12" fill="#a8a29e"/>`
        : `<rect x="520" y="480" width="560" height="380" fill="${wall}" stroke="#78716c" stroke-width="4"/><polygon points="470,490 800,${r.int(250, 300)} 1130,490" fill="${roof}"/><rect x="760" y="690" width="90" height="170" fill="#7c2d12"/><rect x="590" y="560" width="110" height="100" fill="#93c5fd" stroke="#475569" stroke-width="4"/><rect x="900" y="560" width="110" height="100" fill="#93c5fd" stroke="#475569" stroke-width="4"/>`;
  const trees = Array.from({ length: r.int(2, 5) }, () => {
    const x = r.pick([r.int(60, 420), r.int(1180, 1540)]);
    return `<rect x="${x - 10}" y="760" width="20" height="110" fill="#78350f"/><circle cx="${x}" cy="740" r="${r.int(55, 85)}" fill="hsl(${r.int(95, 130)},45%,${r.int(28, 40)}%)"/>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${skyHue},75%,62%)"/><stop offset="1" stop-color="hsl(${skyHue},70%,88%)"/></linearGradient></defs><rect width="${W}" height="${H}" fill="url(#s)"/><polygon points="${mountains}" fill="#cbd5e1"/>${lake}${building}${trees}</svg>`;
}

/** An interior "photo": a bright room with a window onto the lake. */
function interiorSvg(r: Random): string {
  const wall = r.pick(['#fafaf9', '#f5f5f4', '#fef3c7', '#ecfeff']);
  const floor = r.pick(['#d6a46c', '#b7885a', '#e7d3b0', '#a8a29e']);
  const sofa = r.pick(['#475569', '#0f766e', '#9f1239', '#a16207']);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="${W}" height="${H}" fill="${wall}"/><polygon points="0,${H} 300,760 1300,760 ${W},${H}" fill="${floor}"/><rect x="520" y="180" width="560" height="420" fill="hsl(205,70%,75%)" stroke="#e7e5e4" stroke-width="18"/><rect x="520" y="470" width="560" height="130" fill="hsl(200,55%,50%)"/><rect x="380" y="690" width="560" height="150" rx="30" fill="${sofa}"/><rect x="1040" y="720" width="200" height="120" fill="#78716c"/><circle cx="1280" cy="420" r="60" fill="#fde68a"/></svg>`;
}

/** A floor plan drawing with labelled rooms. */
function floorplanSvg(r: Random, rooms: number): string {
  const labels = ['Wohnen/Essen', 'Küche', 'Schlafen', 'Kind', 'Bad', 'Flur', 'Arbeiten', 'Gast'];
  const cells = Math.max(3, Math.min(7, Math.round(rooms) + 2));
  const cols = Math.ceil(cells / 2);
  const cw = 1300 / cols;
  const out: string[] = [];
  for (let i = 0; i < cells; i++) {
    const x = 150 + (i % cols) * cw;
    const y = i < cols ? 170 : 560;
    const h = i < cols ? 390 : r.int(300, 380);
    out.push(
      `<rect x="${x}" y="${y}" width="${cw}" height="${h}" fill="#fff" stroke="#111827" stroke-width="10"/><text x="${x + cw / 2}" y="${y + h / 2}" font-family="sans-serif" font-size="38" text-anchor="middle" fill="#374151">${labels[i % labels.length]}</text>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="${W}" height="${H}" fill="#f8fafc"/>${out.join('')}<text x="150" y="120" font-family="sans-serif" font-size="42" fill="#0f766e">Grundriss (Demo)</text></svg>`;
}

export interface DemoImage {
  kind: 'photo' | 'floorplan';
  altText: string;
  data: Buffer;
}

/** Two photos and a floor plan per demo property, rendered locally — nothing is downloaded. */
export async function demoImages(
  r: Random,
  objectType: string,
  rooms: number | null,
  lakeside: boolean,
): Promise<DemoImage[]> {
  const kind =
    objectType === 'haus'
      ? 'haus'
      : objectType === 'wohnung'
        ? 'wohnung'
        : objectType === 'grundstueck'
          ? 'plot'
          : 'other';
  const render = (svg: string) => sharp(Buffer.from(svg)).jpeg({ quality: 80, mozjpeg: true }).toBuffer();
  const images: DemoImage[] = [
    {
      kind: 'photo',
      altText: 'Außenansicht (Demo-Bild)',
      data: await render(exteriorSvg(r, kind, lakeside)),
    },
  ];
  if (objectType !== 'grundstueck' && objectType !== 'parken') {
    images.push({ kind: 'photo', altText: 'Wohnbereich (Demo-Bild)', data: await render(interiorSvg(r)) });
    images.push({
      kind: 'floorplan',
      altText: 'Grundriss (Demo)',
      data: await render(floorplanSvg(r, rooms ?? 3)),
    });
  }
  return images;
}

/**
 * One demo listing's photos with their web and thumbnail sizes, in the shape `runOffThread`
 * calls: drawing and encoding ~300 images at start held the server's event loop and grew its
 * memory (issue 19), so the demo job draws them on a thread that ends when it is done.
 */
export async function drawListingPhotos(input: {
  seed: number;
  objectType: string;
  rooms: number | null;
  lakeside: boolean;
}): Promise<(DemoImage & ImageVariants)[]> {
  const images = await demoImages(createRandom(input.seed), input.objectType, input.rooms, input.lakeside);
  const drawn: (DemoImage & ImageVariants)[] = [];
  for (const image of images) drawn.push({ ...image, ...(await imageVariants(image.data)) });
  return drawn;
}
