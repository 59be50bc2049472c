import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { templateModel } from '../../domain/templates.js';
import { renderSyntheticPlan } from '../../test/synthetic-plan.js';
import { fillDrawnWalls } from './fill-drawn-walls.js';
import { findRooms } from './find-rooms.js';
import { inkMask, withOpenCv } from './opencv.js';

async function inkOf(wallStyle: 'solid' | 'hatched' | 'outline') {
  const floor = templateModel('3-zimmer')?.floors[0];
  if (!floor) throw new Error('template missing');
  const plan = await renderSyntheticPlan(floor, { pxPerMetre: 65, seed: 3, wallStyle });
  const { data, info } = await sharp(plan.png).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { plan, grey: { data: new Uint8Array(data), width: info.width, height: info.height } };
}

const share = (mask: ArrayLike<number>, truth: Uint8Array) => {
  let hit = 0;
  let walls = 0;
  for (let i = 0; i < truth.length; i++) {
    if (truth[i] !== 1) continue;
    walls++;
    if ((mask[i] as number) > 0) hit++;
  }
  return hit / walls;
};

describe('walls drawn hatched or as outlines', () => {
  it.each([
    ['hatched', 'fills the cells between hatch lines'],
    ['outline', 'fills the strips between two outlines, windows included'],
  ] as const)('%s: %s so the walls are solid, and leaves the rooms paper', async (style, _what) => {
    const { plan, grey } = await inkOf(style);
    await withOpenCv(async (cv, keep) => {
      const ink = inkMask(cv, keep, grey);
      const filled = fillDrawnWalls(cv, keep, ink);
      expect(filled.style).toBe(style);
      expect(share(ink.data, plan.wallMask)).toBeLessThan(0.6);
      expect(share(filled.ink.data, plan.wallMask)).toBeGreaterThan(0.9);
      // Inside the rooms almost nothing is added: labels and furniture stay thin lines.
      let added = 0;
      for (let i = 0; i < plan.wallMask.length; i++)
        if (plan.wallMask[i] === 0 && (filled.ink.data[i] as number) > 0 && (ink.data[i] as number) === 0)
          added++;
      expect(added / plan.wallMask.length).toBeLessThan(0.01);
    });
  });

  it('leaves a plan with solid walls as it is', async () => {
    const { grey } = await inkOf('solid');
    await withOpenCv(async (cv, keep) => {
      const ink = inkMask(cv, keep, grey);
      const result = fillDrawnWalls(cv, keep, ink);
      expect(result.style).toBe('solid');
      expect(result.ink).toBe(ink);
    });
  });
});

const changed = (now: Uint8Array, before: Uint8Array) => now.filter((v, i) => v !== before[i]).length;

describe('finding rooms', () => {
  it('leaves the ink and the wall mask it is given unchanged', async () => {
    // Mat.clone() of this OpenCV build shares the pixels: the room finder's working copies
    // once wrote long lines into the caller's wall mask and erased stray ink from its ink.
    const { grey } = await inkOf('solid');
    await withOpenCv(async (cv, keep) => {
      const ink = inkMask(cv, keep, grey);
      const wallMask = keep(new cv.Mat());
      const kernel = keep(cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(5, 5)));
      cv.morphologyEx(ink, wallMask, cv.MORPH_OPEN, kernel);
      const inkBefore = Uint8Array.from(ink.data);
      const wallsBefore = Uint8Array.from(wallMask.data);
      expect(findRooms(cv, keep, ink, wallMask, [], 55).length).toBeGreaterThan(0);
      expect(changed(ink.data, inkBefore)).toBe(0);
      expect(changed(wallMask.data, wallsBefore)).toBe(0);
    });
  });
});
