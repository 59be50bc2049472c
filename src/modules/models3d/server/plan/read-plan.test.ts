import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildingModelSchema } from '../../domain/building-model.js';
import { templateModel } from '../../domain/templates.js';
import { scorePlan } from '../../test/plan-score.js';
import { renderSyntheticPlan } from '../../test/synthetic-plan.js';
import { PlanNotReadable } from './detect-walls.js';
import { readPlan } from './read-plan.js';

const indoorRooms = (id: string, floor: number) =>
  templateModel(id)?.floors[floor]?.rooms.filter((r) => r.type !== 'balkon' && r.type !== 'terrasse')
    .length ?? 0;

async function planOf(id: string, floor: number, pxPerMetre: number) {
  const source = templateModel(id)?.floors[floor];
  if (!source) throw new Error(`template ${id} has no floor ${floor}`);
  return renderSyntheticPlan(source, { pxPerMetre, seed: floor + 3 });
}

describe('reading a floor plan', () => {
  it.each([
    ['3-zimmer', 0, 65],
    ['einfamilienhaus', 1, 50],
    ['penthouse', 0, 80],
  ] as const)(
    '%s floor %i at %i px/m: walls, every opening, every room, the scale',
    async (id, floor, px) => {
      const plan = await planOf(id, floor, px);
      const reading = await readPlan({ file: plan.png, mime: 'image/png', name: 'Plan' });
      const drawn = templateModel(id)?.floors[floor];
      if (!drawn) throw new Error('floor missing');
      const score = await scorePlan(plan, reading, drawn);
      expect(score.wallIoU).toBeGreaterThan(0.9);
      expect(score.openingRecall).toBe(1);
      expect(score.openingPrecision).toBe(1);
      expect(score.kindAccuracy).toBe(1);
      expect(score.rooms.found).toBe(score.rooms.truth);
      expect(score.scaleError).toBeLessThan(0.05);
      expect(reading.scale.source).toBe('tuerbreite');
      expect(buildingModelSchema.safeParse(reading.model).success).toBe(true);
      expect(reading.model.floors[0]?.walls.filter((w) => w.exterior)).toHaveLength(4);
      // Room names are read from the plan's labels by OCR; most rooms get their use from them.
      expect(score.roomTypesRead).toBeGreaterThanOrEqual(0.5);
    },
    30_000,
  );

  it('finds a door set into the corner of a room, where the wall stops short of the crossing wall', async () => {
    const floor = structuredClone(templateModel('2-zimmer')?.floors[0]);
    if (!floor) throw new Error('template missing');
    const west = floor.walls.find((w) => w.id === 'f0-ww');
    const door = floor.openings.find((o) => o.wallId === 'f0-wfn' && o.kind === 'tuer');
    if (!west || !door) throw new Error('template changed');
    // The kitchen door starts right at the inner face of the west wall.
    door.offset = west.thickness / 2 + door.width / 2;
    const plan = await renderSyntheticPlan(floor, { pxPerMetre: 60, seed: 2 });
    const reading = await readPlan({ file: plan.png, mime: 'image/png', name: 'Ecke', readLabels: false });
    const score = await scorePlan(plan, reading, floor);
    expect(score.rooms.found).toBe(score.rooms.truth);
    expect(score.openingRecall).toBe(1);
    expect(score.openingPrecision).toBe(1);
  }, 30_000);

  it.each([
    ['3-zimmer', 0, 65, 'hatched'],
    ['penthouse', 0, 80, 'hatched'],
    ['3-zimmer', 0, 65, 'outline'],
    ['einfamilienhaus', 0, 50, 'outline'],
  ] as const)(
    '%s floor %i at %i px/m with %s walls: walls, openings and rooms',
    async (id, floor, px, style) => {
      const drawn = templateModel(id)?.floors[floor];
      if (!drawn) throw new Error('floor missing');
      const plan = await renderSyntheticPlan(drawn, { pxPerMetre: px, seed: 3, wallStyle: style });
      const reading = await readPlan({ file: plan.png, mime: 'image/png', name: style, readLabels: false });
      const score = await scorePlan(plan, reading, drawn);
      expect(reading.detected.wallStyle).toBe(style);
      expect(reading.detected.unsure).toBeNull();
      // The outlines are drawn 2 px wide over the wall's edges, outside the true wall polygon;
      // thin walls drawn as outlines at 50 px/m are little more than those lines.
      expect(score.wallIoU).toBeGreaterThan(style === 'hatched' ? 0.8 : 0.65);
      expect(score.openingRecall).toBe(1);
      expect(score.openingPrecision).toBeGreaterThan(0.75);
      expect(score.kindAccuracy).toBe(1);
      // Outlined walls as thin as a door leaf leave a room or two merged or split at 50 px/m.
      expect(Math.abs(score.rooms.found - score.rooms.truth)).toBeLessThanOrEqual(
        style === 'hatched' ? 0 : 1,
      );
      expect(score.scaleError).toBeLessThan(0.1);
    },
    30_000,
  );

  it('reads a plan photographed under uneven light (dark corner, grey paper)', async () => {
    const plan = await planOf('3-zimmer', 0, 65);
    const shade = Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${plan.width}" height="${plan.height}"><defs><radialGradient id="g" cx="0.1" cy="0.1" r="1.2"><stop offset="0" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.85"/></radialGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`,
    );
    const photo = await sharp(plan.png)
      .composite([{ input: shade, blend: 'multiply' }])
      .linear(0.8, 20)
      .jpeg({ quality: 75 })
      .toBuffer();
    const reading = await readPlan({ file: photo, mime: 'image/jpeg', name: 'Foto', readLabels: false });
    const drawn = templateModel('3-zimmer')?.floors[0];
    if (!drawn) throw new Error('floor missing');
    const score = await scorePlan(plan, reading, drawn);
    expect(score.rooms.found).toBe(score.rooms.truth);
    expect(score.openingRecall).toBe(1);
    expect(score.wallIoU).toBeGreaterThan(0.85);
  }, 30_000);

  it('straightens a plan scanned 2° askew before reading it', async () => {
    const plan = await planOf('3-zimmer', 0, 65);
    const turned = await sharp(plan.png).rotate(2, { background: '#ffffff' }).png().toBuffer();
    const reading = await readPlan({ file: turned, mime: 'image/png', name: 'Schief', readLabels: false });
    expect(reading.detected.skew).toBeCloseTo(2, 0);
    const floor = templateModel('3-zimmer')?.floors[0];
    expect(reading.detected.rooms).toBe(indoorRooms('3-zimmer', 0));
    expect(reading.model.floors[0]?.openings).toHaveLength(floor?.openings.length ?? -1);
  }, 30_000);

  it('reads the first page of a PDF and takes the scale from a reference line', async () => {
    const plan = await planOf('2-zimmer', 0, 60);
    const pdf = await PDFDocument.create();
    const image = await pdf.embedPng(plan.png);
    pdf
      .addPage([plan.width, plan.height])
      .drawImage(image, { x: 0, y: 0, width: plan.width, height: plan.height });
    const pdfBytes = Buffer.from(await pdf.save());
    const reading = await readPlan({ file: pdfBytes, mime: 'application/pdf', name: 'PDF' });
    expect(reading.detected.rooms).toBe(indoorRooms('2-zimmer', 0));

    // The reference: the outer wall's length in the uploaded image, 20 % longer than drawn.
    const walls = templateModel('2-zimmer')?.floors[0]?.walls ?? [];
    const north = walls.find((w) => w.exterior && w.a.y === w.b.y && w.a.y === 0);
    if (!north) throw new Error('no north wall');
    const referenced = await readPlan({
      file: plan.png,
      mime: 'image/png',
      name: 'Referenz',
      readLabels: false,
      reference: { a: plan.toPx(north.a), b: plan.toPx(north.b), metres: (north.b.x - north.a.x) * 1.2 },
    });
    expect(referenced.scale.source).toBe('referenz');
    const width = Math.max(...(referenced.model.floors[0]?.walls.map((w) => w.b.x) ?? []));
    expect(width).toBeCloseTo((north.b.x - north.a.x) * 1.2, 0);
  }, 30_000);

  it('reads a plan drawn with thin walls as a partial result with its rooms and a reason, not a refusal', async () => {
    // Three rooms drawn as 2-px lines, as CAD exports and many estate-agent plans draw walls;
    // each doorway has its leaf and swing. Before, such a plan was refused ("no walls").
    const line = (x1: number, y1: number, x2: number, y2: number) =>
      `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#222" stroke-width="2"/>`;
    const arc = (d: string) => `<path d="${d}" fill="none" stroke="#222" stroke-width="1.5"/>`;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="680">
      <rect width="100%" height="100%" fill="#fff"/>
      <rect x="100" y="100" width="600" height="480" fill="none" stroke="#222" stroke-width="2"/>
      ${line(400, 100, 400, 300)}${line(400, 350, 400, 580)}${line(400, 340, 520, 340)}${line(570, 340, 700, 340)}
      ${line(400, 350, 350, 350)}${arc('M 350 350 A 50 50 0 0 1 400 300')}
      ${line(520, 340, 520, 390)}${arc('M 520 390 A 50 50 0 0 0 570 340')}
    </svg>`;
    const png = await sharp(Buffer.from(svg)).png().toBuffer();
    const reading = await readPlan({ file: png, mime: 'image/png', name: 'Dünn', readLabels: false });
    expect(reading.detected.unsure).toMatch(/Räume aus den dünnen Linien/);
    expect(reading.model.floors[0]?.rooms).toHaveLength(3);
    expect(reading.model.floors[0]?.walls.length).toBeGreaterThanOrEqual(6);
    // No wall or door to measure: the scale is an assumption the editor asks to set.
    expect(reading.scale.source).toBe('annahme');
    expect(buildingModelSchema.safeParse(reading.model).success).toBe(true);
  }, 30_000);

  it('refuses a photo, an empty page and a file that is no image, with a reason', async () => {
    const noise = Buffer.alloc(900 * 700 * 3);
    let state = 7;
    for (let i = 0; i < noise.length; i += 3) {
      // Smooth blobs of light and shade, as in a photo, not lines.
      const x = (i / 3) % 900;
      const y = Math.floor(i / 3 / 900);
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      const v = 128 + 90 * Math.sin(x / 37) * Math.cos(y / 23) + ((state % 30) - 15);
      noise.fill(Math.max(0, Math.min(255, Math.round(v))), i, i + 3);
    }
    const photo = await sharp(noise, { raw: { width: 900, height: 700, channels: 3 } })
      .jpeg()
      .toBuffer();
    await expect(readPlan({ file: photo, mime: 'image/jpeg', name: 'Foto' })).rejects.toBeInstanceOf(
      PlanNotReadable,
    );
    const blank = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    await expect(readPlan({ file: blank, mime: 'image/png', name: 'Leer' })).rejects.toMatchObject({
      code: 'no_walls',
    });
    await expect(
      readPlan({ file: Buffer.from('kein Bild'), mime: 'image/png', name: 'Text' }),
    ).rejects.toMatchObject({
      code: 'not_a_plan',
    });
  }, 30_000);
});
