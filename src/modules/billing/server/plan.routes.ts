import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import type { Platform } from '../../../platform/kernel.js';
import { PLAN_IDS, PLANS, type Plan, type PlanId } from '../../../platform/plans/plan-catalogue.js';
import { currentPlan, effectivePlan } from '../../../platform/plans/plan-limits.js';
import { isReadOnly } from '../../../platform/plans/read-only.js';
import { seatsInUse } from '../../../platform/plans/seats.js';
import { countedProperties } from '../../crm/server/property-service.js';
import { type BillingOverview, billingOverview } from '../contract.js';
import { stripeSetup } from './stripe-gateway.js';

const STRIPE_NOTE =
  'Bezahlt wird monatlich über Stripe. Nach dem ersten Abschluss laufen Tarifwechsel, Zahlungsdaten, Rechnungen und Kündigung über das Stripe-Kundenportal („Abo verwalten“).';
const OPERATOR_NOTE =
  'Online-Bezahlung ist auf diesem Server nicht eingerichtet. Den Tarif ändert der Betreiber (npm run plan); wenden Sie sich an ihn für ein Upgrade.';

export const planRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const moduleName = (id: string) => platform.modules.all.find((m) => m.id === id)?.title.de ?? id;
  const planOut = (plan: Plan) => ({
    ...plan,
    lockedModules: plan.lockedModules.map((id) => ({ id, name: moduleName(id) })),
  });
  app.get(
    '/plan',
    {
      config: { access: { permission: 'billing.read' } },
      schema: {
        tags: ['billing'],
        summary: "The office's plan, the plans there are, and what is used of the limits",
        response: { 200: billingOverview },
      },
    },
    async (request): Promise<BillingOverview> => {
      const ctx = tenantContext(platform, request);
      return ctx.db(async (tx) => {
        const row = await currentPlan(tx);
        const plan = row ? effectivePlan(row) : null;
        const [seats, properties] = await Promise.all([seatsInUse(tx, ctx.tenantId), countedProperties(tx)]);
        const storage = await platform.files.usage(`tenants/${ctx.tenantId}/`);
        return {
          current: plan
            ? {
                plan: planOut(PLANS[plan.plan as PlanId]),
                status: plan.status as NonNullable<BillingOverview['current']>['status'],
                trialEndsAt: plan.trialEndsAt?.toISOString() ?? null,
                currentPeriodEnd: plan.currentPeriodEnd?.toISOString() ?? null,
                graceEndsAt: plan.graceEndsAt?.toISOString() ?? null,
                readOnly: isReadOnly(plan),
              }
            : null,
          plans: PLAN_IDS.map((id) => planOut(PLANS[id])),
          usage: {
            users: seats.members,
            openInvitations: seats.openInvitations,
            properties,
            storageBytes: storage.bytes,
          },
          changeBy: stripeSetup(platform)
            ? { mode: 'stripe', subscription: Boolean(plan?.stripeSubscriptionId), note: STRIPE_NOTE }
            : { mode: 'operator', subscription: false, note: OPERATOR_NOTE },
        };
      });
    },
  );
};
