/**
 * JSON answers serialised ahead of the request, for bodies many requests share: the text keeps the
 * type it was made from, so the route's answer is checked against its schema as `c.json` would be.
 * @module
 */
import type { Context } from "hono";
import type { TypedResponse } from "hono/types";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { JSONParsed } from "hono/utils/types";

/** JSON text that is the serialisation of a `T`. */
export type JsonText<T> = string & { readonly __serialises: T };

/**
 * `JSON.stringify(value)`, remembering the value's type.
 *
 * @example const body = jsonText({ items: [] });
 */
export function jsonText<T>(value: T): JsonText<T> {
  return JSON.stringify(value) as JsonText<T>;
}

/**
 * Answers `text` as `c.json(value, status)` would have answered the value it was made from.
 *
 * @example return respondJson(c, body, 200);
 */
export function respondJson<T, U extends ContentfulStatusCode>(
  c: Context,
  text: JsonText<T>,
  status: U,
): Response & TypedResponse<JSONParsed<T>, U, "json"> {
  const response = c.body(text, status, { "Content-Type": "application/json" });
  // The same bytes and headers `c.json` sends; only the type parameter differs.
  return response as unknown as Response & TypedResponse<JSONParsed<T>, U, "json">;
}
