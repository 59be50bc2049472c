import { eq } from 'drizzle-orm';
import { authUser as user } from '../../../platform/auth/auth.schema.js';
import type { TenantRequestContext } from '../../../platform/http/access-control.js';
import { recordUsage } from '../../../platform/metering/usage-ledger.js';
import { property } from '../../crm/schema.js';
import type { GenerationFile, GenerationInput, GenerationView } from '../contract.js';
import { aiGeneration } from '../schema.js';

export type GenerationRow = typeof aiGeneration.$inferSelect;

export interface NewGeneration {
  id: string;
  kind: 'text' | 'image' | 'video';
  request: GenerationInput & { propertyId?: string; contactId?: string; provider?: string };
  provider: string;
  model: string;
  prompt: string;
  outputText?: string | null;
  files?: GenerationFile[];
  tokensIn?: number | null;
  tokensOut?: number | null;
  images?: number | null;
  videoSeconds?: number | null;
  costMicros?: number;
  priceRef?: string | null;
  cacheHit?: boolean;
  durationMs?: number | null;
  fallbackFrom?: { from: string; reason: string } | null;
  status?: 'laeuft' | 'fertig' | 'fehler';
  error?: string | null;
  jobRunId?: string | null;
}

/** What a generation was asked for, without ids that have their own columns. */
function inputOf(request: NewGeneration['request']): GenerationInput {
  const { propertyId: _p, contactId: _c, provider, ...rest } = request;
  return { ...rest, requestedProvider: provider };
}

export async function recordGeneration(ctx: TenantRequestContext, g: NewGeneration): Promise<GenerationView> {
  const status = g.status ?? 'fertig';
  await ctx.db(async (tx) => {
    await tx.insert(aiGeneration).values({
      id: g.id,
      tenantId: ctx.tenantId,
      userId: ctx.auth.user.id,
      kind: g.kind,
      type: g.request.type,
      provider: g.provider,
      model: g.model,
      fallbackFrom: g.fallbackFrom?.from ?? null,
      fallbackReason: g.fallbackFrom?.reason ?? null,
      status,
      input: inputOf(g.request),
      prompt: g.prompt,
      outputText: g.outputText ?? null,
      outputFiles: g.files ?? [],
      propertyId: g.request.propertyId ?? null,
      contactId: g.request.contactId ?? null,
      tokensIn: g.tokensIn ?? null,
      tokensOut: g.tokensOut ?? null,
      images: g.images ?? null,
      videoSeconds: g.videoSeconds ?? null,
      costMicros: g.costMicros ?? 0,
      priceRef: g.priceRef ?? null,
      cacheHit: g.cacheHit ?? false,
      durationMs: g.durationMs ?? null,
      error: g.error ?? null,
      jobRunId: g.jobRunId ?? null,
      finishedAt: status === 'laeuft' ? null : new Date(),
    });
    // Billed by usage: the cost goes into the ledger in the same transaction, once per generation.
    if ((g.costMicros ?? 0) > 0)
      await recordUsage(tx, [
        {
          tenantId: ctx.tenantId,
          meter: 'ai_cost_micros',
          value: g.costMicros!,
          idempotencyKey: `ai:${g.id}`,
        },
      ]);
  });
  const view = await readGeneration(ctx, g.id);
  if (!view) throw new Error('generation vanished after insert');
  return view;
}

export const fileUrl = (generationId: string, index: number) =>
  `/api/ai/generations/${generationId}/files/${index}`;

export function generationView(
  row: GenerationRow,
  extra: { propertyTitle: string | null; userName: string | null },
): GenerationView {
  return {
    id: row.id,
    kind: row.kind as GenerationView['kind'],
    type: row.type,
    provider: row.provider,
    model: row.model,
    offline: row.provider === 'offline',
    fallbackFrom: row.fallbackFrom,
    fallbackReason: row.fallbackReason,
    status: row.status as GenerationView['status'],
    input: row.input as unknown as Record<string, unknown>,
    prompt: row.prompt,
    outputText: row.outputText,
    files: row.outputFiles.map((f, i) => ({
      url: fileUrl(row.id, i),
      contentType: f.contentType,
      label: f.label,
      sizeBytes: f.sizeBytes,
      width: f.width,
      height: f.height,
      durationSeconds: f.durationSeconds,
    })),
    propertyId: row.propertyId,
    propertyTitle: extra.propertyTitle,
    contactId: row.contactId,
    socialPostId: row.socialPostId,
    userName: extra.userName,
    tokensIn: row.tokensIn,
    tokensOut: row.tokensOut,
    images: row.images,
    videoSeconds: row.videoSeconds,
    costUsd: row.costMicros / 1_000_000,
    priceRef: row.priceRef,
    cacheHit: row.cacheHit,
    durationMs: row.durationMs,
    error: row.error,
    jobRunId: row.jobRunId,
    createdAt: row.createdAt.toISOString(),
  };
}

export const generationColumns = {
  row: aiGeneration,
  propertyTitle: property.title,
  userName: user.name,
};

export async function readGeneration(ctx: TenantRequestContext, id: string): Promise<GenerationView | null> {
  return ctx.db(async (tx) => {
    const [found] = await tx
      .select(generationColumns)
      .from(aiGeneration)
      .leftJoin(property, eq(property.id, aiGeneration.propertyId))
      .leftJoin(user, eq(user.id, aiGeneration.userId))
      .where(eq(aiGeneration.id, id));
    return found ? generationView(found.row, found) : null;
  });
}
