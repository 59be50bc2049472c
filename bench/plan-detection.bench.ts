// Floor-plan reading on synthetic plans with known walls: every template floor drawn at
// three scales with room names, areas, furniture, dimension chains and a title block as
// clutter, as PNG and as JPEG (quality 70). Reports wall-pixel IoU, opening recall and
// precision, door/window accuracy, rooms found, room uses read from labels, scale error,
// time (including OCR of the labels) and peak memory.
//   npm run bench:plans
import sharp from 'sharp';
import { TEMPLATES, templateModel } from '../src/modules/models3d/domain/templates.js';
import { readPlan } from '../src/modules/models3d/server/plan/read-plan.js';
import { type PlanScore, scorePlan } from '../src/modules/models3d/test/plan-score.js';
import { renderSyntheticPlan } from '../src/modules/models3d/test/synthetic-plan.js';
import { percentile } from './bench-server.js';

const scores: PlanScore[] = [];
const times: number[] = [];
let peakRss = 0;
let failures = 0;
for (const template of TEMPLATES) {
  const model = templateModel(template.id);
  for (const [f, floor] of (model?.floors ?? []).entries())
    for (const [s, pxPerMetre] of [50, 65, 80].entries())
      for (const format of ['png', 'jpeg'] as const) {
        const plan = await renderSyntheticPlan(floor, { pxPerMetre, seed: 11 * f + s + 1 });
        const file = format === 'png' ? plan.png : await sharp(plan.png).jpeg({ quality: 70 }).toBuffer();
        const started = performance.now();
        try {
          const reading = await readPlan({ file, mime: `image/${format}`, name: template.id });
          times.push(performance.now() - started);
          scores.push(await scorePlan(plan, reading, floor));
        } catch (error) {
          failures++;
          console.log(`${template.id} floor ${f} ${pxPerMetre} px/m ${format}: ${(error as Error).message}`);
        }
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }
}
// Scanned a little askew: every template floor at 65 px/m turned by 2°, read after straightening.
const skewed: { rooms: boolean; openings: boolean; skew: number }[] = [];
for (const template of TEMPLATES)
  for (const floor of templateModel(template.id)?.floors ?? []) {
    const plan = await renderSyntheticPlan(floor, { pxPerMetre: 65, seed: 5 });
    const turned = await sharp(plan.png).rotate(2, { background: '#ffffff' }).png().toBuffer();
    const reading = await readPlan({ file: turned, mime: 'image/png', name: template.id, readLabels: false });
    const found = reading.model.floors[0];
    const indoor = floor.rooms.filter((r) => r.type !== 'balkon' && r.type !== 'terrasse').length;
    skewed.push({
      rooms: found?.rooms.length === indoor,
      openings: found?.openings.length === floor.openings.length,
      skew: reading.detected.skew,
    });
  }
// Walls hatched between two outlines, as architects draw them, and outlines without fill, as CAD
// exports draw them: every template floor at 65 px/m.
const styled = { hatched: [] as PlanScore[], outline: [] as PlanScore[] };
for (const wallStyle of ['hatched', 'outline'] as const)
  for (const template of TEMPLATES)
    for (const [f, floor] of (templateModel(template.id)?.floors ?? []).entries()) {
      const plan = await renderSyntheticPlan(floor, { pxPerMetre: 65, seed: 7 * f + 2, wallStyle });
      const reading = await readPlan({
        file: plan.png,
        mime: 'image/png',
        name: template.id,
        readLabels: false,
      });
      styled[wallStyle].push(await scorePlan(plan, reading, floor));
    }

const mean = (pick: (s: PlanScore) => number, of = scores) =>
  of.reduce((sum, s) => sum + pick(s), 0) / of.length;
const pct = (n: number) => `${(n * 100).toFixed(1)} %`;
const sorted = [...times].sort((a, b) => a - b);
console.log(`plans read: ${scores.length} of ${scores.length + failures}`);
console.log(
  `wall-pixel IoU: mean ${pct(mean((s) => s.wallIoU))}, worst ${pct(Math.min(...scores.map((s) => s.wallIoU)))}`,
);
console.log(
  `opening recall: ${pct(mean((s) => s.openingRecall))}, precision ${pct(mean((s) => s.openingPrecision))}`,
);
console.log(`door/window told apart: ${pct(mean((s) => s.kindAccuracy))}`);
console.log(
  `rooms exactly found: ${pct(scores.filter((s) => s.rooms.found === s.rooms.truth).length / scores.length)}`,
);
console.log(`room use read from the plan's labels (OCR): ${pct(mean((s) => s.roomTypesRead))}`);
console.log(`scale error from door widths: mean ${pct(mean((s) => s.scaleError))}`);
console.log(
  `time per plan: p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms`,
);
console.log(`peak RSS: ${Math.round(peakRss / 1024 / 1024)} MiB`);
console.log(
  `turned by 2°: measured ${skewed.map((s) => s.skew).join(', ')}°; rooms exactly found ${pct(skewed.filter((s) => s.rooms).length / skewed.length)}, every opening found ${pct(skewed.filter((s) => s.openings).length / skewed.length)}`,
);
for (const [wallStyle, of] of Object.entries(styled))
  console.log(
    `${wallStyle} walls (${of.length} plans): wall-pixel IoU ${pct(mean((s) => s.wallIoU, of))}, opening recall ${pct(mean((s) => s.openingRecall, of))}, precision ${pct(mean((s) => s.openingPrecision, of))}, rooms exactly found ${pct(of.filter((s) => s.rooms.found === s.rooms.truth).length / of.length)}, within ±1 ${pct(of.filter((s) => Math.abs(s.rooms.found - s.rooms.truth) <= 1).length / of.length)}`,
  );
