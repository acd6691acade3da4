/**
 * How the KIS client keeps its app key's rate budget, from `KIS_RATE_BUDGET`: `shared` (a KV
 * commit per request, for processes that share the key) or `leased` (spent from memory under a
 * KV lease, for the one process that uses the key). Unset: the runtime's default, `leased` in the
 * embedded demo and `shared` with KIS keys (see docs/kis.md, "Rate budget").
 * @module
 */
import { z } from "zod";
import type { RateBudgetSharing } from "../broker/kis/mod.ts";
import { parseSection } from "./section.ts";

/** The rate budget's sub-schema of the environment. */
export const kisRateBudgetEnvSchema = z.object({
  KIS_RATE_BUDGET: z.enum(["shared", "leased"], {
    error: "KIS_RATE_BUDGET must be shared or leased",
  }).optional(),
}).transform((vars): RateBudgetSharing | undefined => vars.KIS_RATE_BUDGET);

/**
 * Reads `KIS_RATE_BUDGET` (empty counts as unset, then undefined); throws an `Error` naming the
 * variable for any other value.
 * @example
 * ```ts
 * parseRateBudgetEnv({ KIS_RATE_BUDGET: "leased" }); // "leased"
 * ```
 */
export function parseRateBudgetEnv(
  env: Record<string, string | undefined>,
): RateBudgetSharing | undefined {
  return parseSection(kisRateBudgetEnvSchema, env, "KIS");
}
