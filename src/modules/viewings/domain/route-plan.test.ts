import { describe, expect, it } from 'vitest';
import { createRandom } from '../../crm/demo/random.js';
import { planInOrder, planRoute, type RouteProblem, type RouteStop } from './route-plan.js';
import { estimateMinutes, type GeoPoint, haversineKm } from './travel-estimate.js';

const seeded = (seed: number) => createRandom(seed).next;

const hm = (time: string) => {
  const [h, m] = time.split(':').map(Number);
  return (h as number) * 60 + (m as number);
};

// Town centres (WGS 84, as on their Wikipedia pages); the office is in Friedrichshafen.
const OFFICE: GeoPoint = { lat: 47.6542, lon: 9.4792 };
const TOWNS: Record<string, GeoPoint> = {
  meersburg: { lat: 47.6931, lon: 9.2711 },
  ueberlingen: { lat: 47.7667, lon: 9.1583 },
  konstanz: { lat: 47.6633, lon: 9.1753 },
  lindau: { lat: 47.5458, lon: 9.6839 },
  markdorf: { lat: 47.7186, lon: 9.3914 },
  tettnang: { lat: 47.6706, lon: 9.5878 },
};

function day(stops: (Omit<RouteStop, 'earliest' | 'latest'> & { from: string; to: string })[]): RouteProblem {
  const points = [OFFICE, ...stops.map((s) => TOWNS[s.id] as GeoPoint)];
  return {
    startAt: hm('08:30'),
    stops: stops.map(({ from, to, ...s }) => ({ ...s, earliest: hm(from), latest: hm(to) })),
    travel: estimateMinutes(points),
    returnToStart: true,
  };
}

describe('travel estimate', () => {
  it('matches the published haversine worked example (Rosetta Code: BNA → LAX, 2886.4 km at R = 6371 km)', () => {
    expect(haversineKm({ lat: 36.12, lon: -86.67 }, { lat: 33.94, lon: -118.4 })).toBeCloseTo(2886.4, 0);
  });

  it('puts Konstanz and Lindau at the two ends of the lake, more than an hour apart by road', () => {
    const minutes = estimateMinutes([OFFICE, TOWNS.konstanz as GeoPoint, TOWNS.lindau as GeoPoint]);
    const konstanz = minutes[0]?.[1] ?? 0;
    const lindau = minutes[0]?.[2] ?? 0;
    const apart = minutes[1]?.[2] ?? 0;
    expect(apart).toBeGreaterThan(60);
    expect(konstanz).toBeGreaterThan(lindau);
  });
});

