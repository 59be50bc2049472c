import { count, eq, ne } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import type { Tx } from '../../../platform/db/database.js';
import type { TenantRequestContext } from '../../../platform/http/access-control.js';
import { conflict, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { assertCapacity } from '../../../platform/plans/plan-limits.js';
import type { CreatePropertyInput, PropertyDetail, UpdatePropertyInput } from '../contract.js';
import type { PropertyStatus } from '../domain/property-enums.js';
import { allowedTransitions, canTransition } from '../domain/property-lifecycle.js';
import '../events.js';
import { activity, property, propertyMedia } from '../schema.js';
import { assertAgentInTenant } from './assert-agent.js';
import { toCents } from './money.js';
import { titleImagesOf } from './property-queries.js';
import { mediaView, type PropertyRow, propertyView } from './property-view.js';
import { generatedExternalId, propertySlug } from './slug.js';

type Columns = Partial<typeof property.$inferInsert>;

/** API fields → columns (euros → cents); `undefined` stays undefined so PATCH leaves it alone. */
function toColumns(input: UpdatePropertyInput): Columns {
  const { purchasePrice, coldRent, warmRent, additionalCosts, hausgeld, ...rest } = input;
  const columns: Columns = { ...rest };
  const prices = {
    purchasePriceCents: toCents(purchasePrice),
    coldRentCents: toCents(coldRent),
    warmRentCents: toCents(warmRent),
    additionalCostsCents: toCents(additionalCosts),
    hausgeldCents: toCents(hausgeld),
  };
  for (const [key, value] of Object.entries(prices))
    if (value !== undefined) (columns as Record<string, unknown>)[key] = value;
  return columns;
}

const auditable = (row: PropertyRow): Record<string, unknown> => {
  const {
    searchVector: _s,
    createdAt: _c,
    updatedAt: _u,
    ...rest
  } = row as PropertyRow & {
    searchVector?: unknown;
  };
  return rest;
};

/** The listings a plan counts: all but the archived ones. */
export async function countedProperties(tx: Tx): Promise<number> {
  const [n] = await tx.select({ n: count() }).from(property).where(ne(property.status, 'archiviert'));
  return n?.n ?? 0;
}

export class PropertyService {
  constructor(private readonly platform: Platform) {}

  async create(ctx: TenantRequestContext, input: CreatePropertyInput): Promise<PropertyDetail> {
    await assertAgentInTenant(this.platform, ctx.tenantId, input.assignedAgentId);
    const row = await ctx.db(async (tx) => {
      await assertCapacity(tx, 'properties', () => countedProperties(tx));
      const externalId = input.externalId ?? generatedExternalId();
      const [duplicate] = await tx
        .select({ id: property.id })
        .from(property)
        .where(eq(property.externalId, externalId));
      if (duplicate)
        throw conflict('external_id_taken', `Die Objektnummer ${externalId} ist bereits vergeben.`);
      const [created] = await tx
        .insert(property)
        .values({
          ...toColumns(input),
          marketingType: input.marketingType,
          objectType: input.objectType,
          title: input.title,
          postalCode: input.postalCode,
          city: input.city,
          externalId,
          slug: propertySlug(input.title),
          tenantId: ctx.tenantId,
          status: 'entwurf',
          assignedAgentId: input.assignedAgentId ?? ctx.auth.user.id,
          createdBy: ctx.auth.user.id,
        })
        .returning();
      if (!created) throw new Error('insert returned nothing');
      await recordAudit(tx, ctx.actor, {
        entity: 'property',
        entityId: created.id,
        action: 'created',
        after: auditable(created),
      });
      return created;
    });
    this.platform.events.emit('property.created', ctx.tenantId, { propertyId: row.id }, ctx.auth.user.id);
    return this.detail(ctx, row.id);
  }

  async detail(ctx: TenantRequestContext, id: string): Promise<PropertyDetail> {
    return ctx.db(async (tx) => {
      const [row] = await tx.select().from(property).where(eq(property.id, id));
      if (!row) throw notFound('Objekt');
      const media = await tx
        .select()
        .from(propertyMedia)
        .where(eq(propertyMedia.propertyId, id))
        .orderBy(propertyMedia.position);
      const title = (await titleImagesOf(tx, [id])).get(id);
      return {
        ...propertyView(row, title?.title ?? null, title?.photos ?? 0, this.platform.publicUrl),
        media: media.map(mediaView),
      };
    });
  }

  async update(ctx: TenantRequestContext, id: string, input: UpdatePropertyInput): Promise<PropertyDetail> {
    await assertAgentInTenant(this.platform, ctx.tenantId, input.assignedAgentId);
    await ctx.db(async (tx) => {
      const [before] = await tx.select().from(property).where(eq(property.id, id));
      if (!before) throw notFound('Objekt');
      if (input.externalId && input.externalId !== before.externalId) {
        const [duplicate] = await tx
          .select({ id: property.id })
          .from(property)
          .where(eq(property.externalId, input.externalId));
        if (duplicate)
          throw conflict('external_id_taken', `Die Objektnummer ${input.externalId} ist bereits vergeben.`);
      }
      const [after] = await tx
        .update(property)
        .set({ ...toColumns(input), updatedAt: new Date() })
        .where(eq(property.id, id))
        .returning();
      if (!after) throw notFound('Objekt');
      await recordAudit(tx, ctx.actor, {
        entity: 'property',
        entityId: id,
        action: 'updated',
        before: auditable(before),
        after: auditable(after),
      });
    });
    this.platform.events.emit(
      'property.updated',
      ctx.tenantId,
      { propertyId: id, fields: Object.keys(input) },
      ctx.auth.user.id,
    );
    return this.detail(ctx, id);
  }

  async changeStatus(ctx: TenantRequestContext, id: string, to: PropertyStatus): Promise<PropertyDetail> {
    const { from, slug } = await ctx.db(async (tx) => {
      const [before] = await tx.select().from(property).where(eq(property.id, id));
      if (!before) throw notFound('Objekt');
      const from = before.status as PropertyStatus;
      if (!canTransition(from, to, before.marketingType as 'kauf' | 'miete')) {
        throw conflict(
          'invalid_transition',
          `Ein Objekt im Status „${from}“ kann nicht auf „${to}“ gesetzt werden.`,
          {
            from,
            to,
            allowed: allowedTransitions(from, before.marketingType as 'kauf' | 'miete'),
          },
        );
      }
      // Taken back from the archive, a listing counts against the plan again.
      if (from === 'archiviert') await assertCapacity(tx, 'properties', () => countedProperties(tx));
      await tx
        .update(property)
        .set({
          status: to,
          updatedAt: new Date(),
          ...(to === 'aktiv' && !before.publishedAt ? { publishedAt: new Date() } : {}),
        })
        .where(eq(property.id, id));
      await tx.insert(activity).values({
        tenantId: ctx.tenantId,
        propertyId: id,
        kind: 'status',
        subject: `Status: ${from} → ${to}`,
        userId: ctx.auth.user.id,
        userName: ctx.auth.user.name,
      });
      await recordAudit(tx, ctx.actor, {
        entity: 'property',
        entityId: id,
        action: 'status.changed',
        before: { status: from },
        after: { status: to },
      });
      return { from, slug: before.slug };
    });
    this.platform.events.emit(
      'property.status_changed',
      ctx.tenantId,
      { propertyId: id, from, to },
      ctx.auth.user.id,
    );
    if (to === 'aktiv')
      this.platform.events.emit(
        'property.published',
        ctx.tenantId,
        { propertyId: id, slug },
        ctx.auth.user.id,
      );
    return this.detail(ctx, id);
  }

  /** Drafts and archived listings can be deleted; anything that was on the market is archived instead. */
  async delete(ctx: TenantRequestContext, id: string): Promise<string[]> {
    const fileKeys = await ctx.db(async (tx) => {
      const [row] = await tx.select().from(property).where(eq(property.id, id));
      if (!row) throw notFound('Objekt');
      if (row.status !== 'entwurf' && row.status !== 'archiviert') {
        throw conflict(
          'property_in_use',
          'Nur Entwürfe und archivierte Objekte können gelöscht werden. Archivieren Sie das Objekt zuerst.',
        );
      }
      const media = await tx.select().from(propertyMedia).where(eq(propertyMedia.propertyId, id));
      await tx.delete(property).where(eq(property.id, id));
      await recordAudit(tx, ctx.actor, {
        entity: 'property',
        entityId: id,
        action: 'deleted',
        before: auditable(row),
      });
      return media.flatMap((m) => [m.originalKey, m.webKey, m.thumbKey]);
    });
    await Promise.all(fileKeys.map((key) => this.platform.files.delete(key)));
    this.platform.events.emit('property.deleted', ctx.tenantId, { propertyId: id }, ctx.auth.user.id);
    return fileKeys;
  }
}
