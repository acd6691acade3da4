/**
 * Cursor pagination as every list route speaks it: `?cursor=&limit=` in, `{ items, nextCursor }`
 * out, where `nextCursor` is null on the last page and is passed back unchanged for the next.
 * @module
 */
import { z } from "@hono/zod-openapi";
import type { Page, PageRequest } from "../store/mod.ts";
import { ApiError } from "./errors.ts";

/** Largest page a caller may ask for. */
export const MAX_PAGE_LIMIT = 200;

/** The query fields of a paged list (spread into a route's query object). */
export const pageQueryFields = {
  cursor: z.string().min(1).max(1000).optional()
    .openapi({ param: { name: "cursor", in: "query" }, description: "The previous nextCursor" }),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(50)
    .openapi({ param: { name: "limit", in: "query" }, example: 50 }),
};

/** The answer of a paged list of `item`. */
export function pageSchema<S extends z.ZodType>(item: S) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable()
      .openapi({ description: "Send as `cursor` for the next page; null on the last page" }),
  });
}

/** A store page as the API answers it. */
export function pageBody<T>(page: Page<T>): { items: T[]; nextCursor: string | null } {
  return { items: page.items, nextCursor: page.cursor };
}

/**
 * Up to `limit` items of a listing that match `keep`, reading the listing's pages until that many
 * are found, the listing ends or `maxReads` pages were read; the cursor continues after the last
 * page read, so a filtered page may hold fewer than `limit` items while `nextCursor` is not null.
 */
export async function filteredPage<T>(
  read: (request: PageRequest) => Promise<Page<T>>,
  keep: (item: T) => boolean,
  request: { limit: number; cursor: string | null },
  maxReads = 10,
): Promise<Page<T>> {
  const items: T[] = [];
  let cursor = request.cursor;
  for (let reads = 0; reads < maxReads && items.length < request.limit; reads++) {
    const page = await read({ limit: request.limit - items.length, cursor });
    items.push(...page.items.filter(keep));
    cursor = page.cursor;
    if (cursor === null) break;
  }
  return { items, cursor };
}

/** Rethrows a cursor KV could not read as the caller's 400; any other error as it is. */
export function badCursor(error: unknown): never {
  if (error instanceof TypeError || error instanceof RangeError) {
    throw new ApiError(400, "validation_failed", "the cursor is not one this list gave", {
      details: [{ field: "query.cursor", message: error.message }],
    });
  }
  throw error;
}
