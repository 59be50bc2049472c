// Route planning for an agent's day (issue 21): planning time for 6, 8 and 12 viewings spread
// around Lake Constance, with every fourth at a fixed time, and the travel the plan saves
// against the naive order (by opening time).
//   npm run bench:routes

import { createRandom } from '../src/modules/crm/demo/random.js';
import { planInOrder, planRoute, type RouteStop } from '../src/modules/viewings/domain/route-plan.js';
import { estimateMinutes, type GeoPoint } from '../src/modules/viewings/domain/travel-estimate.js';
import { percentile } from './bench-server.js';

const seeded = (seed: number) => createRandom(seed).next;

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const OFFICE: GeoPoint = { lat: 47.6542, lon: 9.4792 };
// Meersburg, Überlingen, Konstanz, Lindau, Markdorf, Tettnang (town centres).
const TOWNS: GeoPoint[] = [
  { lat: 47.6931, lon: 9.2711 },
  { lat: 47.7667, lon: 9.1583 },
  { lat: 47.6633, lon: 9.1753 },
  { lat: 47.5458, lon: 9.6839 },
  { lat: 47.7186, lon: 9.3914 },
  { lat: 47.6706, lon: 9.5878 },
];

function dayOf(size: number, next: () => number) {
  const points: GeoPoint[] = [OFFICE];
  const stops: RouteStop[] = [];
  for (let i = 0; i < size; i++) {
    const town = TOWNS[Math.floor(next() * TOWNS.length)] as GeoPoint;
    points.push({ lat: town.lat + (next() - 0.5) * 0.05, lon: town.lon + (next() - 0.5) * 0.05 });
    // Every fourth viewing is a fixed appointment, 2½ hours apart; the rest fit in between.
    const fixed = i % 4 === 0;
    const earliest = fixed ? 9 * 60 + (i / 4) * 150 : 9 * 60 + Math.floor(next() * 8) * 30;
    stops.push({ id: `v${i}`, durationMinutes: 30, earliest, latest: fixed ? earliest : 18 * 60 });
  }
  return { startAt: 8 * 60 + 30, stops, travel: estimateMinutes(points), returnToStart: true };
}

for (const size of [6, 8, 12]) {
  const next = seeded(size);
  const times: number[] = [];
  let saved = 0;
  let feasible = 0;
  let planFeasible = 0;
  let naiveFeasible = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const day = dayOf(size, next);
    const started = performance.now();
    const plan = planRoute(day);
    times.push(performance.now() - started);
    const byTime = [...day.stops].sort((a, b) => a.earliest - b.earliest || a.latest - b.latest);
    const naive = planInOrder(
      day,
      byTime.map((stop) => stop.id),
    );
    if (plan.feasible) planFeasible += 1;
    if (naive.feasible) naiveFeasible += 1;
    if (plan.feasible && naive.feasible) {
      feasible += 1;
      saved += 1 - plan.travelMinutes / naive.travelMinutes;
    }
  }
  times.sort((a, b) => a - b);
  console.log(
    `${size} viewings (${size <= 8 ? 'exact' : 'heuristic'}): p50=${percentile(times, 50).toFixed(2)} ms p95=${percentile(times, 95).toFixed(2)} ms; ` +
      `days that keep every time: plan ${planFeasible}/${ROUNDS}, by opening time ${naiveFeasible}/${ROUNDS}; ` +
      `travel saved where both do: ${((saved / Math.max(1, feasible)) * 100).toFixed(1)} % (${feasible} days)`,
  );
}
