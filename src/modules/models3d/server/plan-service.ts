import { randomUUID } from 'node:crypto';
import { and, desc, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../../platform/db/database.js';
import { sniffContentType } from '../../../platform/files/sniff-content-type.js';
import type { TenantRequestContext } from '../../../platform/http/access-control.js';
import { badRequest, notFound } from '../../../platform/http/app-error.js';
import { defineJob, PermanentJobError } from '../../../platform/jobs/job-definition.js';
import { jobRun } from '../../../platform/jobs/jobs.schema.js';
import type { Platform } from '../../../platform/kernel.js';
import { siblingModule } from '../../../platform/threads/module-url.js';
import { OffThreadError, runOffThread } from '../../../platform/threads/off-thread.js';
import type { PlanView } from '../contract.js';
import { stackFloor, storeyName } from '../domain/stack-floor.js';
import { model3d, model3dPlan } from '../schema.js';
import { ModelService } from './model-service.js';
import { PlanNotReadable } from './plan/detect-walls.js';
import type { ScaleReference } from './plan/plan-to-model.js';
import { PLAN_MIME_TYPES, type PlanReading } from './plan/read-plan.js';
import { assertOwnProperty } from './property-check.js';

export const READ_PLAN_JOB = 'models3d.read-plan';

type PlanRow = typeof model3dPlan.$inferSelect;

export function planView(
  row: PlanRow,
  run: { progress: number; progressMessage: string | null } | null,
): PlanView {
  return {
    id: row.id,
    name: row.name,
    fileName: row.fileName,
    propertyId: row.propertyId,
    status: row.status as PlanView['status'],
    progress: row.status === 'fertig' ? 100 : (run?.progress ?? 0),
    step:
      row.status === 'fertig'
        ? 'Fertig'
        : (run?.progressMessage ?? (row.status === 'wartet' ? 'Wartet' : null)),
    error: row.error ?? null,
    modelId: row.modelId,
    reading: row.reading ?? null,
    underlayUrl: row.underlayKey ? `/api/3d/plans/${row.id}/underlay.png` : null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Floor-plan uploads: stored, read by a job, turned into a model that opens in the editor. */
export class PlanService {
  constructor(private readonly platform: Platform) {}

  async upload(
    ctx: TenantRequestContext,
    data: Buffer,
    input: {
      name?: string;
      fileName: string;
      propertyId?: string;
      reference?: ScaleReference;
      /** Adds the plan as a new top floor of this model instead of making a model. */
      addTo?: { modelId: string; floorName?: string };
    },
  ): Promise<PlanView> {
    if (data.length === 0) throw badRequest('empty_file', 'Bitte eine Grundriss-Datei senden.');
    const type = await sniffContentType(data, PLAN_MIME_TYPES);
    if (!type)
      throw badRequest('unsupported_type', 'Grundrisse bitte als PNG, JPEG, WebP oder PDF hochladen.', {
        allowed: PLAN_MIME_TYPES,
      });
    await assertOwnProperty(ctx, input.propertyId);
    const target = input.addTo ? await new ModelService(this.platform).get(ctx, input.addTo.modelId) : null;
    const key = `tenants/${ctx.tenantId}/models3d/plans/${randomUUID()}.${type.ext}`;
    await this.platform.files.put(key, data);
    try {
      const [row] = await ctx.db((tx) =>
        tx
          .insert(model3dPlan)
          .values({
            tenantId: ctx.tenantId,
            propertyId: target ? target.propertyId : (input.propertyId ?? null),
            modelId: target?.id ?? null,
            floorName: target
              ? input.addTo?.floorName?.trim() || storeyName(target.model.floors.length)
              : null,
            name: input.name ?? input.fileName.replace(/\.[a-z0-9]+$/i, ''),
            fileName: input.fileName,
            contentType: type.mime,
            fileKey: key,
            reference: input.reference ?? null,
            createdBy: ctx.auth.user.id,
          })
          .returning(),
      );
      if (!row) throw new Error('plan insert returned nothing');
      const run = await this.platform.jobs.enqueue(
        READ_PLAN_JOB,
        { planId: row.id },
        { tenantId: ctx.tenantId, key: row.id, createdBy: ctx.auth.user.id },
      );
      await ctx.db((tx) =>
        tx.update(model3dPlan).set({ jobRunId: run.id }).where(eq(model3dPlan.id, row.id)),
      );
      return this.get(ctx, row.id);
    } catch (error) {
      await this.platform.files.delete(key);
      throw error;
    }
  }

  async get(ctx: TenantRequestContext, id: string): Promise<PlanView> {
    const [found] = await ctx.db((tx) =>
      tx
        .select({ plan: model3dPlan, progress: jobRun.progress, progressMessage: jobRun.progressMessage })
        .from(model3dPlan)
        .leftJoin(jobRun, eq(jobRun.id, model3dPlan.jobRunId))
        .where(eq(model3dPlan.id, id))
        .orderBy(desc(model3dPlan.createdAt)),
    );
    if (!found) throw notFound('Grundriss');
    return planView(
      found.plan,
      found.progress === null ? null : { progress: found.progress, progressMessage: found.progressMessage },
    );
  }

  async underlayKey(ctx: TenantRequestContext, id: string): Promise<string> {
    const [row] = await ctx.db((tx) =>
      tx.select({ key: model3dPlan.underlayKey }).from(model3dPlan).where(eq(model3dPlan.id, id)),
    );
    if (!row?.key) throw notFound('Grundriss-Bild');
    return row.key;
  }

  /** The uploads a model was read from, with their files, go with the model. */
  async removeForModel(ctx: TenantRequestContext, modelId: string): Promise<void> {
    const rows = await ctx.db((tx) =>
      tx.delete(model3dPlan).where(eq(model3dPlan.modelId, modelId)).returning(),
    );
    for (const row of rows) {
      await this.platform.files.delete(row.fileKey);
      if (row.underlayKey) await this.platform.files.delete(row.underlayKey);
    }
  }
}

/**
 * Reads an uploaded plan into a model: walls, openings, rooms, scale; the model's GLB is
 * built and the upload points to it. A plan that cannot be read is marked with the reason,
 * which the upload page shows; that is an answer, not a failure to retry.
 */
export const readPlanJob = (platform: Platform) =>
  defineJob({
    name: READ_PLAN_JOB,
    version: 1,
    payload: z.object({ planId: z.string().uuid() }),
    attempts: 2,
    backoffSeconds: 5,
    concurrency: 1,
    timeoutSeconds: 10 * 60,
    // The plan must not stay "wird gelesen" when the reading is given up (a crash, a bad file).
    onGiveUp: async ({ payload, withTenant }) => {
      await withTenant((tx) =>
        tx
          .update(model3dPlan)
          .set({
            status: 'fehler',
            error: {
              code: 'interrupted',
              message: 'Das Lesen des Grundrisses wurde abgebrochen. Bitte erneut hochladen.',
            },
            updatedAt: new Date(),
          })
          .where(and(eq(model3dPlan.id, payload.planId), ne(model3dPlan.status, 'fertig'))),
      );
    },
    handler: async ({ tenantId, payload, withTenant, reportProgress }) => {
      if (!tenantId) throw new PermanentJobError('plan without tenant');
      const [row] = await withTenant((tx) =>
        tx.select().from(model3dPlan).where(eq(model3dPlan.id, payload.planId)),
      );
      if (!row) return { skipped: 'deleted' };
      if (row.status === 'fertig') return { modelId: row.modelId };
      const mark = (values: Partial<typeof model3dPlan.$inferInsert>) =>
        withTenant((tx) =>
          tx
            .update(model3dPlan)
            .set({ ...values, updatedAt: new Date() })
            .where(eq(model3dPlan.id, row.id)),
        );
      await mark({ status: 'laeuft', error: null });
      let reading: PlanReading;
      try {
        // On a thread of its own: the image work held the event loop for up to 0.3 s (issue 19).
        reading = await runOffThread<PlanReading>(
          siblingModule(import.meta.url, './plan/read-plan'),
          'readPlan',
          {
            file: await platform.files.read(row.fileKey),
            mime: row.contentType,
            name: row.name,
            ...(row.reference ? { reference: row.reference } : {}),
          },
          reportProgress,
        ).catch((error: unknown) => {
          throw error instanceof OffThreadError && error.originalName === PlanNotReadable.name
            ? new PlanNotReadable(error.fields.code as PlanNotReadable['code'], error.message)
            : error;
        });
      } catch (error) {
        if (!(error instanceof PlanNotReadable)) throw error;
        await mark({ status: 'fehler', error: { code: error.code, message: error.message } });
        return { failed: error.code };
      }
      const underlayKey = `tenants/${tenantId}/models3d/plans/${randomUUID()}.png`;
      await platform.files.put(underlayKey, reading.underlay.png);
      const summary = {
        scale: reading.scale,
        placement: reading.placement,
        underlay: { width: reading.underlay.width, height: reading.underlay.height },
        detected: reading.detected,
        millis: reading.millis,
      };
      const models = new ModelService(platform);
      if (row.floorName && row.modelId) {
        const added = await addFloor(platform, withTenant, row, reading, summary).catch(
          async (error: unknown) => {
            await platform.files.delete(underlayKey);
            throw error;
          },
        );
        await mark({ status: 'fertig', underlayKey, reading: { ...summary, floorId: added.floorId } });
        await reportProgress(100, 'Fertig');
        return { modelId: row.modelId, floorId: added.floorId };
      }
      const model = await models
        .create(withTenant, {
          tenantId,
          propertyId: row.propertyId,
          source: 'grundriss',
          sourceInput: { planId: row.id, fileName: row.fileName, ...summary },
          model: reading.model,
          createdBy: row.createdBy,
        })
        .catch(async (error: unknown) => {
          // A retry reads the plan again and writes a new underlay; this one would be orphaned.
          await platform.files.delete(underlayKey);
          throw error;
        });
      // Model and upload are linked in one step, so a retry after this point finds it done.
      await mark({ status: 'fertig', modelId: model.id, underlayKey, reading: summary });
      await reportProgress(100, 'Fertig');
      return { modelId: model.id };
    },
  });

type PlanSummary = Record<string, unknown>;

/** Stacks the floor read from a plan onto its target model as the next revision. */
async function addFloor(
  platform: Platform,
  withTenant: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
  row: PlanRow,
  reading: PlanReading,
  summary: PlanSummary,
): Promise<{ floorId: string }> {
  const [current] = await withTenant((tx) =>
    tx
      .select()
      .from(model3d)
      .where(eq(model3d.id, row.modelId ?? '')),
  );
  const floor = reading.model.floors[0];
  if (!current || !floor) throw new PermanentJobError('target model or read floor missing');
  const { model, floorId } = stackFloor(current.model, floor, row.floorName ?? undefined);
  const floorPlans = (current.sourceInput.floorPlans as Record<string, unknown> | undefined) ?? {};
  await new ModelService(platform).revise(withTenant, current, model, {
    ...current.sourceInput,
    floorPlans: { ...floorPlans, [floorId]: { planId: row.id, fileName: row.fileName, ...summary } },
  });
  return { floorId };
}
