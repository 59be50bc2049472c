import { and, asc, desc, eq, getTableColumns, gte, inArray, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import { JsonList } from '../../../platform/db/json-rows.js';
import type { ListTotal, SeekPage, SortKey } from '../../../platform/db/list-page.js';
import type { PropertyListQuery } from '../contract.js';
import { property, propertyMedia } from '../schema.js';
import type { MediaRow, PropertyRow, TitleImageRow } from './property-view.js';

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
  // The whole input as one substring catches object numbers the word split would cut apart; it
  // uses the same trigram index, so the planner can answer the OR with index bitmaps alone.
  const whole = input
    .trim()
    .toLowerCase()
    .replace(/[%_\\]/g, '');
  if (whole.length < 3) return sql`(${sql.join(words, sql` and `)})`;
  return sql`(${text} like ${`%${whole}%`} or (${sql.join(words, sql` and `)}))`;
}

/** Every property column but the search vector: lists should not ship a tsvector per row to Node. */
const { searchVector: _searchVector, ...propertyColumns } = getTableColumns(property);

/** What a list row needs: no long texts (the detail page reads those), no search vector. */
const {
  description: _description,
  locationDescription: _locationDescription,
  equipmentDescription: _equipmentDescription,
  internalNotes: _internalNotes,
  ...propertyListColumns
} = propertyColumns;

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

/** The title image (or first photo) of the row being listed, as the list shows it. */
const titleImage = sql<TitleImageRow | null>`(
  select json_build_object('id', m.id, 'kind', m.kind, 'position', m.position, 'isTitle', m.is_title,
    'altText', m.alt_text, 'width', m.width, 'height', m.height, 'sizeBytes', m.size_bytes)
    from ${propertyMedia} m where m.property_id = ${property.id} and m.kind = 'photo'
   order by m.is_title desc, m.position asc limit 1)`;
const photoCount = sql<number>`(
  select count(*)::int from ${propertyMedia} m where m.property_id = ${property.id} and m.kind = 'photo')`;

/** A list row: the narrow columns, the title image and the photo count. */
const propertyList = new JsonList(property, {
  ...propertyListColumns,
  titleImage: titleImage.as('title_image'),
  photoCount: photoCount.as('photo_count'),
});

export type PropertyListRow = Omit<
  PropertyRow,
  'description' | 'locationDescription' | 'equipmentDescription' | 'internalNotes'
> & { titleImage: TitleImageRow | null; photoCount: number };

/**
 * One statement per page (issue 19): the narrow list columns, the title image and the photo
 * count (PostgreSQL evaluates those two after the sort and limit, for the page's rows only) and
 * one row more than the page, which says whether there is a next page. Reads from a cursor when
 * given, else by page number.
 */
export async function listProperties(
  tx: Tx,
  query: PropertyListQuery,
  countTotal: (where: SQL | undefined) => Promise<ListTotal>,
): Promise<{ page: SeekPage<PropertyListRow>; total: ListTotal }> {
  const where = and(...propertyFilters(query));
  const sort: SortKey = {
    key: SORT_COLUMNS[query.sort],
    id: property.id,
    direction: query.order,
    nullable: NULLABLE_SORTS.has(query.sort),
  };
  const page = await propertyList.seek(tx, sort, where, query);
  const total = await countTotal(where);
  return { page, total };
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
