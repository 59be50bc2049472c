import { and, eq, gte, lt, ne } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import { badRequest } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { property, viewing } from '../../crm/schema.js';
import { planInOrder, planRoute, type RouteProblem, type RouteStop } from '../domain/route-plan.js';
import { estimateMinutes, type GeoPoint } from '../domain/travel-estimate.js';
import { VIEWING_TIME_ZONE } from '../domain/viewing-ics.js';
import { osrmTableMinutes } from './osrm-table.js';
import { propertyAddress } from './viewing-context.js';

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(Math.round(minutes % 60)).padStart(2, '0')}`;
const minutesOfDay = (d: Date) => {
  const t = DateTime.fromJSDate(d, { zone: VIEWING_TIME_ZONE });
  return t.hour * 60 + t.minute;
};

const legSchema = z.object({
  viewingId: z.string(),
  propertyTitle: z.string(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  departAt: z.string(),
  arriveAt: z.string(),
  beginAt: z.string(),
  endAt: z.string(),
  travelMinutes: z.number(),
  waitMinutes: z.number(),
  lateMinutes: z.number(),
  /** The appointment as booked, for comparison with the proposed begin. */
  bookedAt: z.string(),
});

const routeResponse = z.object({
  date: z.string(),
  agentId: z.string(),
  /** `estimate`: straight line × detour at an average speed — the UI labels it as an estimate. */
  source: z.enum(['osrm', 'estimate']),
  sourceNote: z.string(),
  legs: z.array(legSchema),
  travelMinutes: z.number(),
  feasible: z.boolean(),
  late: z.array(z.object({ viewingId: z.string(), propertyTitle: z.string(), minutes: z.number() })),
  /** The same day in booking order, to show what the proposal saves. */
  byTime: z.object({ travelMinutes: z.number(), feasible: z.boolean() }),
  method: z.enum(['exact', 'heuristic', 'given']),
  navigationUrl: z.string().nullable(),
  unplaced: z.array(z.object({ viewingId: z.string(), propertyTitle: z.string() })),
});

/** An agent's day: the proposed order of the viewings with departure times, and a link to navigate. */
export const routePlanRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/route',
    {
      config: { access: { permission: 'viewings.read' } },
      schema: {
        tags: ['viewings'],
        summary: 'Order and departure times for an agent’s viewings of one day',
        querystring: z.object({
          date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum als JJJJ-MM-TT'),
          agentId: z.string().max(100).optional(),
          /**
           * How much later than booked a viewing may begin (0: times are fixed). Never earlier: the
           * visitor comes at the booked time.
           */
          flexMinutes: z.coerce.number().int().min(0).max(240).default(0),
          startLat: z.coerce.number().min(-90).max(90).optional(),
          startLng: z.coerce.number().min(-180).max(180).optional(),
          departAt: z
            .string()
            .regex(/^\d{2}:\d{2}$/, 'Abfahrt als HH:MM')
            .optional(),
        }),
        response: { 200: routeResponse },
      },
    },
    async (request) => {
      const q = request.query;
      const day = DateTime.fromISO(q.date, { zone: VIEWING_TIME_ZONE });
      if (!day.isValid) throw badRequest('invalid_date', 'Unbekanntes Datum.');
      if ((q.startLat === undefined) !== (q.startLng === undefined))
        throw badRequest('invalid_start', 'Startpunkt braucht Breite und Länge.');
      const ctx = tenantContext(platform, request);
      const agentId = q.agentId ?? ctx.auth.user.id;
      const rows = await ctx.db((tx) =>
        tx
          .select({ viewing, property })
          .from(viewing)
          .innerJoin(property, eq(property.id, viewing.propertyId))
          .where(
            and(
              eq(viewing.agentId, agentId),
              ne(viewing.status, 'abgesagt'),
              gte(viewing.startsAt, day.startOf('day').toJSDate()),
              lt(viewing.startsAt, day.plus({ days: 1 }).startOf('day').toJSDate()),
            ),
          )
          .orderBy(viewing.startsAt),
      );
      const placed = rows.filter((r) => r.property.latitude !== null && r.property.longitude !== null);
      const unplaced = rows
        .filter((r) => !placed.includes(r))
        .map((r) => ({ viewingId: r.viewing.id, propertyTitle: r.property.title }));
      const empty = {
        date: q.date,
        agentId,
        source: 'estimate' as const,
        sourceNote: '',
        legs: [],
        travelMinutes: 0,
        feasible: true,
        late: [],
        byTime: { travelMinutes: 0, feasible: true },
        method: 'given' as const,
        navigationUrl: null,
        unplaced,
      };
      if (placed.length === 0) return empty;

      const points: GeoPoint[] = placed.map((r) => ({
        lat: r.property.latitude as number,
        lon: r.property.longitude as number,
      }));
      const start: GeoPoint =
        q.startLat !== undefined && q.startLng !== undefined
          ? { lat: q.startLat, lon: q.startLng }
          : (points[0] as GeoPoint);
      const all = [start, ...points];
      let travel: number[][];
      let source: 'osrm' | 'estimate' = 'estimate';
      let sourceNote = 'Geschätzte Fahrzeiten: Luftlinie × 1,3 bei durchschnittlich 45 km/h.';
      const osrm = platform.config.env.ROUTING_OSRM_URL;
      if (osrm) {
        try {
          travel = await osrmTableMinutes(osrm, all);
          source = 'osrm';
          sourceNote = 'Fahrzeiten vom Routenserver (OSRM).';
        } catch (error) {
          request.log.warn({ err: error }, 'OSRM table failed; using the estimate');
          travel = estimateMinutes(all);
          sourceNote = `Routenserver nicht erreichbar (${(error as Error).message}); Fahrzeiten geschätzt: Luftlinie × 1,3 bei 45 km/h.`;
        }
      } else travel = estimateMinutes(all);

      const stops: RouteStop[] = placed.map((r) => {
        const begin = minutesOfDay(r.viewing.startsAt);
        return {
          id: r.viewing.id,
          earliest: begin,
          latest: begin + q.flexMinutes,
          durationMinutes: Math.round((r.viewing.endsAt.getTime() - r.viewing.startsAt.getTime()) / 60_000),
        };
      });
      const firstBegin = Math.min(...stops.map((s) => s.earliest));
      const startAt = q.departAt
        ? Number(q.departAt.slice(0, 2)) * 60 + Number(q.departAt.slice(3, 5))
        : Math.max(0, firstBegin - 60);
      const problem: RouteProblem = { startAt, stops, travel };
      const plan = planRoute(problem);
      const byTime = planInOrder(
        problem,
        placed.map((r) => r.viewing.id),
      );
      const byId = new Map(placed.map((r) => [r.viewing.id, r]));
      const legs = plan.legs.map((leg) => {
        const r = byId.get(leg.stopId) as (typeof placed)[number];
        return {
          viewingId: leg.stopId,
          propertyTitle: r.property.title,
          address: propertyAddress(r.property),
          lat: r.property.latitude as number,
          lng: r.property.longitude as number,
          departAt: hhmm(leg.departAt),
          arriveAt: hhmm(leg.arriveAt),
          beginAt: hhmm(leg.beginAt),
          endAt: hhmm(leg.endAt),
          travelMinutes: leg.travelMinutes,
          waitMinutes: leg.waitMinutes,
          lateMinutes: leg.lateMinutes,
          bookedAt: hhmm(minutesOfDay(r.viewing.startsAt)),
        };
      });
      const coordinate = (p: { lat: number; lng: number }) => `${p.lat},${p.lng}`;
      const last = legs.at(-1);
      const navigationUrl = last
        ? `https://www.google.com/maps/dir/?${new URLSearchParams({
            api: '1',
            origin: coordinate({ lat: start.lat, lng: start.lon }),
            destination: coordinate(last),
            waypoints: legs.slice(0, -1).map(coordinate).join('|'),
            travelmode: 'driving',
          })}`
        : null;
      return {
        ...empty,
        source,
        sourceNote,
        legs,
        travelMinutes: plan.travelMinutes,
        feasible: plan.feasible,
        late: plan.late.map((l) => ({
          viewingId: l.stopId,
          propertyTitle: byId.get(l.stopId)?.property.title ?? '',
          minutes: l.minutes,
        })),
        byTime: { travelMinutes: byTime.travelMinutes, feasible: byTime.feasible },
        method: plan.method,
        navigationUrl,
      };
    },
  );
};
