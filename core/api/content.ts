/**
 * OpenAPI `content` blocks: every body the API reads or writes is JSON.
 * @module
 */
import type { z } from "@hono/zod-openapi";
import { errorBodySchema } from "./errors.ts";

/** The `content` of a JSON body described by `schema`. */
export function jsonContent<S extends z.ZodType>(schema: S): { "application/json": { schema: S } } {
  return { "application/json": { schema } };
}

/** The `content` of every error answer: the API's one error shape. */
export const errorContent = jsonContent(errorBodySchema);
