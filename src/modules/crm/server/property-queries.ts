import { and, asc, desc, eq, getTableColumns, gte, inArray, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import { cappedTotal, type ListTotal } from '../../../platform/db/list-page.js';
import type { PropertyListQuery } from '../contract.js';
import { property, propertyMedia } from '../schema.js';
import type { MediaRow, PropertyRow } from './property-view.js';

/**
 * Turns what a user types into a German prefix query: "seebl konst" → seebl:* & konst:*.
 * Only letters and digits survive, so no tsquery syntax can be injected.
 */
export function prefixTsQuery(input: string): string | null {
  const tokens = searchTokens(input);
  return tokens.length > 0 ? tokens.map((t) => `${t}:*`).join(' & ') : null;
}

/** The words of a search input: letters and digits only, at most eight. */
export function searchTokens(input: string): string[] {
  return input
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 8);
}

/**
 * A property search: every word must match the full-text index as a prefix, or sit inside the
 * title or object number. German compounds ("Dachgeschosswohnung") are one lexeme to the
 * full-text parser, so "Wohnung" only finds them as a substring; object numbers
 * ("IMX-2026-44CE3B") are split oddly by the parser, so they match on the column itself.
 */
export function propertySearch(input: string): SQL | null {
  const tokens = searchTokens(input);
  if (tokens.length === 0) return null;
  // The substring test uses exactly the expression of the trigram index crm_property_text_trgm;
  // trigrams need three characters, shorter words match as full-text prefixes only.
  const text = sql`lower(${property.title} || ' ' || ${property.externalId})`;
  const words = tokens.map((token) =>
    token.length >= 3
      ? sql`(${property.searchVector} @@ to_tsquery('german', ${`${token}:*`}) or ${text} like ${`%${token}%`})`
      : sql`${property.searchVector} @@ to_tsquery('german', ${`${token}:*`})`,
  );
  return sql`(lower(${property.externalId}) = ${input.trim().toLowerCase()} or (${sql.join(words, sql` and `)}))`;
}

/** Every property column but the search vector: lists should not ship a tsvector per row to Node. */
const { searchVector: _searchVector, ...propertyColumns } = getTableColumns(property);

export { propertyColumns };

const priceCents = sql`coalesce(${property.purchasePriceCents}, ${property.coldRentCents})`;

const SORT_COLUMNS = {
  createdAt: property.createdAt,
  updatedAt: property.updatedAt,
  price: priceCents,
  livingArea: property.livingArea,
  rooms: property.rooms,
  city: property.city,
  title: property.title,
} as const;

/** Sorts on columns that may be empty put the empty ones last; the rest keep index order. */
const NULLABLE_SORTS = new Set<PropertyListQuery['sort']>(['price', 'livingArea', 'rooms']);

export function propertyFilters(query: Partial<PropertyListQuery>): SQL[] {
  const filters: SQL[] = [];
  if (query.status) filters.push(eq(property.status, query.status));
  if (query.marketingType) filters.push(eq(property.marketingType, query.marketingType));
  if (query.objectType) filters.push(eq(property.objectType, query.objectType));
  if (query.city) filters.push(sql`lower(${property.city}) = lower(${query.city})`);
  if (query.agentId) filters.push(eq(property.assignedAgentId, query.agentId));
  if (query.minPrice !== undefined) filters.push(sql`${priceCents} >= ${Math.round(query.minPrice * 100)}`);
  if (query.maxPrice !== undefined) filters.push(sql`${priceCents} <= ${Math.round(query.maxPrice * 100)}`);
  if (query.minArea !== undefined) filters.push(gte(property.livingArea, query.minArea));
  if (query.minRooms !== undefined) filters.push(gte(property.rooms, query.minRooms));
  const search = query.q ? propertySearch(query.q) : null;
  if (search) filters.push(search);
  return filters;
}

export async function listProperties(
  tx: Tx,
  query: PropertyListQuery,
): Promise<{ rows: PropertyRow[]; total: ListTotal }> {
  const where = and(...propertyFilters(query));
  const column = SORT_COLUMNS[query.sort];
  const direction = query.order === 'asc' ? asc : desc;
  // Step 1 reads only narrow columns (index-only where the list index covers the filter): the
  // page's ids in order. The total is counted apart and only up to a cap — an exact count over
  // thousands of matches was most of a list request's cost (issue 19).
  const page = await tx
    .select({ id: property.id })
    .from(property)
    .where(where)
    .orderBy(
      NULLABLE_SORTS.has(query.sort) ? sql`${direction(column)} nulls last` : direction(column),
      direction(property.id),
    )
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const total = await cappedTotal(tx, property, where, { exact: query.exactTotal });
  if (page.length === 0) return { rows: [], total };
  // Step 2 fetches the full rows of just this page.
  const ids = page.map((p) => p.id);
  const full = await tx.select(propertyColumns).from(property).where(inArray(property.id, ids));
  const byId = new Map(full.map((row) => [row.id, row]));
  return { rows: ids.flatMap((id) => byId.get(id) ?? []), total };
}

/** The title image (or first photo) and the photo count of each property. */
export async function titleImagesOf(
  tx: Tx,
  propertyIds: string[],
): Promise<Map<string, { title: MediaRow | null; photos: number }>> {
  const result = new Map<string, { title: MediaRow | null; photos: number }>();
  if (propertyIds.length === 0) return result;
  const media = await tx
    .select()
    .from(propertyMedia)
    .where(and(inArray(propertyMedia.propertyId, propertyIds), eq(propertyMedia.kind, 'photo')))
    .orderBy(desc(propertyMedia.isTitle), asc(propertyMedia.position));
  for (const id of propertyIds) result.set(id, { title: null, photos: 0 });
  for (const row of media) {
    const entry = result.get(row.propertyId)!;
    if (!entry.title) entry.title = row;
    entry.photos += 1;
  }
  return result;
}
