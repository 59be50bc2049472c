import { describe, expect, it } from 'vitest';
import { type MeasuredRoom, printedSizes, scaleFromPrintedSizes } from './printed-scale.js';

const at = { x: 0, y: 0 };
const lines = (...texts: string[]) => texts.map((text) => ({ text, ...at }));

/** A rectangular room from (x, y), w × h pixels. */
const room = (x: number, y: number, w: number, h: number): MeasuredRoom => ({
  contains: (p) => p.x >= x && p.x <= x + w && p.y >= y && p.y <= y + h,
  width: w,
  height: h,
  area: w * h,
});

describe('room sizes printed on a plan', () => {
  it('reads metric sides and areas as German and British estate-agent plans print them', () => {
    expect(
      printedSizes(
        lines(
          '(4.5m x 3.3m)',
          '6.58 x 3.48m',
          '4,50 x 3,30 m',
          'A=9,76 m2',
          '12,4 m²',
          '14,89 m?',
          '26,0 qm',
        ),
      ).map((s) => s.sides ?? s.area),
    ).toEqual([[4.5, 3.3], [6.58, 3.48], [4.5, 3.3], 9.76, 12.4, 14.89, 26]);
  });

  it('leaves feet and inches, misread numbers and whole-flat areas alone', () => {
    expect(
      printedSizes(lines("14'8 x 10'10", '148x 1010', '328 x 272', 'GROSS 1,011 SQ.FT', 'Wohnfläche 293 m²')),
    ).toEqual([]);
  });

  it('takes the scale from sizes inside rooms, in whichever order the sides fit, when they agree', () => {
    // 50 px per metre: a 4,5 × 3,3 m room is 225 × 165 px, a 12 m² room 600 px² × 50².
    const rooms = [room(0, 0, 225, 165), room(300, 0, 150, 200)];
    const sizes = [
      { at: { x: 100, y: 80 }, sides: [3.3, 4.5] as [number, number] },
      { at: { x: 350, y: 100 }, area: 12 },
    ];
    expect(scaleFromPrintedSizes(sizes, rooms)?.pxPerMetre).toBeCloseTo(50, 0);
  });

  it('gives no scale from areas alone, for sides that fit no room shape, or for a size outside every room', () => {
    const rooms = [room(0, 0, 225, 165)];
    expect(scaleFromPrintedSizes([{ at: { x: 10, y: 10 }, area: 7.4 }], rooms)).toBeNull();
    const two = [room(0, 0, 225, 165), room(300, 0, 150, 200)];
    const areas = [
      { at: { x: 10, y: 10 }, area: 14.85 },
      { at: { x: 350, y: 100 }, area: 12 },
    ];
    expect(scaleFromPrintedSizes(areas, two)).toBeNull();
    expect(scaleFromPrintedSizes([{ at: { x: 10, y: 10 }, sides: [4.5, 4.5] }], rooms)).toBeNull();
    expect(scaleFromPrintedSizes([{ at: { x: 900, y: 900 }, sides: [4.5, 3.3] }], rooms)).toBeNull();
  });

  it('outvotes a size misread by OCR', () => {
    const rooms = [room(0, 0, 225, 165), room(300, 0, 150, 200), room(0, 200, 100, 100)];
    const sizes = [
      { at: { x: 100, y: 80 }, sides: [4.5, 3.3] as [number, number] },
      { at: { x: 350, y: 100 }, area: 12 },
      // "4,0 m²" printed, read as "40 m²".
      { at: { x: 50, y: 250 }, area: 40 },
    ];
    expect(scaleFromPrintedSizes(sizes, rooms)?.pxPerMetre).toBeCloseTo(50, 0);
  });
});
