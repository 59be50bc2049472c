/**
 * The order of an agent's day. Stop 0 of the matrix is where the day starts (the office or home);
 * stops 1..n are the viewings. Each viewing may begin inside its window: a fixed appointment has
 * earliest = latest, a flexible one ("some time this afternoon") a wider window. Arriving early
 * means waiting; arriving after `latest` is lateness, and a plan with lateness is infeasible.
 *
 * Up to EXACT_LIMIT stops every order is tried (8! = 40,320 orders, a few milliseconds); above, a
 * deadline-aware nearest-neighbour start is improved by 2-opt and or-opt moves until none helps.
 */
export interface RouteStop {
  id: string;
  /** Minutes since midnight (Europe/Berlin) the viewing may begin at the earliest and the latest. */
  earliest: number;
  latest: number;
  durationMinutes: number;
}

export interface RouteProblem {
  /** Minutes since midnight at which the agent can leave the start. */
  startAt: number;
  stops: readonly RouteStop[];
  /** travel[i][j]: minutes from point i to j; index 0 is the start, i + 1 is stops[i]. */
  travel: readonly (readonly number[])[];
  returnToStart?: boolean;
}

export interface PlannedLeg {
  stopId: string;
  /** When to leave the previous place so as to arrive at the window's opening, not earlier. */
  departAt: number;
  arriveAt: number;
  beginAt: number;
  endAt: number;
  travelMinutes: number;
  waitMinutes: number;
  lateMinutes: number;
}

export interface RoutePlan {
  order: string[];
  legs: PlannedLeg[];
  travelMinutes: number;
  lateMinutes: number;
  feasible: boolean;
  /** The viewings that cannot begin in time in any order this planner found, by how much. */
  late: { stopId: string; minutes: number }[];
  method: 'exact' | 'heuristic' | 'given';
  finishAt: number;
}

export const EXACT_LIMIT = 8;

interface Score {
  late: number;
  travel: number;
  finish: number;
}

/** Lateness first, then travel, then the earlier end of the day. */
const better = (a: Score, b: Score) =>
  a.late !== b.late ? a.late < b.late : a.travel !== b.travel ? a.travel < b.travel : a.finish < b.finish;

function score(problem: RouteProblem, order: readonly number[]): Score {
  let time = problem.startAt;
  let at = 0;
  let travel = 0;
  let late = 0;
  for (const index of order) {
    const stop = problem.stops[index] as RouteStop;
    const leg = problem.travel[at]?.[index + 1] ?? 0;
    travel += leg;
    const arrive = time + leg;
    late += Math.max(0, arrive - stop.latest);
    time = Math.max(arrive, stop.earliest) + stop.durationMinutes;
    at = index + 1;
  }
  if (problem.returnToStart) {
    const back = problem.travel[at]?.[0] ?? 0;
    travel += back;
    time += back;
  }
  return { late, travel, finish: time };
}

function exactOrder(problem: RouteProblem): number[] {
  const n = problem.stops.length;
  let best: number[] = [...Array(n).keys()];
  let bestScore = score(problem, best);
  const order: number[] = [];
  const used = new Array<boolean>(n).fill(false);
  const visit = () => {
    if (order.length === n) {
      const s = score(problem, order);
      if (better(s, bestScore)) {
        bestScore = s;
        best = [...order];
      }
      return;
    }
    for (let i = 0; i < n; i++) {
      if (used[i]) continue;
      used[i] = true;
      order.push(i);
      visit();
      order.pop();
      used[i] = false;
    }
  };
  visit();
  return best;
}

/**
 * Next the stop that can begin soonest; ties by the closing window, then distance. `first`, when
 * given, is visited first, so that several starts explore different parts of the day.
 */
