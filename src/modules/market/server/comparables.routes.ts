import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import { notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { todayInBerlin } from '../../../platform/time/berlin-day.js';
import { property } from '../../crm/schema.js';
import {
  comparablesQuery,
  comparablesResult,
  ertragswertInput,
  sachwertInput,
  subjectPrefill,
  valuationView,
} from '../contract.js';
import { ertragswert } from '../domain/ertragswert.js';
import { sachwert } from '../domain/sachwert.js';
import { runComparables } from './comparables-service.js';
import { runValuation } from './valuation-error.js';

/** Comparables and the three ImmoWertV methods, each computed on request and not stored. */
export const comparablesRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.post(
    '/comparables',
    {
      config: { access: { permission: 'market.read' }, readOnly: true },
      schema: {
        tags: ['market'],
        summary:
          'Comparables with similarity, differences and adjustments; Vergleichswert and hedonic estimate',
        body: comparablesQuery,
        response: { 200: comparablesResult },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      return ctx.db((tx) => runComparables(tx, ctx.tenantId, request.body));
    },
  );

  app.post(
    '/valuations/ertragswert',
    {
      config: { access: { permission: 'market.read' }, readOnly: true },
      schema: {
        tags: ['market'],
        summary: 'Ertragswert per §§ 27–34 ImmoWertV, step by step',
        body: ertragswertInput,
        response: { 200: valuationView },
      },
    },
    async (request) => runValuation(() => ertragswert(request.body)),
  );

  app.post(
    '/valuations/sachwert',
    {
      config: { access: { permission: 'market.read' }, readOnly: true },
      schema: {
        tags: ['market'],
        summary: 'Sachwert per §§ 35–39 ImmoWertV, step by step',
        body: sachwertInput,
        response: { 200: valuationView },
      },
    },
    async (request) => runValuation(() => sachwert(request.body)),
  );

  app.get(
    '/subject/:propertyId',
    {
      config: { access: { permission: 'market.read' } },
      schema: {
        tags: ['market'],
        summary: 'The valuation subject as the CRM describes the property; missing traits are listed',
        params: z.object({ propertyId: z.string().uuid() }),
        response: { 200: subjectPrefill },
      },
    },
    async (request) => {
      const [p] = await tenantContext(platform, request).db((tx) =>
        tx.select().from(property).where(eq(property.id, request.params.propertyId)).limit(1),
      );
      if (!p) throw notFound('Objekt');
      const missing: string[] = [];
      if (!p.livingArea) missing.push('Wohnfläche');
      if (p.latitude === null) missing.push('Koordinaten (Umkreis über den Ort)');
      if (p.yearBuilt === null) missing.push('Baujahr');
      return {
        propertyId: p.id,
        title: p.title,
        externalId: p.externalId,
        priceCents: p.marketingType === 'kauf' ? p.purchasePriceCents : p.coldRentCents,
        missing,
        subject: {
          marketingType: p.marketingType as 'kauf' | 'miete',
          objectType: p.objectType as z.infer<typeof subjectPrefill>['subject']['objectType'],
          city: p.city,
          postalCode: p.postalCode,
          latitude: p.latitude,
          longitude: p.longitude,
          livingArea: p.livingArea,
          rooms: p.rooms,
          yearBuilt: p.yearBuilt,
          condition: p.condition as z.infer<typeof subjectPrefill>['subject']['condition'],
          floor: p.floor,
          lakeView: p.features.includes('seeblick'),
          shoreDistanceM: null,
          valuationDate: todayInBerlin(),
        },
      };
    },
  );
};
