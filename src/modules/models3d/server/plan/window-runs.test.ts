import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { detectWalls, type PixelPlan } from './detect-walls.js';

/**
 * A flat of two rooms, 600 × 400 px, walls 10 px solid black, a door between the rooms. The
 * top wall is what each case draws between x = 160 and x = 400: the windows of the London
 * estate-agent plans of the R3D set are drawn so (plan 28906422: a glazed façade of grey lines
 * with a grey pane between them; plan 47514899: the wall drawn hollow).
 */
async function planWith(top: string, inside = ''): Promise<PixelPlan> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="700" height="500">
    <rect width="700" height="500" fill="#fff"/>
    <g fill="#000">
      <rect x="50" y="50" width="110" height="10"/>
      <rect x="400" y="50" width="250" height="10"/>
      <rect x="50" y="440" width="600" height="10"/>
      <rect x="50" y="50" width="10" height="400"/>
      <rect x="640" y="50" width="10" height="400"/>
      <rect x="340" y="50" width="10" height="170"/>
      <rect x="340" y="300" width="10" height="150"/>
    </g>
    <path d="M350 220 L350 300 M350 300 A80 80 0 0 0 270 220" stroke="#000" stroke-width="1.5" fill="none"/>
    ${top}${inside}
  </svg>`;
  const { data, info } = await sharp(Buffer.from(svg))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return detectWalls({ data: new Uint8Array(data), width: info.width, height: info.height });
}

/** The openings of the wall along the top, as [start, end] and kind. */
function topOpenings(plan: PixelPlan) {
  return plan.openings.flatMap((o) => {
    const wall = plan.walls[o.wall];
    return wall?.orientation === 'h' && Math.abs(wall.centre - 55) <= 4
      ? [{ start: o.start, end: o.end, kind: o.kind }]
      : [];
  });
}

const glazing = (from: number, to: number) =>
  `<line x1="${from}" y1="52.5" x2="${to}" y2="52.5" stroke="#888" stroke-width="1"/>
   <rect x="${from}" y="54" width="${to - from}" height="3" fill="#bbb"/>
   <line x1="${from}" y1="57.5" x2="${to}" y2="57.5" stroke="#888" stroke-width="1"/>`;

describe('windows drawn as thin double lines where the wall stops', () => {
  it('closes the outline across a glazed stretch wider than a door and makes it a window', async () => {
    const plan = await planWith(glazing(160, 340) + glazing(350, 400));
    const windows = topOpenings(plan).filter((o) => o.kind === 'fenster');
    // Before, the top wall ended at 160 and went on at 400: no wall and no opening between.
    expect(windows.length).toBeGreaterThanOrEqual(1);
    const covered = windows.reduce((sum, w) => sum + (w.end - w.start), 0);
    expect(covered).toBeGreaterThan(200);
    expect(windows.every((w) => w.start >= 155 && w.end <= 405)).toBe(true);
    // Both rooms are closed: the left one no longer leaks out through the façade.
    expect(plan.rooms.length).toBe(2);
  });

  it('does not take a double line inside a room for a window', async () => {
    // A counter's front drawn double, from the partition to the outer wall, inside a room.
    const counter = `<line x1="350" y1="150" x2="640" y2="150" stroke="#555" stroke-width="1"/>
      <line x1="350" y1="154" x2="640" y2="154" stroke="#555" stroke-width="1"/>`;
    const plan = await planWith('<rect x="160" y="50" width="240" height="10" fill="#000"/>', counter);
    expect(plan.openings.filter((o) => o.kind === 'fenster')).toHaveLength(0);
    expect(plan.walls.some((w) => w.orientation === 'h' && Math.abs(w.centre - 152) <= 4)).toBe(false);
  });
});

describe('windows drawn as a hollow stretch of a solid wall', () => {
  it('finds the window where the wall is drawn as two faces with a slit of paper between', async () => {
    const hollow = `<rect x="160" y="50" width="240" height="10" fill="#000"/>
      <rect x="200" y="53" width="120" height="3" fill="#fff"/>`;
    const plan = await planWith(hollow);
    const windows = topOpenings(plan).filter((o) => o.kind === 'fenster');
    // Before, the stretch was read as solid wall: no opening on the top wall.
    expect(windows).toHaveLength(1);
    expect(windows[0]?.start).toBeGreaterThanOrEqual(195);
    expect(windows[0]?.end).toBeLessThanOrEqual(325);
    expect((windows[0]?.end ?? 0) - (windows[0]?.start ?? 0)).toBeGreaterThan(100);
  });

  it('does not take a hairline beside a solid wall for a hollow window', async () => {
    // A bath's rim drawn a pixel beside the wall's face.
    const rim = '<line x1="170" y1="61.5" x2="330" y2="61.5" stroke="#000" stroke-width="1"/>';
    const plan = await planWith('<rect x="160" y="50" width="240" height="10" fill="#000"/>', rim);
    expect(topOpenings(plan).filter((o) => o.kind === 'fenster')).toHaveLength(0);
  });
});
