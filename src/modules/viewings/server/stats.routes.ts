import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import Papa from 'papaparse';
import { z } from 'zod';
import { authUser } from '../../../platform/auth/auth.schema.js';
import { formatDateTime } from '../../../platform/format/format-de.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { badRequest, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { property, viewing } from '../../crm/schema.js';
import { contactDisplayName } from '../../crm/server/contact-view.js';
import { agentStatsSchema, propertyStatsSchema } from '../contract.js';
import {
  propertyViewingStats,
  summarise,
  type VisitorRow,
  viewingsOfProperty,
  visitorRows,
} from './property-stats.js';

const STATUS_DE: Record<string, string> = {
  geplant: 'geplant',
  durchgefuehrt: 'durchgeführt',
  abgesagt: 'abgesagt',
};
const RESPONSE_DE = { offen: 'offen', bestaetigt: 'bestätigt', abgesagt: 'abgesagt' } as const;
const PRICE_DE = { zu_hoch: 'zu hoch', angemessen: 'angemessen', guenstig: 'günstig' } as const;

/** Viewing figures per property (for its page and the owner report) and per agent; CSV export. */
export const statsRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/stats/properties/:propertyId',
    {
      config: { access: { permission: 'viewings.read' } },
      schema: {
        tags: ['viewings'],
        summary: 'Viewings, check-ins, no-shows and feedback of one property, with a weekly series',
        params: z.object({ propertyId: z.string().uuid() }),
        response: { 200: propertyStatsSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { propertyId } = request.params;
      return ctx.db(async (tx) => {
        const [p] = await tx.select({ id: property.id }).from(property).where(eq(property.id, propertyId));
        if (!p) throw notFound('Objekt');
        return propertyViewingStats(tx, propertyId);
      });
    },
  );

  app.get(
    '/stats/properties/:propertyId/visitors.csv',
    {
      config: { access: { permission: 'viewings.read' } },
      schema: {
        tags: ['viewings'],
        summary: 'One line per visitor and viewing of the property (semicolon CSV for Excel)',
        params: z.object({ propertyId: z.string().uuid() }),
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const { propertyId } = request.params;
      const data = await ctx.db(async (tx) => {
        const [p] = await tx.select().from(property).where(eq(property.id, propertyId));
        if (!p) throw notFound('Objekt');
        const viewings = await viewingsOfProperty(tx, propertyId);
        return {
          property: p,
          viewings,
          visitors: await visitorRows(
            tx,
            viewings.map((v) => v.id),
          ),
        };
      });
      const byId = new Map(data.viewings.map((v) => [v.id, v]));
      const rows = data.visitors
        .map((r) => ({ r, v: byId.get(r.p.viewingId) }))
        .filter((x): x is { r: VisitorRow; v: NonNullable<typeof x.v> } => Boolean(x.v))
        .sort((a, b) => a.v.startsAt.getTime() - b.v.startsAt.getTime())
        .map(({ r, v }) => ({
          Termin: formatDateTime(v.startsAt),
          Terminstatus: STATUS_DE[v.status] ?? v.status,
          Besucher: contactDisplayName(r.c),
          'E-Mail': r.c.email ?? '',
          Antwort: RESPONSE_DE[r.p.response],
          'Check-in': r.p.checkedInAt ? formatDateTime(r.p.checkedInAt) : '',
          'Check-in durch':
            r.p.checkedInBy === 'agent' ? 'Makler' : r.p.checkedInBy === 'visitor' ? 'Besucher (QR)' : '',
          'Nicht erschienen': r.p.noShow ? 'ja' : 'nein',
          'Interesse (1–5)': r.f ? String(r.f.interest) : '',
          Preis: r.f?.priceOpinion ? PRICE_DE[r.f.priceOpinion] : '',
          'Möchte Angebot': r.f ? (r.f.wantsOffer ? 'ja' : 'nein') : '',
          'Zweiter Termin': r.f ? (r.f.wantsSecondViewing ? 'ja' : 'nein') : '',
          'Hat gefehlt': r.f?.missing ?? '',
        }));
      const fields = [
        'Termin',
        'Terminstatus',
        'Besucher',
        'E-Mail',
        'Antwort',
        'Check-in',
        'Check-in durch',
        'Nicht erschienen',
        'Interesse (1–5)',
        'Preis',
        'Möchte Angebot',
        'Zweiter Termin',
        'Hat gefehlt',
      ];
      const csv = Papa.unparse(
        { fields, data: rows.map((r) => fields.map((f) => r[f as keyof typeof r])) },
        { delimiter: ';' },
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="besichtigungen-${data.property.externalId.replace(/[^\w-]/g, '_')}.csv"`,
        )
        .send(`\uFEFF${csv}`);
    },
  );

  app.get(
    '/stats/agents',
    {
      config: { access: { permission: 'viewings.read' } },
      schema: {
        tags: ['viewings'],
        summary: 'Viewings, check-ins, no-shows and feedback per agent in a time window (max. 400 days)',
        querystring: z.object({
          from: z.string().datetime({ offset: true }),
          to: z.string().datetime({ offset: true }),
        }),
        response: { 200: agentStatsSchema },
      },
    },
    async (request) => {
      const from = new Date(request.query.from);
      const to = new Date(request.query.to);
      if (to <= from || to.getTime() - from.getTime() > 400 * 86_400_000)
        throw badRequest(
          'invalid_range',
          'Der Zeitraum muss nach „from“ enden und darf höchstens 400 Tage lang sein.',
        );
      const ctx = tenantContext(platform, request);
      const data = await ctx.db(async (tx) => {
        const viewings = await tx
          .select()
          .from(viewing)
          .where(and(gte(viewing.startsAt, from), lt(viewing.startsAt, to)))
          .limit(20_000);
        return {
          viewings,
          visitors: await visitorRows(
            tx,
            viewings.map((v) => v.id),
          ),
        };
      });
      const agentIds = [
        ...new Set(data.viewings.map((v) => v.agentId).filter((a): a is string => Boolean(a))),
      ];
      const names = agentIds.length
        ? new Map(
            (
              await platform.database.db
                .select({ id: authUser.id, name: authUser.name })
                .from(authUser)
                .where(inArray(authUser.id, agentIds))
            ).map((a) => [a.id, a.name]),
          )
        : new Map<string, string>();
      const groups = new Map<string | null, typeof data.viewings>();
      for (const v of data.viewings) groups.set(v.agentId, [...(groups.get(v.agentId) ?? []), v]);
      return {
        items: [...groups.entries()].map(([agentId, viewings]) => {
          const ids = new Set(viewings.map((v) => v.id));
          const s = summarise(
            viewings,
            data.visitors.filter((r) => ids.has(r.p.viewingId)),
          );
          return {
            agentId,
            agentName: agentId ? (names.get(agentId) ?? 'Ehemaliges Teammitglied') : 'Ohne Zuständigen',
            viewings: s.viewings,
            held: s.held,
            checkIns: s.checkIns,
            noShows: s.noShows,
            averageInterest: s.averageInterest,
            wantsOffer: s.wantsOffer,
            won: s.won,
          };
        }),
      };
    },
  );
};
