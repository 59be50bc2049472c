import { describe, expect, it } from 'vitest';
import { effectivePlan } from './plan-limits.js';
import type { tenantPlan } from './plans.schema.js';

const row = (over: Partial<typeof tenantPlan.$inferSelect>): typeof tenantPlan.$inferSelect => ({
  tenantId: 't1',
  plan: 'professional',
  status: 'trialing',
  trialEndsAt: new Date('2026-12-20T00:00:00Z'),
  currentPeriodEnd: null,
  graceEndsAt: null,
  stripeSubscriptionId: null,
  stripeEventAt: null,
  updatedAt: new Date('2026-12-06T00:00:00Z'),
  ...over,
});

describe('the plan that applies now', () => {
  it('a sign-up trial runs until its day, then Free applies', () => {
    expect(effectivePlan(row({}), new Date('2026-12-19T23:59:59Z'))).toMatchObject({
      plan: 'professional',
      status: 'trialing',
    });
    expect(effectivePlan(row({}), new Date('2026-12-20T00:00:00Z'))).toMatchObject({
      plan: 'free',
      status: 'active',
      trialEndsAt: null,
    });
  });

  it("a subscription's trial is Stripe's to end: it stays until a webhook says otherwise", () => {
    const subscribed = row({ stripeSubscriptionId: 'sub_1' });
    expect(effectivePlan(subscribed, new Date('2027-01-10T00:00:00Z')).plan).toBe('professional');
  });

  it('a paid plan is left alone', () => {
    const paid = row({ status: 'active', trialEndsAt: null });
    expect(effectivePlan(paid, new Date('2030-01-01T00:00:00Z'))).toBe(paid);
  });
});
