import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import type { z } from 'zod';
import type { Tx } from '../../../platform/db/database.js';
import { type PageRequest, pageBody, type SortKey } from '../../../platform/db/list-page.js';
import { tablePage } from '../../../platform/db/table-page.js';
import { sniffContentType } from '../../../platform/files/sniff-content-type.js';
import type { TenantRequestContext } from '../../../platform/http/access-control.js';
import { badRequest, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { askStructured } from '../../../platform/modules/structured-output.js';
import type { generateSchema, ModelDetail } from '../contract.js';
import type { BuildingModel } from '../domain/building-model.js';
import { modelFigures } from '../domain/geometry.js';
import { layoutProgram } from '../domain/layout.js';
import { ROOM_PROGRAM_SYSTEM, roomProgramSchema } from '../domain/room-program.js';
import { templateModel } from '../domain/templates.js';
import { readDescription } from '../domain/text-program.js';
import { model3d } from '../schema.js';
import { exportGlb } from './export-gltf.js';
import { assertOwnProperty } from './property-check.js';

type Generate = z.infer<typeof generateSchema>;
type Row = typeof model3d.$inferSelect;
type TenantDb = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
type NewModel = Pick<
  typeof model3d.$inferInsert,
  'tenantId' | 'propertyId' | 'source' | 'sourceInput' | 'createdBy'
> & {
  model: BuildingModel;
};

export const glbUrl = (row: Pick<Row, 'id' | 'revision'>) =>
  `/api/3d/models/${row.id}/model.glb?rev=${row.revision}`;

export function summaryOf(row: Row) {
  return {
    id: row.id,
    propertyId: row.propertyId,
    name: row.name,
    source: row.source as ModelDetail['source'],
    revision: row.revision,
    figures: row.figures,
    glb: {
      url: glbUrl(row),
      triangles: row.glbStats.triangles,
      vertices: row.glbStats.vertices,
      bytes: row.glbStats.bytes,
      millis: row.glbStats.millis,
    },
    thumbnailUrl: row.thumbnailKey
      ? `/api/3d/models/${row.id}/thumbnail.jpg?rev=${row.updatedAt.getTime()}`
      : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const detailOf = (row: Row): ModelDetail => ({
  ...summaryOf(row),
  model: row.model,
  sourceInput: row.sourceInput,
});

/** Turns any input into a building model, builds its GLB and stores both. */
const LAST_CHANGED_FIRST: SortKey = { key: model3d.updatedAt, id: model3d.id, direction: 'desc' };

export class ModelService {
  constructor(private readonly platform: Platform) {}

  private async resolve(
    ctx: TenantRequestContext,
    input: Generate['source'],
  ): Promise<{ model: BuildingModel; sourceInput: Record<string, unknown> }> {
    switch (input.kind) {
      case 'vorlage': {
        const model = templateModel(input.templateId, input.params);
        if (!model) throw badRequest('unknown_template', `Die Vorlage „${input.templateId}“ gibt es nicht.`);
        return { model, sourceInput: { templateId: input.templateId, params: input.params } };
      }
      case 'text': {
        // With a text provider set up, the language model writes the room program against its
        // JSON schema; otherwise (or when it fails) the rules read it, and the answer says which.
        const ai = await askStructured(this.platform, ctx, {
          purpose: 'room_program',
          schemaName: 'Raumprogramm',
          schema: roomProgramSchema,
          system: ROOM_PROGRAM_SYSTEM,
          prompt: input.text,
        });
        if (ai.status === 'ok')
          return {
            model: layoutProgram(ai.value, { matchArea: true }),
            sourceInput: {
              text: input.text,
              interpretedBy: 'ki',
              provider: ai.provider,
              model: ai.model,
              program: ai.value,
            },
          };
        const reading = readDescription(input.text);
        return {
          model: layoutProgram(reading.program, { matchArea: true }),
          sourceInput: {
            text: input.text,
            interpretedBy: 'regeln',
            understood: reading.understood,
            program: reading.program,
            ...(ai.status === 'failed' ? { aiFailure: ai.reason } : {}),
          },
        };
      }
      case 'programm':
        return { model: layoutProgram(input.program), sourceInput: { program: input.program } };
      case 'modell':
        return { model: input.model, sourceInput: {} };
    }
  }

  private async build(tenantId: string, model: BuildingModel) {
    const started = performance.now();
    const { glb, stats } = await exportGlb(model);
    const key = `tenants/${tenantId}/models3d/${randomUUID()}.glb`;
    await this.platform.files.put(key, Buffer.from(glb));
    return { key, stats: { ...stats, millis: Math.round(performance.now() - started) } };
  }

  /** Builds the GLB and stores the model; the GLB goes again when the row cannot be written. */
  async create(db: TenantDb, values: NewModel): Promise<Row> {
    const glb = await this.build(values.tenantId, values.model);
    try {
      const [row] = await db((tx) =>
        tx
          .insert(model3d)
          .values({
            ...values,
            name: values.model.name,
            figures: modelFigures(values.model),
            glbKey: glb.key,
            glbStats: glb.stats,
          })
          .returning(),
      );
      if (!row) throw new Error('model insert returned nothing');
      return row;
    } catch (error) {
      await this.platform.files.delete(glb.key);
      throw error;
    }
  }

  async generate(ctx: TenantRequestContext, input: Generate): Promise<Row> {
    await assertOwnProperty(ctx, input.propertyId);
    const { model, sourceInput } = await this.resolve(ctx, input.source);
    return this.create(ctx.db, {
      tenantId: ctx.tenantId,
      propertyId: input.propertyId,
      source: input.source.kind,
      sourceInput,
      model: input.name ? { ...model, name: input.name } : model,
      createdBy: ctx.auth.user.id,
    });
  }

  /** A corrected model (from the editor) becomes the next revision with a fresh GLB. */
  /**
   * A corrected model (from the editor) becomes the next revision with a fresh GLB. After a
   * rescale by `rescaledBy`, the plan images underneath keep their alignment.
   */
  async update(
    ctx: TenantRequestContext,
    id: string,
    model: BuildingModel,
    rescaledBy?: number,
  ): Promise<Row> {
    const current = await this.get(ctx, id);
    const sourceInput = rescaledBy ? rescaleUnderlays(current.sourceInput, rescaledBy) : current.sourceInput;
    return this.revise(ctx.db, current, model, sourceInput);
  }

  /** Stores `model` as the revision after `current`; a concurrent save wins, this one is refused. */
  async revise(
    db: TenantDb,
    current: Row,
    model: BuildingModel,
    sourceInput: Record<string, unknown>,
  ): Promise<Row> {
    const glb = await this.build(current.tenantId, model);
    const [row] = await db((tx) =>
      tx
        .update(model3d)
        .set({
          model,
          sourceInput,
          name: model.name,
          figures: modelFigures(model),
          glbKey: glb.key,
          glbStats: glb.stats,
          revision: current.revision + 1,
          updatedAt: new Date(),
        })
        .where(and(eq(model3d.id, current.id), eq(model3d.revision, current.revision)))
        .returning(),
    );
    if (!row) {
      await this.platform.files.delete(glb.key);
      throw badRequest('revision_conflict', 'Das Modell wurde inzwischen geändert. Bitte neu laden.');
    }
    await this.platform.files.delete(current.glbKey);
    return row;
  }

  async get(ctx: TenantRequestContext, id: string): Promise<Row> {
    const [row] = await ctx.db((tx) => tx.select().from(model3d).where(eq(model3d.id, id)));
    if (!row) throw notFound('3D-Modell');
    return row;
  }

  /** A page of the office's models, last changed first (optionally of one property). */
  list(ctx: TenantRequestContext, request: PageRequest & { propertyId?: string | undefined }) {
    const where = request.propertyId ? eq(model3d.propertyId, request.propertyId) : undefined;
    return ctx.db(async (tx) => {
      const { page, total } = await tablePage(
        tx,
        {
          totals: this.platform.listTotals,
          tenantId: ctx.tenantId,
          table: model3d,
          sort: LAST_CHANGED_FIRST,
          where,
        },
        request,
      );
      return pageBody(page.items, page, total, request);
    });
  }

  async remove(ctx: TenantRequestContext, id: string): Promise<void> {
    const row = await this.get(ctx, id);
    await ctx.db((tx) => tx.delete(model3d).where(eq(model3d.id, id)));
    await this.platform.files.delete(row.glbKey);
    if (row.thumbnailKey) await this.platform.files.delete(row.thumbnailKey);
  }

  /** A view saved from the viewer becomes the model's preview (JPEG, 800 px wide at most). */
  async setThumbnail(ctx: TenantRequestContext, id: string, image: Buffer): Promise<Row> {
    const current = await this.get(ctx, id);
    const type = await sniffContentType(image, ['image/png', 'image/jpeg', 'image/webp']);
    if (!type) throw badRequest('unsupported_type', 'Vorschaubilder bitte als PNG, JPEG oder WebP senden.');
    const jpeg = await sharp(image)
      .flatten({ background: '#ffffff' })
      .resize({ width: 800, withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer()
      .catch(() => {
        throw badRequest('unreadable_image', 'Das Vorschaubild lässt sich nicht lesen.');
      });
    const key = `tenants/${ctx.tenantId}/models3d/${randomUUID()}-vorschau.jpg`;
    await this.platform.files.put(key, jpeg);
    const [row] = await ctx.db((tx) =>
      tx
        .update(model3d)
        .set({ thumbnailKey: key, updatedAt: new Date() })
        .where(eq(model3d.id, id))
        .returning(),
    );
    if (!row) {
      await this.platform.files.delete(key);
      throw notFound('3D-Modell');
    }
    if (current.thumbnailKey) await this.platform.files.delete(current.thumbnailKey);
    return row;
  }
}

interface Placement {
  pxPerMetre: number;
  originPx: { x: number; y: number };
}

/** Every plan image's pixels per metre after the model was scaled by `factor`. */
function rescaleUnderlays(input: Record<string, unknown>, factor: number): Record<string, unknown> {
  const scaled = (p: Placement): Placement => ({ ...p, pxPerMetre: p.pxPerMetre / factor });
  const floorPlans = input.floorPlans as Record<string, { placement: Placement }> | undefined;
  return {
    ...input,
    ...(input.placement ? { placement: scaled(input.placement as Placement) } : {}),
    ...(floorPlans
      ? {
          floorPlans: Object.fromEntries(
            Object.entries(floorPlans).map(([floor, plan]) => [
              floor,
              { ...plan, placement: scaled(plan.placement) },
            ]),
          ),
        }
      : {}),
  };
}
