import { and, eq, gte, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { PLAN_IDS, PLANS, type PlanId } from '../../../platform/plans/plan-catalogue.js';
import { currentPlan, effectivePlan, UPGRADE_PATH } from '../../../platform/plans/plan-limits.js';
import type { BudgetState, ConfigurableProviderId } from '../contract.js';
import { PROVIDERS } from '../providers/catalog.js';
import type { ProviderConnection } from '../providers/connection.js';
import { aiGeneration, aiProviderSetting, aiTenantSetting } from '../schema.js';

export type ProviderRow = typeof aiProviderSetting.$inferSelect;
export type TenantAiRow = typeof aiTenantSetting.$inferSelect;

export interface ConfiguredProvider {
  id: ConfigurableProviderId;
  row: ProviderRow;
  connection: ProviderConnection;
}

/** Start of the current month in Berlin, where the office's budget month begins. */
export const monthStart = sql`(date_trunc('month', now() at time zone 'Europe/Berlin') at time zone 'Europe/Berlin')`;

export async function readAiSettings(
  tx: Tx,
): Promise<{ tenant: TenantAiRow | null; providers: ProviderRow[] }> {
  const [tenant] = await tx.select().from(aiTenantSetting);
  const providers = await tx.select().from(aiProviderSetting);
  return { tenant: tenant ?? null, providers };
}

/** An enabled provider with its key unsealed; a provider that needs a key and has none is not usable. */
export function usableProvider(
  platform: Platform,
  row: ProviderRow,
  model?: string,
): ConfiguredProvider | null {
  const spec = PROVIDERS[row.provider as ConfigurableProviderId];
  if (!spec || !row.enabled) return null;
  if (spec.keyRequired && !row.apiKeySealed) return null;
  return {
    id: spec.id,
    row,
    connection: {
      apiKey: row.apiKeySealed ? platform.secretBox.decrypt(row.apiKeySealed) : null,
      baseUrl: row.baseUrl ?? spec.defaultBaseUrl,
      model: model ?? row.defaultModel ?? spec.defaultModel,
    },
  };
}

/**
 * The providers to try for one capability, in order: the requested or preferred one first,
 * then — with fallback on — every other usable one by priority.
 */
export function providerChain(
  platform: Platform,
  settings: { tenant: TenantAiRow | null; providers: ProviderRow[] },
  capability: 'text' | 'image' | 'video',
  requested: ConfigurableProviderId | undefined,
  model: string | undefined,
): ConfiguredProvider[] {
  const preferred =
    requested ??
    ((capability === 'text'
      ? settings.tenant?.textProvider
      : capability === 'image'
        ? settings.tenant?.imageProvider
        : settings.tenant?.videoProvider) as ConfigurableProviderId | null | undefined);
  const capable = settings.providers
    .filter((row) => PROVIDERS[row.provider as ConfigurableProviderId]?.capabilities.includes(capability))
    .sort((a, b) => a.priority - b.priority || a.provider.localeCompare(b.provider));
  const first = capable.find((row) => row.provider === preferred);
  const ordered = first ? [first, ...capable.filter((row) => row !== first)] : capable;
  const chain = ordered
    .map((row, i) => usableProvider(platform, row, i === 0 ? model : undefined))
    .filter((p): p is ConfiguredProvider => p !== null);
  if (requested && chain[0]?.id !== requested) return [];
  return (settings.tenant?.fallbackEnabled ?? true) ? chain : chain.slice(0, 1);
}

export async function spentThisMonth(tx: Tx, provider?: string): Promise<number> {
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${aiGeneration.costMicros}), 0)` })
    .from(aiGeneration)
    .where(
      and(
        gte(aiGeneration.createdAt, monthStart),
        provider ? eq(aiGeneration.provider, provider) : undefined,
      ),
    );
  return Number(row?.total ?? 0);
}

/** This month's spending per provider in one query. */
export async function spentThisMonthByProvider(tx: Tx): Promise<Map<string, number>> {
  const rows = await tx
    .select({
      provider: aiGeneration.provider,
      total: sql<string>`coalesce(sum(${aiGeneration.costMicros}), 0)`,
    })
    .from(aiGeneration)
    .where(gte(aiGeneration.createdAt, monthStart))
    .groupBy(aiGeneration.provider);
  return new Map(rows.map((r) => [r.provider, Number(r.total)]));
}

const toUsd = (micros: number) => micros / 1_000_000;

export function budgetState(scope: string, budgetMicros: number | null, spentMicros: number): BudgetState {
  const ratio =
    budgetMicros !== null && budgetMicros > 0 ? spentMicros / budgetMicros : budgetMicros === 0 ? 1 : null;
  return {
    scope,
    budgetUsd: budgetMicros === null ? null : toUsd(budgetMicros),
    spentUsd: toUsd(spentMicros),
    ratio,
    level: ratio === null ? 'ok' : ratio >= 1 ? 'erschoepft' : ratio >= 0.8 ? 'warnung' : 'ok',
  };
}

/** 402: the month's budget is used up; the call is refused before anything is sent or charged. */
export class BudgetExhaustedError extends AppError {
  constructor(state: BudgetState) {
    const scope =
      state.scope === 'gesamt' ? 'Das KI-Monatsbudget des Büros' : `Das Monatsbudget für ${state.scope}`;
    super(
      402,
      'budget_exhausted',
      `${scope} ist aufgebraucht (${state.spentUsd.toFixed(2)} von ${state.budgetUsd?.toFixed(2)} US-$). Eine Administratorin kann es unter KI-Studio → Anbieter erhöhen.`,
      state,
    );
  }
}

/**
 * The office's and the provider's budget for this month. Throws when either is used up;
 * otherwise returns the states at or above 80 % so the answer can warn.
 */
export async function checkBudgets(
  tx: Tx,
  tenant: TenantAiRow | null,
  provider: ProviderRow,
): Promise<BudgetState[]> {
  const states: BudgetState[] = [];
  await checkPlanAllowance(tx);
  if (tenant?.monthlyBudgetMicros != null)
    states.push(budgetState('gesamt', tenant.monthlyBudgetMicros, await spentThisMonth(tx)));
  if (provider.monthlyBudgetMicros != null)
    states.push(
      budgetState(
        provider.provider,
        provider.monthlyBudgetMicros,
        await spentThisMonth(tx, provider.provider),
      ),
    );
  const exhausted = states.find((s) => s.level === 'erschoepft');
  if (exhausted) throw new BudgetExhaustedError(exhausted);
  return states.filter((s) => s.level === 'warnung');
}

/**
 * A plan without billed overage (Free) stops at the AI cost it includes, with the way up; on a
 * paid plan what lies above it is metered and billed, so nothing stops here.
 */
async function checkPlanAllowance(tx: Tx): Promise<void> {
  const row = await currentPlan(tx);
  if (!row) return;
  const planId = effectivePlan(row).plan as PlanId;
  const plan = PLANS[planId];
  if (plan.aiOverage !== 'blocked') return;
  const spent = await spentThisMonth(tx);
  if (spent < plan.aiIncludedMicros) return;
  const upgradeTo = PLAN_IDS.slice(PLAN_IDS.indexOf(planId) + 1)[0] ?? null;
  const usd = (micros: number) =>
    (micros / 1_000_000).toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  throw new AppError(
    402,
    'plan_limit',
    `Ihr Tarif ${plan.name} umfasst KI-Kosten bis ${usd(plan.aiIncludedMicros)} US-$ im Monat; ${usd(spent)} US-$ sind verbraucht.${
      upgradeTo
        ? ` Mit ${PLANS[upgradeTo].name} sind ${usd(PLANS[upgradeTo].aiIncludedMicros)} US-$ enthalten, darüber wird nach Verbrauch abgerechnet.`
        : ''
    } Tarif und Nutzung: „Abrechnung“.`,
    {
      resource: 'aiBudget',
      plan: planId,
      limit: plan.aiIncludedMicros,
      used: spent,
      upgradeTo,
      upgradePath: UPGRADE_PATH,
    },
  );
}