describe('route planning (issue 21)', () => {
  // Six viewings around Lake Constance: two fixed appointments, four to be fitted in.
  const testDay = day([
    { id: 'konstanz', durationMinutes: 45, from: '09:00', to: '16:00' },
    { id: 'lindau', durationMinutes: 30, from: '14:00', to: '14:00' },
    { id: 'meersburg', durationMinutes: 30, from: '09:00', to: '16:00' },
    { id: 'ueberlingen', durationMinutes: 45, from: '11:00', to: '11:00' },
    { id: 'markdorf', durationMinutes: 30, from: '09:00', to: '17:00' },
    { id: 'tettnang', durationMinutes: 30, from: '09:00', to: '17:00' },
  ]);

  it('on the test day the heuristic is within 5 % of the best of all 720 orders, keeping both fixed times', () => {
    const best = planRoute(testDay, 'exact');
    const heuristic = planRoute(testDay, 'heuristic');
    expect(best.feasible).toBe(true);
    expect(heuristic.feasible).toBe(true);
    expect(heuristic.travelMinutes).toBeLessThanOrEqual(best.travelMinutes * 1.05);
    const at = (id: string) => heuristic.legs.find((leg) => leg.stopId === id)?.beginAt;
    expect(at('ueberlingen')).toBe(hm('11:00'));
    expect(at('lindau')).toBe(hm('14:00'));
    // Naive baseline: by opening time, as a broker lists the day without a planner.
    const byTime = [...testDay.stops].sort((a, b) => a.earliest - b.earliest || a.latest - b.latest);
    const naive = planInOrder(
      testDay,
      byTime.map((stop) => stop.id),
    );
    expect(heuristic.travelMinutes).toBeLessThan(naive.travelMinutes);
    console.info(
      `Test day: optimum ${best.travelMinutes} min, heuristic ${heuristic.travelMinutes} min, by opening time ${naive.travelMinutes} min`,
    );
  });

  it('stays within 5 % of brute force on 300 random days of 7 viewings (95th percentile gap)', () => {
    const next = seeded(20261204);
    const towns = Object.keys(TOWNS);
    const gaps: number[] = [];
    for (let round = 0; round < 300; round++) {
      const points: GeoPoint[] = [OFFICE];
      const stops: RouteStop[] = [];
      for (let i = 0; i < 7; i++) {
        const town = TOWNS[towns[Math.floor(next() * towns.length)] as string] as GeoPoint;
        points.push({ lat: town.lat + (next() - 0.5) * 0.05, lon: town.lon + (next() - 0.5) * 0.05 });
        const fixed = next() < 0.3;
        const earliest = hm('09:00') + Math.floor(next() * 16) * 30;
        stops.push({
          id: `v${i}`,
          durationMinutes: 30,
          earliest,
          latest: fixed ? earliest : earliest + 120 + Math.floor(next() * 6) * 60,
        });
      }
      const problem: RouteProblem = { startAt: hm('08:30'), stops, travel: estimateMinutes(points) };
      const best = planRoute(problem, 'exact');
      const heuristic = planRoute(problem, 'heuristic');
      expect(heuristic.lateMinutes).toBeGreaterThanOrEqual(best.lateMinutes);
      if (best.feasible && heuristic.feasible) gaps.push(heuristic.travelMinutes / best.travelMinutes - 1);
    }
    gaps.sort((a, b) => a - b);
    expect(gaps.length).toBeGreaterThan(50);
    expect(gaps[Math.floor(gaps.length * 0.95)]).toBeLessThanOrEqual(0.05);
  });

  it('says when fixed times cannot both be kept, and which viewing will be late', () => {
    const plan = planRoute(
      day([
        { id: 'lindau', durationMinutes: 30, from: '10:00', to: '10:00' },
        { id: 'konstanz', durationMinutes: 30, from: '10:45', to: '10:45' },
      ]),
    );
    expect(plan.feasible).toBe(false);
    expect(plan.order).toEqual(['lindau', 'konstanz']);
    expect(plan.late).toEqual([{ stopId: 'konstanz', minutes: expect.any(Number) }]);
    expect(plan.late[0]?.minutes).toBeGreaterThan(30);
  });

  it('proposes departures that arrive as the window opens, not earlier', () => {
    const plan = planRoute(day([{ id: 'meersburg', durationMinutes: 30, from: '10:00', to: '10:00' }]));
    const [leg] = plan.legs;
    expect(leg?.arriveAt).toBe(hm('10:00'));
    expect(leg?.departAt).toBe(hm('10:00') - (leg?.travelMinutes ?? 0));
    expect(leg?.waitMinutes).toBe(0);
    expect(plan.method).toBe('exact');
  });

  it('refuses a window that ends before it begins and a matrix of the wrong size', () => {
    const bad = day([{ id: 'meersburg', durationMinutes: 30, from: '11:00', to: '10:00' }]);
    expect(() => planRoute(bad)).toThrow(/endet vor seinem Beginn/);
    expect(() => planRoute({ ...testDay, travel: testDay.travel.slice(1) })).toThrow(/7 × 7/);
    expect(() => planInOrder(testDay, ['konstanz'])).toThrow(/genau einmal/);
    expect(() => planInOrder(testDay, ['atlantis'])).toThrow(/Unbekannte Besichtigung/);
  });

  it('plans 12 viewings with the heuristic', () => {
    const towns = Object.keys(TOWNS);
    const next = seeded(12);
    const points: GeoPoint[] = [OFFICE];
    const stops: RouteStop[] = [];
    for (let i = 0; i < 12; i++) {
      const town = TOWNS[towns[i % towns.length] as string] as GeoPoint;
      points.push({ lat: town.lat + (next() - 0.5) * 0.04, lon: town.lon + (next() - 0.5) * 0.04 });
      stops.push({ id: `v${i}`, durationMinutes: 20, earliest: hm('09:00'), latest: hm('18:00') });
    }
    const plan = planRoute({ startAt: hm('08:30'), stops, travel: estimateMinutes(points) });
    expect(plan.method).toBe('heuristic');
    expect(plan.feasible).toBe(true);
    expect(new Set(plan.order).size).toBe(12);
  });
});
