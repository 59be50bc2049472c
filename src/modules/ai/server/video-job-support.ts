import { eq } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import { recordUsage } from '../../../platform/metering/usage-ledger.js';
import type { GenerationFile, GenerationInput } from '../contract.js';
import { aiGeneration } from '../schema.js';
import type { GenerationRow } from './generation-store.js';

export type RunAsTenant = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

/** The generation a video job works on, or null when it is gone or no longer running. */
export async function runningGeneration(db: RunAsTenant, id: string): Promise<GenerationRow | null> {
  const [row] = await db((tx) => tx.select().from(aiGeneration).where(eq(aiGeneration.id, id)));
  return row?.status === 'laeuft' ? row : null;
}

export const inputOfRow = (row: GenerationRow) => row.input as GenerationInput;

export async function finishGeneration(
  db: RunAsTenant,
  row: GenerationRow,
  values: { files: GenerationFile[]; videoSeconds: number; costMicros?: number; priceRef?: string | null },
): Promise<void> {
  await db(async (tx) => {
    if ((values.costMicros ?? 0) > 0)
      await recordUsage(tx, [
        {
          tenantId: row.tenantId,
          meter: 'ai_cost_micros',
          value: values.costMicros!,
          idempotencyKey: `ai:${row.id}`,
        },
      ]);
    await tx
      .update(aiGeneration)
      .set({
        status: 'fertig',
        outputFiles: values.files,
        videoSeconds: values.videoSeconds,
        costMicros: values.costMicros ?? 0,
        priceRef: values.priceRef ?? null,
        durationMs: Date.now() - row.createdAt.getTime(),
        finishedAt: new Date(),
        error: null,
      })
      .where(eq(aiGeneration.id, row.id));
  });
}

export async function failGeneration(db: RunAsTenant, row: GenerationRow, message: string): Promise<void> {
  await db((tx) =>
    tx
      .update(aiGeneration)
      .set({
        status: 'fehler',
        error: message,
        durationMs: Date.now() - row.createdAt.getTime(),
        finishedAt: new Date(),
      })
      .where(eq(aiGeneration.id, row.id)),
  );
}

/** Progress in whole steps of five, so a long render does not write a row per frame. */
export function steppedProgress(
  report: (percent: number, message?: string) => Promise<void>,
  message: string,
) {
  let last = -1;
  return (percent: number) => {
    const step = Math.floor(percent / 5) * 5;
    if (step <= last) return;
    last = step;
    void report(step, message).catch(() => undefined);
  };
}
