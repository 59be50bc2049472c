import type { Point } from '../../domain/building-model.js';

/** A room size printed on a plan: "4,50 x 3,30 m", "(4.5m x 3.3m)" or "12,4 m²", where it stands. */
export interface PrintedSize {
  at: Point;
  /** Side lengths in metres, in the order printed. */
  sides?: [number, number];
  /** Floor area in square metres. */
  area?: number;
}

export interface PrintedScale {
  pxPerMetre: number;
  /** Estimates behind it, sides counting twice. */
  support: number;
}

/** A room as the scale finder needs it: where it is and how large, in image pixels. */
export interface MeasuredRoom {
  contains(p: Point): boolean;
  /** Width and height of its bounding box, and its area. */
  width: number;
  height: number;
  area: number;
}

const number = (text: string) => Number(text.replace(',', '.'));
// Two decimals at most and a decimal separator required: "21'10" (feet) and "328" (a misread) never match.
const SIDES = /(\d{1,2}[.,]\d{1,2})\s*m?\s*[x×X*]\s*(\d{1,2}[.,]\d{1,2})\s*(m\b|m$|$|\))/;
// Tesseract often reads the superscript of "m²" as "?" or "2".
// A decimal separator is required here too: OCR drops "9," of "9,49 m²" and leaves "49 m²".
const AREA = /(\d{1,3}[.,]\d{1,2})\s*(m²|m2|m\?|qm)(?!\w)/i;

/** The room sizes among the text lines read from a plan. */
export function printedSizes(lines: { text: string; x: number; y: number }[]): PrintedSize[] {
  const sizes: PrintedSize[] = [];
  for (const line of lines) {
    const text = line.text.replace(/\s+/g, ' ');
    const sides = SIDES.exec(text);
    if (sides) {
      const a = number(sides[1] as string);
      const b = number(sides[2] as string);
      if (a >= 0.8 && a <= 20 && b >= 0.8 && b <= 20)
        sizes.push({ at: { x: line.x, y: line.y }, sides: [a, b] });
      continue;
    }
    const area = AREA.exec(text);
    // A whole flat's area ("Wohnfläche 93,8 m²") is printed outside the rooms and finds none.
    if (area) {
      const value = number(area[1] as string);
      if (value >= 1 && value <= 150) sizes.push({ at: { x: line.x, y: line.y }, area: value });
    }
  }
  return sizes;
}

/**
 * Pixels per metre from the sizes printed in the rooms: each size inside a found room gives
 * an estimate (sides against the room's box in whichever order fits, accepted when the two
 * sides agree within 15 %; an area against the room's area); the mean of the estimates within
 * 10 % of their median when at least two agree (sides count as two) and at least one of
 * them is a pair of sides, or null.
 */
export function scaleFromPrintedSizes(sizes: PrintedSize[], rooms: MeasuredRoom[]): PrintedScale | null {
  const estimates: { value: number; sides: boolean }[] = [];
  for (const size of sizes) {
    const room = rooms.find((r) => r.contains(size.at));
    if (!room) continue;
    if (size.sides) {
      const [a, b] = size.sides;
      const pairings = [
        [room.width / a, room.height / b],
        [room.width / b, room.height / a],
      ] as const;
      const best = pairings
        .map(([p, q]) => ({ value: (p + q) / 2, spread: Math.abs(p - q) / Math.max(p, q) }))
        .sort((p, q) => p.spread - q.spread)[0];
      if (best && best.spread <= 0.15) estimates.push({ value: best.value, sides: true });
    } else if (size.area) {
      estimates.push({ value: Math.sqrt(room.area / size.area), sides: false });
    }
  }
  if (estimates.length === 0) return null;
  const sorted = [...estimates].sort((p, q) => p.value - q.value);
  const median = (sorted[Math.floor(sorted.length / 2)] as { value: number }).value;
  const agreeing = sorted.filter((e) => Math.abs(e.value - median) / median <= 0.1);
  // Two sides that fit one room check each other: such an estimate counts twice.
  const support = agreeing.reduce((sum, e) => sum + (e.sides ? 2 : 1), 0);
  // Areas alone are not trusted yet: whether a plan prints them between the wall faces or on
  // the centre lines differs by 5–10 %, and a room the finder got too large or small moves
  // every area estimate alike. They back up printed sides.
  if (support < 2 || !agreeing.some((e) => e.sides)) return null;
  return { pxPerMetre: agreeing.reduce((sum, e) => sum + e.value, 0) / agreeing.length, support };
}
