import { z } from 'zod';

/** The `cursor` query parameter of every list: a position written by the list itself. */
export const listCursor = z
  .string()
  .max(400)
  .optional()
  .describe('nextCursor or prevCursor of a previous page; when given, page is ignored');

/** The response of every list (issue 19): a page, its total and the cursors to read on. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    /** Exact up to 1.000 matches; above, the planner's estimate (see `totalExact`). */
    total: z.number(),
    totalExact: z.boolean(),
    page: z.number(),
    pageSize: z.number(),
    /** Reads on after the last item (same sort and filters); null on the last page. */
    nextCursor: z.string().nullable(),
    /** Reads back before the first item; null on the first page. */
    prevCursor: z.string().nullable(),
  });

/** The paging parameters of every list's query string (`pageSize` default per list). */
export const pageQuery = (defaultPageSize = 25) =>
  z.object({
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(defaultPageSize),
    /** Counts every match instead of stopping at 1.000 (slower on large lists). */
    exactTotal: z.stringbool().optional(),
    cursor: listCursor,
  });

/** A list response as the web reads it. */
export type ListPage<T> = Omit<z.infer<ReturnType<typeof pageOf>>, 'items'> & { items: T[] };
