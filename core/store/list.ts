/** Cursor pagination over a key range, each value parsed with its zod schema. */
import type { z } from "zod";

/** One page of a listing; `cursor` continues after the last item, `null` when nothing follows. */
export interface Page<T> {
  readonly items: T[];
  readonly cursor: string | null;
}

/** How much of a listing to read, and from where. */
export interface PageRequest {
  /** Items per page, 1–1000 (default 100). */
  readonly limit?: number;
  /** A cursor from the previous page. */
  readonly cursor?: string | null;
  /** Newest (highest key) first. */
  readonly reverse?: boolean;
}

/**
 * Reads one page of `selector`, parsing each value with `schema` (a value that does not parse
 * fails loudly: the store wrote it, so a mismatch is a bug or a missed migration).
 *
 * @example
 * const { items, cursor } = await listPage(kv, { prefix: ["audit"] }, auditEntrySchema);
 */
export async function listPage<S extends z.ZodType>(
  kv: Deno.Kv,
  selector: Deno.KvListSelector,
  schema: S,
  request: PageRequest = {},
): Promise<Page<z.output<S>>> {
  const limit = request.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new RangeError(`page limit ${limit}: expected an integer 1–1000`);
  }
  // one more than asked, to learn whether anything follows without a second round trip
  const iterator = kv.list(selector, {
    limit: limit + 1,
    cursor: request.cursor ?? undefined,
    reverse: request.reverse,
  });
  const items: z.output<S>[] = [];
  let cursor: string | null = null;
  for await (const entry of iterator) {
    if (items.length === limit) return { items, cursor };
    items.push(schema.parse(entry.value));
    cursor = iterator.cursor;
  }
  return { items, cursor: null };
}
