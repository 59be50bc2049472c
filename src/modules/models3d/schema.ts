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
    createdBy: text().references(() => authUser.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('model3d_property').on(t.tenantId, t.propertyId), tenantIsolationPolicy()],
);
