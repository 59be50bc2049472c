// Floor-plan reading on real public plans with ground truth (see
// src/modules/models3d/test/real-plans.ts for the data sets and how to get them; they are not
// in the repository). Reports, per data set and wall style, next to the naive baseline
// (threshold + opening) in the same run: refusals, wall IoU/precision/recall, opening
// recall/precision, room count exact and within ±1, room IoU, time and peak RSS.
//   npm run bench:real-plans                 (R3D train split: the one the reader is tuned on)
//   npm run bench:real-plans -- --split=test (reporting only; never tune on it)
//   options: --fast (no OCR of room names), --limit=N, --only=<id>, --verbose
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { buildingModelSchema } from '../src/modules/models3d/domain/building-model.js';
import { PlanNotReadable } from '../src/modules/models3d/server/plan/detect-walls.js';
import { printedSizes, scaleFromPrintedSizes } from '../src/modules/models3d/server/plan/printed-scale.js';
import { readPlanWords } from '../src/modules/models3d/server/plan/read-labels.js';
import { type PlanReading, readPlan, workingFactor } from '../src/modules/models3d/server/plan/read-plan.js';
import {
  baselineWalls,
  components,
  type Overlap,
  overlap,
  type RealPlanScore,
  scoreRealPlan,
} from '../src/modules/models3d/test/real-plan-score.js';
import {
  maskInUnderlay,
  planDataDir,
  type RealPlan,
  r3dPlans,
} from '../src/modules/models3d/test/real-plans.js';
import { percentile } from './bench-server.js';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [key, value] = a.replace(/^--/, '').split('=');
    return [key as string, value ?? 'true'];
  }),
);
const split = args.get('split') === 'test' ? 'test' : 'train';
const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = planDataDir(root);
let plans: RealPlan[] = r3dPlans(dataDir, split);
if (args.has('only')) plans = plans.filter((p) => p.id === args.get('only'));
if (args.has('limit')) plans = plans.slice(0, Number(args.get('limit')));
if (plans.length === 0) {
  console.log(
    `No real plans found under ${dataDir}. Put DeepFloorplan's R3D set into ${dataDir}/r3d/{train,test}/ (see src/modules/models3d/test/real-plans.ts) or set PLAN_DATA_DIR.`,
  );
  process.exit(0);
}

interface Result {
  plan: RealPlan;
  refused?: string;
  score?: RealPlanScore;
  baseline: Overlap;
  /** Relative error of the reader's scale against the one the printed room sizes give on the true rooms. */
  scale?: { error: number; source: string; withoutPrinted: number };
  millis: number;
  /** The wall style as the reader saw it (hatched or outlined walls filled), else as the data set says. */
  style: string;
  /** Whether the model read passes the schema, so the broker can save it as it comes. */
  savable: boolean;
}

const results: Result[] = [];
let peakRss = 0;
for (const plan of plans) {
  const file = await readFile(plan.image);
  const meta = await sharp(file).metadata();
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  const factor = workingFactor(width, height);
  const working = { width: Math.round(width * factor), height: Math.round(height * factor) };
  const started = performance.now();
  let reading: PlanReading | undefined;
  let refused: string | undefined;
  try {
    reading = await readPlan({ file, mime: 'image/jpeg', name: plan.id, readLabels: !args.has('fast') });
  } catch (error) {
    if (!(error instanceof PlanNotReadable)) throw error;
    refused = error.code;
  }
  const millis = performance.now() - started;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  // Both the reader and the baseline are scored in the straightened working image.
  const skew = reading?.detected.skew ?? 0;
  const underlay = reading?.underlay ?? {
    png: await sharp(file)
      .flatten({ background: '#fff' })
      .greyscale()
      .resize(working.width, working.height, { fit: 'fill' })
      .png()
      .toBuffer(),
    ...working,
  };
  const truth = {
    width: underlay.width,
    height: underlay.height,
    wall: await maskInUnderlay(plan.wallMask, working, skew, underlay),
    opening: await maskInUnderlay(plan.openingMask, working, skew, underlay),
    room: await maskInUnderlay(plan.roomMask, working, skew, underlay),
  };
  const baseline = overlap(await baselineWalls(underlay.png), truth.wall);
  const score = reading ? await scoreRealPlan(reading, truth) : undefined;
  const truthScale = reading && !args.has('fast') ? await printedTruthScale(underlay.png, truth) : null;
  const scale =
    reading && truthScale
      ? {
          error: Math.abs(reading.scale.pxPerMetre - truthScale) / truthScale,
          source: reading.scale.source,
          withoutPrinted: Math.abs(reading.scaleWithoutPrinted.pxPerMetre - truthScale) / truthScale,
        }
      : undefined;
  results.push({
    plan,
    refused,
    score,
    baseline,
    millis,
    scale,
    style: reading?.detected.wallStyle ?? plan.style,
    savable: reading ? buildingModelSchema.safeParse(reading.model).success : true,
  });
  if (args.has('verbose'))
    console.log(
      plan.id,
      refused ??
        `wall IoU ${pct(score?.wall.iou ?? 0)} (baseline ${pct(baseline.iou)}), openings ${score?.openings.matched}/${score?.openings.truth} of ${score?.openings.found} found, rooms ${score?.rooms.found}/${score?.rooms.truth} IoU ${pct(score?.rooms.meanIoU ?? 0)}, ${Math.round(millis)} ms`,
    );
}

