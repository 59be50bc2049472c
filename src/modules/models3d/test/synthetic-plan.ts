import sharp from 'sharp';
import { FONTS } from '../../../platform/render/fonts.js';
import type { Floor, Point, Wall } from '../domain/building-model.js';
import { livingArea } from '../domain/geometry.js';
import { interiorPoint } from '../domain/rooms-from-walls.js';

export interface SyntheticPlanOptions {
  pxPerMetre?: number;
  /** Room names and areas, furniture, dimension lines and a title block. */
  clutter?: boolean;
  seed?: number;
  /**
   * How walls are drawn: filled black (estate-agent plans), hatched between two outlines
   * (architects' and CubiCasa-style plans) or as two outlines without fill (CAD exports).
   */
  wallStyle?: 'solid' | 'hatched' | 'outline';
}

export interface TruthOpening {
  kind: 'tuer' | 'fenster' | 'balkontuer';
  /** Centre of the opening on the wall's centre line, image pixels. */
  centre: Point;
  widthPx: number;
}

export interface SyntheticPlan {
  png: Buffer;
  width: number;
  height: number;
  pxPerMetre: number;
  /** 1 where a wall is drawn (openings left out), row by row. */
  wallMask: Uint8Array;
  openings: TruthOpening[];
  /** Maps plan metres to image pixels. */
  toPx: (p: Point) => Point;
}

const MARGIN = 2.2;

