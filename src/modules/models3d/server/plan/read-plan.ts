import sharp, { type Metadata } from 'sharp';
import type { BuildingModel, Point } from '../../domain/building-model.js';
import { modelFigures, polygonArea } from '../../domain/geometry.js';
import { nameRoomsFromWords } from '../../domain/room-label.js';
import { pointInPolygon } from '../../domain/rooms-from-walls.js';
import { detectWalls, type PixelPlan, PlanNotReadable, type Progress } from './detect-walls.js';
import type { WallStyle } from './fill-drawn-walls.js';
import { measureSkew } from './measure-skew.js';
import { type PlanScale, planOrigin, planScale, planToModel, type ScaleReference } from './plan-to-model.js';
import { type MeasuredRoom, printedSizes, scaleFromPrintedSizes } from './printed-scale.js';
import { readPlanWords } from './read-labels.js';

/**
 * Long side of the image the detector works on: small images are enlarged a little so 12 cm
 * walls stay several pixels thick (more would thicken text and symbol lines into walls), large
 * ones reduced to bound memory and time.
 */
const MIN_SIDE = 700;
const MAX_SIDE = 2400;

/** A room outline as the printed-size scale finder measures it. */
function measuredRoom(outline: Point[]): MeasuredRoom {
  const xs = outline.map((p) => p.x);
  const ys = outline.map((p) => p.y);
  return {
    contains: (p) => pointInPolygon(p, outline),
    width: Math.max(...xs) - Math.min(...xs),
    height: Math.max(...ys) - Math.min(...ys),
    area: polygonArea(outline),
  };
}

/** Working pixels per uploaded pixel for an image of this size. */
export function workingFactor(width: number, height: number): number {
  const long = Math.max(width, height);
  return long < MIN_SIDE ? MIN_SIDE / long : long > MAX_SIDE ? MAX_SIDE / long : 1;
}

export const PLAN_MIME_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'application/pdf'] as const;

export interface PlanReading {
  model: BuildingModel;
  scale: PlanScale;
  /** The scale as doors or walls alone give it, for comparison with a printed one. */
  scaleWithoutPrinted: PlanScale;
  /** The image the plan was read from, as PNG (PDFs rendered), for the editor's underlay. */
  underlay: { png: Buffer; width: number; height: number };
  /** Metres of the model per pixel of the underlay, and where its origin lies in it. */
  placement: { pxPerMetre: number; originPx: { x: number; y: number } };
  detected: {
    walls: number;
    doors: number;
    windows: number;
    rooms: number;
    namedRooms: number;
    explained: number;
    /** Degrees the image was turned back before reading. */
    skew: number;
    /** Why this is only a partial reading to check and complete in the editor, or null. */
    unsure: string | null;
    /** How the plan draws its walls: filled, hatched between two outlines, or outlines only. */
    wallStyle: WallStyle;
  };
  millis: number;
}

async function imageOf(file: Buffer, mime: string): Promise<Buffer> {
  if (mime !== 'application/pdf') return file;
  const { openPdfForRendering } = await import('../../../../platform/render/pdf-render.js');
  const pdf = await openPdfForRendering(file).catch(() => {
    throw new PlanNotReadable('not_a_plan', 'Die PDF-Datei lässt sich nicht öffnen.');
  });
  try {
    return await pdf.renderPage(0);
  } finally {
    await pdf.close();
  }
}

/**
 * Tesseract reads the room names of a small plan image better at twice the letter height; a
 * large one (a rendered PDF page) already has letters big enough and would only cost time.
 */
async function enlarged(png: Buffer, plan: PixelPlan): Promise<{ png: Buffer; scale: number }> {
  if (Math.max(plan.width, plan.height) > 1600) return { png, scale: 1 };
  return {
    png: await sharp(png)
      .resize(plan.width * 2, plan.height * 2, { kernel: 'lanczos3' })
      .png()
      .toBuffer(),
    scale: 2,
  };
}

/**
 * Reads an uploaded floor plan (PNG, JPEG, WebP or the first page of a PDF) into a building
 * model: normalise to greyscale at a workable size, detect walls and openings, scale, rooms.
 */