/**
 * The plan's scale as its printed room sizes give it, measured on the true rooms of the
 * ground truth (not on the reader's): the sizes are read by OCR, as the reader reads them.
 */
async function printedTruthScale(
  png: Buffer,
  truth: { width: number; height: number; room: Uint8Array },
): Promise<number | null> {
  const big = Math.max(truth.width, truth.height) <= 1600;
  const image = big
    ? {
        png: await sharp(png)
          .resize(truth.width * 2, truth.height * 2, { kernel: 'lanczos3' })
          .png()
          .toBuffer(),
        scale: 2,
      }
    : { png, scale: 1 };
  const { lines } = await readPlanWords(image);
  const rooms = await components(truth.room, truth.width, truth.height, 40);
  const scale = scaleFromPrintedSizes(
    printedSizes(lines),
    rooms.parts.map((part) => ({
      contains: (p) => rooms.labels[Math.round(p.y) * truth.width + Math.round(p.x)] === part.label,
      width: part.w,
      height: part.h,
      area: part.area,
    })),
  );
  return scale?.pxPerMetre ?? null;
}

function pct(n: number) {
  return `${(n * 100).toFixed(1)} %`;
}
const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);

const groups = new Map<string, Result[]>();
for (const r of results) {
  const key = `${r.plan.set} ${r.plan.split} (${r.style} walls)`;
  groups.set(key, [...(groups.get(key) ?? []), r]);
}
for (const [key, group] of groups) {
  const read = group.filter((r) => r.score).map((r) => r.score as RealPlanScore);
  const refusals = group.filter((r) => r.refused);
  const times = group.map((r) => r.millis).sort((a, b) => a - b);
  const openingTruth = read.reduce((s, r) => s + r.openings.truth, 0);
  const openingFound = read.reduce((s, r) => s + r.openings.found, 0);
  const openingMatched = read.reduce((s, r) => s + r.openings.matched, 0);
  const codes = [...new Set(refusals.map((r) => r.refused))].map(
    (code) => `${code} ${refusals.filter((r) => r.refused === code).length}`,
  );
  console.log(`\n${key}: ${group.length} plans`);
  console.log(
    `  refused: ${pct(refusals.length / group.length)}${codes.length ? ` (${codes.join(', ')})` : ''}; read but not savable as read: ${group.filter((r) => !r.savable).length}`,
  );
  console.log(
    `  wall IoU of read plans: mean ${pct(mean(read.map((s) => s.wall.iou)))}, precision ${pct(mean(read.map((s) => s.wall.precision)))}, recall ${pct(mean(read.map((s) => s.wall.recall)))}`,
  );
  console.log(
    `  wall IoU over all plans (refused = 0): mean ${pct(mean(group.map((r) => r.score?.wall.iou ?? 0)))}`,
  );
  console.log(
    `  baseline threshold + opening, all plans: IoU ${pct(mean(group.map((r) => r.baseline.iou)))}, precision ${pct(mean(group.map((r) => r.baseline.precision)))}, recall ${pct(mean(group.map((r) => r.baseline.recall)))}`,
  );
  console.log(
    `  openings (doors and windows together; R3D does not tell them apart): recall ${pct(openingMatched / Math.max(1, openingTruth))}, precision ${pct(openingMatched / Math.max(1, openingFound))}`,
  );
  console.log(
    `  rooms: count exact ${pct(read.filter((s) => s.rooms.found === s.rooms.truth).length / Math.max(1, read.length))}, within ±1 ${pct(read.filter((s) => Math.abs(s.rooms.found - s.rooms.truth) <= 1).length / Math.max(1, read.length))}, mean room IoU ${pct(mean(read.map((s) => s.rooms.meanIoU)))}`,
  );
  const scaled = group.filter((r) => r.scale).map((r) => r.scale as NonNullable<Result['scale']>);
  if (scaled.length > 0) {
    const errors = scaled.map((x) => x.error).sort((a, b) => a - b);
    const sources = [...new Set(scaled.map((x) => x.source))].map(
      (source) => `${source} ${scaled.filter((x) => x.source === source).length}`,
    );
    console.log(
      `  scale error where the plan prints room sizes (${scaled.length} plans; ${sources.join(', ')}): median ${pct(errors[Math.floor(errors.length * 0.5)] as number)}, p90 ${pct(errors[Math.floor(errors.length * 0.9)] as number)}, within 10 % ${pct(errors.filter((e) => e <= 0.1).length / errors.length)}`,
    );
    const naive = scaled.map((x) => x.withoutPrinted).sort((a, b) => a - b);
    console.log(
      `  baseline scale from door widths / wall thickness alone, same plans: median ${pct(naive[Math.floor(naive.length * 0.5)] as number)}, p90 ${pct(naive[Math.floor(naive.length * 0.9)] as number)}, within 10 % ${pct(naive.filter((e) => e <= 0.1).length / naive.length)}`,
    );
  }
  console.log(
    `  time per plan${args.has('fast') ? ' (without OCR)' : ''}: p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms`,
  );
}
console.log(`\npeak RSS: ${Math.round(peakRss / 1024 / 1024)} MiB`);