function random(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The solid pieces of a wall along its length, openings cut out; ends reach t/2 past the corner. */
function wallPieces(wall: Wall, floor: Floor): [number, number][] {
  const length = Math.hypot(wall.b.x - wall.a.x, wall.b.y - wall.a.y);
  const cuts = floor.openings
    .filter((o) => o.wallId === wall.id)
    .map((o) => [o.offset - o.width / 2, o.offset + o.width / 2] as [number, number])
    .sort((p, q) => p[0] - q[0]);
  const pieces: [number, number][] = [];
  let from = -wall.thickness / 2;
  for (const [start, end] of cuts) {
    if (start > from) pieces.push([from, start]);
    from = Math.max(from, end);
  }
  if (length + wall.thickness / 2 > from) pieces.push([from, length + wall.thickness / 2]);
  return pieces;
}

/**
 * Draws a floor the way architects' plans look: solid walls with door gaps, door leaves with
 * their swing arcs, windows as thin lines in the wall, and with `clutter` room names and
 * areas, furniture outlines, dimension chains and a title block. Returns the image and what
 * a perfect detector would find (the wall pixels and the openings), for tests and the
 * detector benchmark.
 */
export async function renderSyntheticPlan(
  floor: Floor,
  options: SyntheticPlanOptions = {},
): Promise<SyntheticPlan> {
  const s = options.pxPerMetre ?? 50;
  const rand = random(options.seed ?? 1);
  const xs = floor.rooms
    .flatMap((r) => r.polygon.map((p) => p.x))
    .concat(floor.walls.flatMap((w) => [w.a.x, w.b.x]));
  const ys = floor.rooms
    .flatMap((r) => r.polygon.map((p) => p.y))
    .concat(floor.walls.flatMap((w) => [w.a.y, w.b.y]));
  const minX = Math.min(...xs) - MARGIN;
  const minY = Math.min(...ys) - MARGIN;
  const width = Math.ceil((Math.max(...xs) + MARGIN - minX) * s);
  const height = Math.ceil((Math.max(...ys) + MARGIN + 1 - minY) * s);
  const toPx = (p: Point): Point => ({ x: (p.x - minX) * s, y: (p.y - minY) * s });
  const f = (n: number) => n.toFixed(1);

  const solid = wallPolygons(floor, toPx);
  const thin: string[] = [];
  const openings: TruthOpening[] = [];
  for (const wall of floor.walls) {
    const length = Math.hypot(wall.b.x - wall.a.x, wall.b.y - wall.a.y);
    const u = { x: (wall.b.x - wall.a.x) / length, y: (wall.b.y - wall.a.y) / length };
    const n = { x: -u.y, y: u.x };
    const at = (along: number, across: number) =>
      toPx({ x: wall.a.x + u.x * along + n.x * across, y: wall.a.y + u.y * along + n.y * across });
    const half = wall.thickness / 2;
    for (const o of floor.openings.filter((x) => x.wallId === wall.id)) {
      const start = o.offset - o.width / 2;
      const end = o.offset + o.width / 2;
      openings.push({ kind: o.kind, centre: at(o.offset, 0), widthPx: o.width * s });
      const line = (p: Point, q: Point, w = 1.4) =>
        thin.push(`<line x1="${f(p.x)}" y1="${f(p.y)}" x2="${f(q.x)}" y2="${f(q.y)}" stroke-width="${w}"/>`);
      if (o.kind === 'fenster') {
        // Frame on both faces, the pane in the middle.
        for (const across of [-half, 0, half]) line(at(start, across), at(end, across));
        line(at(start, -half), at(start, half));
        line(at(end, -half), at(end, half));
        continue;
      }
      // A door leaf standing open at 90° on a random side, and its swing arc.
      const side = rand() < 0.5 ? -1 : 1;
      const hinge = at(start, side * half);
      const leafEnd = at(start, side * (half + o.width));
      const closed = at(end, side * half);
      line(hinge, leafEnd, 2);
      const r = o.width * s;
      const sweep = side > 0 === cross(u, n) > 0 ? 1 : 0;
      thin.push(
        `<path d="M ${f(leafEnd.x)} ${f(leafEnd.y)} A ${f(r)} ${f(r)} 0 0 ${sweep} ${f(closed.x)} ${f(closed.y)}" fill="none" stroke-width="1"/>`,
      );
    }
  }

  const labels: { text: string; at: Point; size: number }[] = [];
  if (options.clutter ?? true) {
    for (const room of floor.rooms) {
      const centre = toPx(interiorPoint(room.polygon));
      labels.push({
        text: room.name,
        at: { x: centre.x, y: centre.y - 0.25 * s },
        size: Math.round(0.3 * s),
      });
      labels.push({
        text: `${livingArea(room).toFixed(2).replace('.', ',')} m²`,
        at: { x: centre.x, y: centre.y + 0.25 * s },
        size: Math.round(0.24 * s),
      });
      // Furniture: a few outlines clear of the walls and the label.
      const box = bounds(room.polygon);
      if (box.w < 2 || box.h < 2) continue;
      for (let i = 0; i < 2; i++) {
        const w = 0.6 + rand() * Math.min(1.4, box.w - 1.2);
        const h = 0.5 + rand() * Math.min(1.2, box.h - 1.2);
        const corner =
          i === 0
            ? { x: box.x + 0.3, y: box.y + 0.3 }
            : { x: box.x + box.w - 0.3 - w, y: box.y + box.h - 0.3 - h };
        const p = toPx(corner);
        if (rand() < 0.5)
          thin.push(
            `<rect x="${f(p.x)}" y="${f(p.y)}" width="${f(w * s)}" height="${f(h * s)}" fill="none" stroke-width="1.2"/>`,
          );
        else
          thin.push(
            `<ellipse cx="${f(p.x + (w * s) / 2)}" cy="${f(p.y + (h * s) / 2)}" rx="${f((w * s) / 2)}" ry="${f((h * s) / 2)}" fill="none" stroke-width="1.2"/>`,
          );
      }
    }
    // Dimension chains above and left of the building, with ticks at every wall.
    const outline = bounds(floor.walls.flatMap((w) => [w.a, w.b]));
    const top = toPx({ x: 0, y: outline.y - 1.1 }).y;
    const left = toPx({ x: outline.x - 1.1, y: 0 }).x;
    const xTicks = [
      ...new Set(floor.walls.filter((w) => Math.abs(w.a.x - w.b.x) < 1e-6).map((w) => w.a.x)),
    ].sort((a, b) => a - b);
    const yTicks = [
      ...new Set(floor.walls.filter((w) => Math.abs(w.a.y - w.b.y) < 1e-6).map((w) => w.a.y)),
    ].sort((a, b) => a - b);
    const chain = (ticks: number[], horizontal: boolean) => {
      const [first, last] = [ticks[0] ?? 0, ticks.at(-1) ?? 0];
      const p = horizontal
        ? { x: toPx({ x: first, y: 0 }).x, y: top }
        : { x: left, y: toPx({ x: 0, y: first }).y };
      const q = horizontal
        ? { x: toPx({ x: last, y: 0 }).x, y: top }
        : { x: left, y: toPx({ x: 0, y: last }).y };
      thin.push(`<line x1="${f(p.x)}" y1="${f(p.y)}" x2="${f(q.x)}" y2="${f(q.y)}" stroke-width="1"/>`);
      for (const [i, t] of ticks.entries()) {
        const c = horizontal ? { x: toPx({ x: t, y: 0 }).x, y: top } : { x: left, y: toPx({ x: 0, y: t }).y };
        thin.push(
          `<line x1="${f(c.x - 6)}" y1="${f(c.y + 6)}" x2="${f(c.x + 6)}" y2="${f(c.y - 6)}" stroke-width="1.4"/>`,
        );
        const next = ticks[i + 1];
        if (next === undefined) continue;
        const mid = (t + next) / 2;
        const at = horizontal
          ? { x: toPx({ x: mid, y: 0 }).x, y: top - 0.3 * s }
          : { x: left - 0.45 * s, y: toPx({ x: 0, y: mid }).y };
        labels.push({ text: (next - t).toFixed(2).replace('.', ','), at, size: Math.round(0.22 * s) });
      }
    };
    chain(xTicks, true);
    chain(yTicks, false);
    labels.push({
      text: `Grundriss ${floor.name} · M 1:100 · Maße in m`,
      at: { x: width / 2, y: height - 0.6 * s },
      size: Math.round(0.3 * s),
    });
  }

  const svg = (body: string) =>
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>${body}</svg>`,
    );
  const walls = {
    solid: `<g fill="#111">${solid.join('')}</g>`,
    // Diagonal hatch about every 0.12 m, as architects draw masonry in section.
    hatched: `<defs><pattern id="hatch" patternUnits="userSpaceOnUse" width="${f(0.12 * s)}" height="${f(0.12 * s)}" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="${f(0.12 * s)}" stroke="#222" stroke-width="1.5"/></pattern></defs><g fill="url(#hatch)" stroke="#111" stroke-width="2">${solid.join('')}</g>`,
    outline: `<g fill="none" stroke="#111" stroke-width="2">${solid.join('')}</g>`,
  }[options.wallStyle ?? 'solid'];
  const plan = sharp(svg(`${walls}<g stroke="#222" fill="none">${thin.join('')}</g>`));
  const texts = await Promise.all(labels.map((l) => textImage(l.text, l.size)));
  const composites = texts.map((t, i) => {
    const label = labels[i] as (typeof labels)[number];
    return {
      input: t.png,
      left: Math.max(0, Math.min(width - t.width, Math.round(label.at.x - t.width / 2))),
      top: Math.max(0, Math.min(height - t.height, Math.round(label.at.y - t.height / 2))),
    };
  });
  const png = await sharp(await plan.png().toBuffer())
    .composite(composites)
    .flatten({ background: '#fff' })
    .png()
    .toBuffer();

  const wallMask = await rasterise(solid, width, height);
  return { png, width, height, pxPerMetre: s, wallMask, openings, toPx };
}

/** SVG polygons of a wall's solid pieces, in image pixels. */
function wallPolygons(floor: Floor, toPx: (p: Point) => Point): string[] {
  const f = (n: number) => n.toFixed(1);
  return floor.walls.flatMap((wall) => {
    const length = Math.hypot(wall.b.x - wall.a.x, wall.b.y - wall.a.y);
    const u = { x: (wall.b.x - wall.a.x) / length, y: (wall.b.y - wall.a.y) / length };
    const at = (along: number, across: number) =>
      toPx({ x: wall.a.x + u.x * along - u.y * across, y: wall.a.y + u.y * along + u.x * across });
    const half = wall.thickness / 2;
    return wallPieces(wall, floor).map(([p, q]) => {
      const corners = [at(p, -half), at(q, -half), at(q, half), at(p, half)];
      return `<polygon points="${corners.map((c) => `${f(c.x)},${f(c.y)}`).join(' ')}"/>`;
    });
  });
}

/** SVG polygons filled into a 0/1 mask of the given size. */
export async function rasterise(polygons: string[], width: number, height: number): Promise<Uint8Array> {
  const { data } = await sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/><g fill="#000">${polygons.join('')}</g></svg>`,
    ),
  )
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const mask = new Uint8Array(width * height);
  // A pixel counts when the wall covers more than half of it (edges often fall on half pixels).
  for (let i = 0; i < mask.length; i++) mask[i] = (data[i] as number) < 120 ? 1 : 0;
  return mask;
}

/** The wall pixels of a floor drawn into an image of the given size. */
export const wallMaskOf = (floor: Floor, width: number, height: number, toPx: (p: Point) => Point) =>
  rasterise(wallPolygons(floor, toPx), width, height);

const cross = (p: Point, q: Point) => p.x * q.y - p.y * q.x;

function bounds(points: Point[]) {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
}

async function textImage(text: string, size: number) {
  const { data, info } = await sharp({
    text: {
      text: `<span foreground="#222">${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</span>`,
      font: `DejaVu Sans ${size}`,
      fontfile: FONTS.regular,
      rgba: true,
      dpi: 72,
    },
  })
    .png()
    .toBuffer({ resolveWithObject: true });
  return { png: data, width: info.width, height: info.height };
}