export async function readPlan(
  input: {
    file: Buffer;
    mime: string;
    name: string;
    reference?: ScaleReference;
    /** Names rooms after the words in them (OCR, a few seconds); on unless false. */
    readLabels?: boolean;
  },
  progress: Progress = () => {},
): Promise<PlanReading> {
  const started = performance.now();
  const image = await imageOf(input.file, input.mime);
  await progress(10, 'Bild geladen');
  let meta: Metadata;
  try {
    meta = await sharp(image).metadata();
  } catch {
    throw new PlanNotReadable('not_a_plan', 'Die Datei ist kein lesbares Bild (PNG, JPEG, WebP oder PDF).');
  }
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  if (width < 200 || height < 200)
    throw new PlanNotReadable(
      'not_a_plan',
      `Das Bild ist mit ${width} × ${height} Pixeln zu klein für einen Grundriss.`,
    );
  const factor = workingFactor(width, height);
  const working = sharp(image)
    .rotate()
    .flatten({ background: '#ffffff' })
    .greyscale()
    .resize(Math.round(width * factor), Math.round(height * factor), { fit: 'fill' });
  let { data, info } = await working.clone().raw().toBuffer({ resolveWithObject: true });
  // A scan or photo that is slightly turned is straightened first; walls are then axis-parallel.
  const skew = await measureSkew({
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    ...info,
  });
  const straight =
    skew === 0
      ? working
      : sharp(await working.clone().png().toBuffer())
          .rotate(-skew, { background: '#ffffff' })
          .greyscale();
  if (skew !== 0) ({ data, info } = await straight.clone().raw().toBuffer({ resolveWithObject: true }));
  const underlay = await straight.clone().png({ compressionLevel: 9, palette: true }).toBuffer();
  await progress(
    20,
    skew === 0 ? 'Bild aufbereitet' : `Bild um ${skew.toLocaleString('de-DE')}° gerade gerückt`,
  );

  const plan: PixelPlan = await detectWalls(
    {
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      width: info.width,
      height: info.height,
    },
    progress,
  );
  const text =
    input.readLabels === false
      ? { words: [], lines: [] }
      : await readPlanWords(await enlarged(underlay, plan));
  await progress(80, 'Beschriftung gelesen');
  const printed = scaleFromPrintedSizes(printedSizes(text.lines), plan.rooms.map(measuredRoom));
  // Printed sides are trusted over the doors: on the real-plan benchmark the door widths are
  // off by a median 24 %, the printed sizes by under 5 %.
  const scaleWithoutPrinted = planScale(plan, input.reference, factor);
  const scale = planScale(plan, input.reference, factor, printed?.pxPerMetre ?? null);
  const plain = planToModel(plan, scale, input.name);
  await progress(85, 'Räume gebildet');
  const origin = planOrigin(plan);
  const model = {
    ...plain,
    floors: plain.floors.map((floor) => ({
      ...floor,
      rooms: nameRoomsFromWords(
        floor.rooms,
        text.words.map((w) => ({
          text: w.text,
          at: { x: (w.x - origin.x) / scale.pxPerMetre, y: (w.y - origin.y) / scale.pxPerMetre },
        })),
      ),
    })),
  };
  await progress(90, 'Raumnamen gelesen');
  const floor = model.floors[0];
  return {
    model,
    scale,
    scaleWithoutPrinted,
    underlay: { png: underlay, width: info.width, height: info.height },
    placement: { pxPerMetre: scale.pxPerMetre, originPx: origin },
    detected: {
      walls: floor?.walls.length ?? 0,
      doors: floor?.openings.filter((o) => o.kind !== 'fenster').length ?? 0,
      windows: floor?.openings.filter((o) => o.kind === 'fenster').length ?? 0,
      rooms: modelFigures(model).rooms,
      namedRooms: floor?.rooms.filter((r) => !/^Raum \d+$/.test(r.name)).length ?? 0,
      explained: Math.round(plan.explained * 100) / 100,
      skew,
      unsure: plan.unsure,
      wallStyle: plan.wallStyle,
    },
    millis: Math.round(performance.now() - started),
  };
}