function nearestNeighbour(problem: RouteProblem, first?: number): number[] {
  const left = new Set(problem.stops.keys());
  const order: number[] = [];
  let at = 0;
  let time = problem.startAt;
  if (first !== undefined) {
    const stop = problem.stops[first] as RouteStop;
    time = Math.max(time + (problem.travel[0]?.[first + 1] ?? 0), stop.earliest) + stop.durationMinutes;
    at = first + 1;
    order.push(first);
    left.delete(first);
  }
  while (left.size > 0) {
    let pick = -1;
    let pickKey: [number, number, number] = [1, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
    for (const i of left) {
      const stop = problem.stops[i] as RouteStop;
      const leg = problem.travel[at]?.[i + 1] ?? 0;
      const begin = Math.max(time + leg, stop.earliest);
      // Look ahead one step: a stop after which another window can no longer be reached goes
      // last in line, else the greedy choice walks past a fixed appointment.
      const end = begin + stop.durationMinutes;
      const strands = [...left].some(
        (j) =>
          j !== i && end + (problem.travel[i + 1]?.[j + 1] ?? 0) > (problem.stops[j] as RouteStop).latest,
      );
      // Then whoever would begin first; a closing window breaks the tie before distance.
      const key: [number, number, number] = [strands ? 1 : 0, begin, stop.latest * 1e4 + leg];
      if (
        pick === -1 ||
        key[0] < pickKey[0] ||
        (key[0] === pickKey[0] && (key[1] < pickKey[1] || (key[1] === pickKey[1] && key[2] < pickKey[2])))
      ) {
        pick = i;
        pickKey = key;
      }
    }
    const stop = problem.stops[pick] as RouteStop;
    time = pickKey[1] + stop.durationMinutes;
    at = pick + 1;
    order.push(pick);
    left.delete(pick);
  }
  return order;
}

/** 2-opt (reverse a run) and or-opt (move a run of 1–3 stops elsewhere) until no move helps. */
function improve(problem: RouteProblem, start: number[]): number[] {
  let best = start;
  let bestScore = score(problem, best);
  const n = best.length;
  for (let improved = true; improved; ) {
    improved = false;
    for (let i = 0; i < n - 1 && !improved; i++) {
      for (let j = i + 1; j < n && !improved; j++) {
        const candidate = [...best.slice(0, i), ...best.slice(i, j + 1).reverse(), ...best.slice(j + 1)];
        const s = score(problem, candidate);
        if (better(s, bestScore)) [best, bestScore, improved] = [candidate, s, true];
      }
    }
    for (let length = 1; length <= 3 && !improved; length++) {
      for (let i = 0; i + length <= n && !improved; i++) {
        const run = best.slice(i, i + length);
        const rest = [...best.slice(0, i), ...best.slice(i + length)];
        for (let k = 0; k <= rest.length && !improved; k++) {
          if (k === i) continue;
          const candidate = [...rest.slice(0, k), ...run, ...rest.slice(k)];
          const s = score(problem, candidate);
          if (better(s, bestScore)) [best, bestScore, improved] = [candidate, s, true];
        }
      }
    }
  }
  return best;
}

export function legsOf(problem: RouteProblem, order: readonly number[]): PlannedLeg[] {
  const legs: PlannedLeg[] = [];
  let time = problem.startAt;
  let at = 0;
  for (const index of order) {
    const stop = problem.stops[index] as RouteStop;
    const travel = problem.travel[at]?.[index + 1] ?? 0;
    const departAt = Math.max(time, stop.earliest - travel);
    const arriveAt = departAt + travel;
    const beginAt = Math.max(arriveAt, stop.earliest);
    legs.push({
      stopId: stop.id,
      departAt,
      arriveAt,
      beginAt,
      endAt: beginAt + stop.durationMinutes,
      travelMinutes: travel,
      waitMinutes: beginAt - arriveAt,
      lateMinutes: Math.max(0, arriveAt - stop.latest),
    });
    time = beginAt + stop.durationMinutes;
    at = index + 1;
  }
  return legs;
}

export function planRoute(problem: RouteProblem, method: 'auto' | 'exact' | 'heuristic' = 'auto'): RoutePlan {
  for (const stop of problem.stops) {
    if (stop.latest < stop.earliest)
      throw new RangeError(`Zeitfenster von ${stop.id} endet vor seinem Beginn.`);
  }
  const size = problem.stops.length + 1;
  if (problem.travel.length !== size || problem.travel.some((row) => row.length !== size))
    throw new RangeError(`Die Fahrzeit-Matrix muss ${size} × ${size} groß sein.`);
  const exact = method === 'exact' || (method === 'auto' && problem.stops.length <= EXACT_LIMIT);
  return planOf(problem, exact ? exactOrder(problem) : bestOfStarts(problem), exact ? 'exact' : 'heuristic');
}

/**
 * Local search from a single start can settle in a local optimum when fixed appointments split
 * the day. Starting once from each stop and keeping the best costs n times the work, still
 * milliseconds for a day's viewings.
 */
function bestOfStarts(problem: RouteProblem): number[] {
  let best = improve(problem, nearestNeighbour(problem));
  let bestScore = score(problem, best);
  for (const first of problem.stops.keys()) {
    const candidate = improve(problem, nearestNeighbour(problem, first));
    const s = score(problem, candidate);
    if (better(s, bestScore)) [best, bestScore] = [candidate, s];
  }
  return best;
}

/** The day in an order the broker chose (to compare with the proposal); unknown ids are refused. */
export function planInOrder(problem: RouteProblem, ids: readonly string[]): RoutePlan {
  const index = new Map(problem.stops.map((stop, i) => [stop.id, i]));
  const order = ids.map((id) => {
    const i = index.get(id);
    if (i === undefined) throw new RangeError(`Unbekannte Besichtigung: ${id}`);
    return i;
  });
  if (new Set(order).size !== problem.stops.length)
    throw new RangeError('Jede Besichtigung genau einmal angeben.');
  return planOf(problem, order, 'given');
}

function planOf(problem: RouteProblem, order: number[], method: RoutePlan['method']): RoutePlan {
  const legs = legsOf(problem, order);
  const s = score(problem, order);
  return {
    order: order.map((i) => (problem.stops[i] as RouteStop).id),
    legs,
    travelMinutes: s.travel,
    lateMinutes: s.late,
    feasible: s.late === 0,
    late: legs
      .filter((leg) => leg.lateMinutes > 0)
      .map((leg) => ({ stopId: leg.stopId, minutes: leg.lateMinutes })),
    method,
    finishAt: s.finish,
  };
}
