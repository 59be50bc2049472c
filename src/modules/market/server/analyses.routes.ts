import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { property } from '../../crm/schema.js';
import { type AnalysisView, analysisInput, analysisView } from '../contract.js';
import { ertragswert } from '../domain/ertragswert.js';
import { sachwert } from '../domain/sachwert.js';
import { marketAnalysis } from '../schema.js';
import { runComparables } from './comparables-service.js';
import { loadReportData } from './report-data.js';
import { runValuation } from './valuation-error.js';

const params = z.object({ propertyId: z.string().uuid() });

const viewOf = (row: typeof marketAnalysis.$inferSelect): AnalysisView => ({
  propertyId: row.propertyId,
  input: row.input,
  result: row.result,
  inExpose: row.inExpose,
  updatedAt: row.updatedAt.toISOString(),
});

/** One saved market analysis per property: its inputs and results, for the report and the exposé. */
export const analysesRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/analyses/:propertyId',
    {
      config: { access: { permission: 'market.read' } },
      schema: {
        tags: ['market'],
        summary: 'The saved market analysis of a property',
        params,
        response: { 200: analysisView },
      },
    },
    async (request) => {
      const [row] = await tenantContext(platform, request).db((tx) =>
        tx
          .select()
          .from(marketAnalysis)
          .where(eq(marketAnalysis.propertyId, request.params.propertyId))
          .limit(1),
      );
      if (!row) throw notFound('Marktanalyse');
      return viewOf(row);
    },
  );

  app.get(
    '/analyses/:propertyId/report.pdf',
    {
      config: { access: { permission: 'market.read' } },
      schema: {
        tags: ['market'],
        summary:
          'The branded market report of a property as PDF: figures, comparables map and table, valuation steps, trend, sources',
        params,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const data = await loadReportData(platform, ctx.tenantId, request.params.propertyId, {
        withDemand: true,
      });
      if (!data) throw notFound('Marktanalyse');
      // PDFKit and its fonts load with the first report, not with the server.
      const { renderMarketReport } = await import('./report-pdf.js');
      const pdf = await renderMarketReport(data);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="Marktbericht-${data.property.externalId}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  app.put(
    '/analyses/:propertyId',
    {
      config: { access: { permission: 'market.write' } },
      schema: {
        tags: ['market'],
        summary: 'Compute and save the analysis of a property (comparables, Vergleichs-, Ertrags-, Sachwert)',
        params,
        body: analysisInput,
        response: { 200: analysisView },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const body = request.body;
      const ertrag = body.ertragswert ? runValuation(() => ertragswert(body.ertragswert!)) : null;
      const sach = body.sachwert ? runValuation(() => sachwert(body.sachwert!)) : null;
      return ctx.db(async (tx) => {
        const [p] = await tx
          .select({ id: property.id })
          .from(property)
          .where(eq(property.id, request.params.propertyId))
          .limit(1);
        if (!p) throw notFound('Objekt');
        const query = { ...body.query, excludePropertyId: p.id };
        const comparables = await runComparables(tx, ctx.tenantId, query, {
          marktanpassung: body.marktanpassung,
          besondereMerkmaleCents: body.besondereMerkmaleCents,
        });
        const input = { ...body, query };
        const result = {
          comparables,
          ertragswert: ertrag,
          sachwert: sach,
          computedAt: new Date().toISOString(),
        };
        const [row] = await tx
          .insert(marketAnalysis)
          .values({
            tenantId: ctx.tenantId,
            propertyId: p.id,
            input,
            result,
            inExpose: body.inExpose,
            createdBy: ctx.actor.userId,
          })
          .onConflictDoUpdate({
            target: marketAnalysis.propertyId,
            set: { input, result, inExpose: body.inExpose, updatedAt: new Date() },
          })
          .returning();
        await recordAudit(tx, ctx.actor, {
          entity: 'market_analysis',
          entityId: row!.id,
          action: 'saved',
          after: {
            propertyId: p.id,
            vergleichswertCents: comparables.vergleichswert?.valueCents ?? null,
            ertragswertCents: ertrag?.valueCents ?? null,
            sachwertCents: sach?.valueCents ?? null,
            inExpose: body.inExpose,
          },
        });
        return viewOf(row!);
      });
    },
  );
};
