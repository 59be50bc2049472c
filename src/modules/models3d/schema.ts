import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { authUser, tenant } from '../../platform/auth/auth.schema.js';
import { tenantIsolationPolicy } from '../../platform/db/tenant-table.js';
import { property } from '../crm/schema.js';
import type { BuildingModel } from './domain/building-model.js';
import type { ModelFigures } from './domain/geometry.js';
import type { ExportStats } from './server/export-gltf.js';

/** A building model with its latest GLB; each edit raises the revision and rebuilds the GLB. */
export const model3d = pgTable(
  'model3d',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: text()
      .notNull()
      .references(() => tenant.id, { onDelete: 'cascade' }),
    // A model outlives its listing's deletion (unassigned), so its GLB is never orphaned.
    propertyId: uuid().references(() => property.id, { onDelete: 'set null' }),
    name: text().notNull(),
    /** vorlage, text, programm, modell */
    source: text().notNull(),
    /** What it was made from: template and parameters, or the description and what was read. */
    sourceInput: jsonb().$type<Record<string, unknown>>().notNull(),
    model: jsonb().$type<BuildingModel>().notNull(),
    revision: integer().notNull().default(1),
    figures: jsonb().$type<ModelFigures>().notNull(),
    glbKey: text().notNull(),
    glbStats: jsonb().$type<ExportStats & { millis: number }>().notNull(),
    /** A view of the model saved from the viewer, for lists and previews. */
    thumbnailKey: text(),
    createdBy: text().references(() => authUser.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('model3d_property').on(t.tenantId, t.propertyId),
    // The list's order (issue 19): a page walks the index and stops, instead of sorting every row.
    index('model3d_tenant_updated').on(t.tenantId, t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    tenantIsolationPolicy(),
  ],
);

/** An uploaded floor plan being read (a job); the result is a model that opens in the editor. */
export const model3dPlan = pgTable(
  'model3d_plan',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: text()
      .notNull()
      .references(() => tenant.id, { onDelete: 'cascade' }),
    propertyId: uuid().references(() => property.id, { onDelete: 'set null' }),
    name: text().notNull(),
    fileName: text().notNull(),
    contentType: text().notNull(),
    fileKey: text().notNull(),
    /** The page the plan was read from as PNG, the editor's underlay. */
    underlayKey: text(),
    /** Two points in the uploaded image and their distance in metres, when given. */
    reference: jsonb().$type<{ a: { x: number; y: number }; b: { x: number; y: number }; metres: number }>(),
    /** wartet, laeuft, fertig, fehler */
    status: text().notNull().default('wartet'),
    error: jsonb().$type<{ code: string; message: string }>(),
    /** Scale, placement of the model on the underlay, what was found, duration. */
    reading: jsonb().$type<Record<string, unknown>>(),
    modelId: uuid().references(() => model3d.id, { onDelete: 'set null' }),
    /** Set when the plan adds a floor of this name to `modelId` instead of making a model. */
    floorName: text(),
    jobRunId: uuid(),
    createdBy: text().references(() => authUser.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('model3d_plan_model').on(t.tenantId, t.modelId), tenantIsolationPolicy()],
);
