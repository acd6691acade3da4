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

/** The answers of a route that asks the broker: its rate limit, its failure, none reachable. */
export const brokerFailureAnswers = {
  429: { description: "The broker's rate limit; see Retry-After", content: errorContent },
  502: { description: "The broker failed", content: errorContent },
  503: { description: "No broker configured, or it cannot be reached", content: errorContent },
};
