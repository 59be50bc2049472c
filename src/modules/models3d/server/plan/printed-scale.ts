import type { Point } from '../../domain/building-model.js';

/** A room size printed on a plan: "4,50 x 3,30 m", "(4.5m x 3.3m)" or "12,4 m²", where it stands. */
export interface PrintedSize {
  at: Point;
  /** Side lengths in metres, in the order printed. */
  sides?: [number, number];
  /** Floor area in square metres. */
  area?: number;
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
const AREA = /(\d{1,3}[.,]\d{1,2}|\d{1,3})\s*(m²|m2|m\?|qm)(?!\w)/i;

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
 * 10 % of their median when at least two agree, a single one only when it had two sides.
 */
export function scaleFromPrintedSizes(sizes: PrintedSize[], rooms: MeasuredRoom[]): number | null {
  const estimates: number[] = [];
  let fromSides = 0;
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
      if (best && best.spread <= 0.15) {
        estimates.push(best.value);
        fromSides++;
      }
    } else if (size.area) {
      estimates.push(Math.sqrt(room.area / size.area));
    }
  }
  if (estimates.length === 0) return null;
  const sorted = [...estimates].sort((p, q) => p - q);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  const agreeing = sorted.filter((e) => Math.abs(e - median) / median <= 0.1);
  if (agreeing.length >= 2) return agreeing.reduce((sum, e) => sum + e, 0) / agreeing.length;
  // One printed size with two sides checks itself; one area alone is not enough.
  return estimates.length === 1 && fromSides === 1 ? median : null;
}
