import type { Tx } from '../../../platform/db/database.js';
import { DEFAULT_WEIGHTS, type FactorWeights } from '../domain/factors.js';
import { leadScoringSettings } from '../schema.js';

export interface ScoringSettings {
  weights: FactorWeights;
  halfLifeDays: number;
  retentionDays: number;
}

export const DEFAULT_SETTINGS: ScoringSettings = {
  weights: DEFAULT_WEIGHTS,
  halfLifeDays: 14,
  retentionDays: 180,
};

/** The office's settings, defaults for what it never set (a factor added later gets weight 1). */
export async function scoringSettings(tx: Tx): Promise<ScoringSettings> {
  const [row] = await tx.select().from(leadScoringSettings).limit(1);
  if (!row) return DEFAULT_SETTINGS;
  return {
    weights: { ...DEFAULT_WEIGHTS, ...row.weights },
    halfLifeDays: row.halfLifeDays,
    retentionDays: row.retentionDays,
  };
}

export async function saveScoringSettings(
  tx: Tx,
  tenantId: string,
  settings: ScoringSettings,
): Promise<void> {
  const values = { ...settings, updatedAt: new Date() };
  await tx
    .insert(leadScoringSettings)
    .values({ tenantId, ...values })
    .onConflictDoUpdate({ target: leadScoringSettings.tenantId, set: values });
}
