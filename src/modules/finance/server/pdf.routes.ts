import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type TenantRequestContext, tenantContext } from '../../../platform/http/access-control.js';
import { notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { property } from '../../crm/schema.js';
import { SCENARIO_KINDS, type ScenarioKind } from '../contract.js';
import { financeScenario } from '../schema.js';
import { reportContent } from './pdf/report-content.js';
import { calculate } from './scenario-calculation.js';

const DISCLAIMER =
  'Diese Berechnung ist eine unverbindliche Modellrechnung auf Grundlage Ihrer Angaben. Sie ersetzt weder ein verbindliches Finanzierungsangebot einer Bank noch eine Steuer- oder Rechtsberatung. Grunderwerbsteuer nach dem Satz des Bundeslandes am Vertragsdatum; Notar- und Grundbuchkosten sind Schätzwerte. Alle Angaben ohne Gewähr.';

async function pdfFor(
  platform: Platform,
  ctx: TenantRequestContext,
  kind: ScenarioKind,
  rawInput: unknown,
  propertyId: string | null,
): Promise<Buffer> {
  const { input, calc } = calculate(kind, rawInput);
  const content = reportContent(calc, input);
  const [settings, listing] = await Promise.all([
    platform.tenantSettings.get(ctx.tenantId),
    propertyId
      ? ctx.db((tx) =>
          tx
            .select({ title: property.title, city: property.city, externalId: property.externalId })
            .from(property)
            .where(eq(property.id, propertyId)),
        )
      : Promise.resolve([]),
  ]);
  if (propertyId && !listing[0]) throw notFound('Objekt');
  const logo = settings?.logoFileKey
    ? await platform.files.read(settings.logoFileKey).catch(() => null)
    : null;
  // PDFKit and its fonts load with the first PDF, not with the server (issue 19: ~25 MB).
  const { renderFinancePdf } = await import('./pdf/finance-pdf.js');
  return renderFinancePdf({
    ...content,
    subtitle: listing[0] ? `${listing[0].title}, ${listing[0].city} (${listing[0].externalId})` : null,
    office: {
      name: settings?.displayName ?? 'Maklerbüro',
      primaryColor: settings?.primaryColor ?? '#0f766e',
      email: settings?.contactEmail ?? null,
      phone: settings?.contactPhone ?? null,
      logo,
    },
    disclaimer: DISCLAIMER,
    createdAt: new Date(),
  });
}

const filename = (kind: ScenarioKind) =>
  `${{ annuity: 'finanzierungsplan', compare: 'angebotsvergleich', purchase_costs: 'kaufnebenkosten', affordability: 'haushaltsrechnung', investment: 'renditeberechnung' }[kind]}.pdf`;

/** Client PDFs, branded with the office's logo and colour, from an input or a saved scenario. */
export const pdfRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.post(
    '/pdf',
    {
      config: { access: { permission: 'finance.calculate' }, readOnly: true },
      schema: {
        tags: ['finance'],
        summary: 'A client PDF of a calculation: inputs, results, chart, schedule and disclaimer',
        body: z.object({
          kind: z.enum(SCENARIO_KINDS),
          input: z.record(z.string(), z.unknown()),
          propertyId: z.string().uuid().nullable().default(null),
        }),
      },
    },
    async (request, reply) => {
      const { kind, input, propertyId } = request.body;
      const pdf = await pdfFor(platform, tenantContext(platform, request), kind, input, propertyId);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${filename(kind)}"`)
        .send(pdf);
    },
  );

  app.get(
    '/scenarios/:id/pdf',
    {
      config: { access: { permission: 'finance.calculate' } },
      schema: {
        tags: ['finance'],
        summary: 'The client PDF of a saved calculation',
        params: z.object({ id: z.string().uuid() }),
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const [row] = await ctx.db((tx) =>
        tx.select().from(financeScenario).where(eq(financeScenario.id, request.params.id)),
      );
      if (!row) throw notFound('Berechnung');
      const kind = row.kind as ScenarioKind;
      const pdf = await pdfFor(platform, ctx, kind, row.input, row.propertyId);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${filename(kind)}"`)
        .send(pdf);
    },
  );
};
